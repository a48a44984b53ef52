package io.cairn.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.cairn.storage.MapDbEngine;

/**
 * Server configuration by Redis's names, from a redis.conf-style file, command-line flags
 * ({@code --port 7000}) and CONFIG SET. One registry of parameters: each has a default, a check
 * of its values and whether it may change at run time.
 */
public final class Config {

    /** One parameter; {@code check} returns true when a value is acceptable. */
    public static final class Param {
        final String name;
        volatile String value;
        final boolean mutable;
        final Predicate<String> check;
        final List<Consumer<String>> listeners = new ArrayList<>();

        Param(String name, String value, boolean mutable, Predicate<String> check) {
            this.name = name;
            this.value = value;
            this.mutable = mutable;
            this.check = check;
        }
    }

    private final Map<String, Param> params = new LinkedHashMap<>();
    /** The file given on the command line, if any (CONFIG REWRITE writes it back, INFO shows it). */
    private volatile Path file;

    public Config() {
        define("port", "6379", false, Config::isPort);
        define("bind", "127.0.0.1", false, v -> !v.isBlank());
        define("dir", "./data", false, v -> !v.isBlank());
        define("appendfsync", "everysec", true, v -> List.of("always", "everysec", "no").contains(v.toLowerCase(Locale.ROOT)));
        define("appendonly", "yes", true, Config::isBool);
        define("requirepass", "", true, v -> true);
        define("maxclients", "10000", true, v -> isLongAtLeast(v, 1));
        define("databases", "16", false, v -> isLongAtLeast(v, 1));
        define("proto-max-bulk-len", "64mb", true, v -> memory(v) >= 1024 * 1024);
        define("timeout", "0", true, v -> isLongAtLeast(v, 0));
        define("tcp-keepalive", "300", true, v -> isLongAtLeast(v, 0));
        define("tls-port", "0", false, Config::isPort);
        define("protected-mode", "no", true, Config::isBool);
        define("daemonize", "no", false, Config::isBool);
        define("loglevel", "notice", true, v -> List.of("debug", "verbose", "notice", "warning", "nothing").contains(v));
        define("logfile", "", false, v -> true);
        define("save", "", true, v -> true);
        define("dbfilename", "cairn.mapdb", false, v -> true);
        define("maxmemory", "0", true, v -> memory(v) >= 0);
        define("maxmemory-policy", "noeviction", true, v -> true);
        define("hz", "10", true, v -> isLongAtLeast(v, 1));
        define("io-threads", "1", false, v -> isLongAtLeast(v, 1));
        define("slowlog-log-slower-than", "10000", true, v -> isLong(v));
        define("slowlog-max-len", "128", true, v -> isLongAtLeast(v, 0));
        define("key-max-bytes", "8kb", true, v -> memory(v) >= 1);
        define("flush-interval-ms", "5000", false, v -> isLongAtLeast(v, 1));
        define("flush-log-size", Long.toString(MapDbEngine.DEFAULT_FLUSH_LOG_BYTES), false, v -> memory(v) >= 1);
        define("list-max-listpack-size", "-2", true, v -> true);
    }

    private void define(String name, String value, boolean mutable, Predicate<String> check) {
        params.put(name, new Param(name, value, mutable, check));
    }

    public String get(String name) {
        Param p = params.get(name);
        if (p == null) throw new IllegalArgumentException("unknown config " + name);
        return p.value;
    }

    public int getInt(String name) {
        return (int) Long.parseLong(get(name));
    }

    public long getMemory(String name) {
        return memory(get(name));
    }

    /** Called with the new value whenever {@code name} changes at run time. */
    public void onChange(String name, Consumer<String> listener) {
        params.get(name).listeners.add(listener);
    }

    /** Parameters whose name matches the glob, in declaration order. */
    public Map<String, String> matching(String glob) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Param p : params.values()) {
            if (Glob.matches(glob.getBytes(StandardCharsets.UTF_8), p.name.getBytes(StandardCharsets.UTF_8), true)) {
                out.put(p.name, p.value);
            }
        }
        return out;
    }

    public boolean isKnown(String name) {
        return params.containsKey(name.toLowerCase(Locale.ROOT));
    }

    public boolean isMutable(String name) {
        Param p = params.get(name.toLowerCase(Locale.ROOT));
        return p != null && p.mutable;
    }

    public boolean isValid(String name, String value) {
        Param p = params.get(name.toLowerCase(Locale.ROOT));
        return p != null && p.check.test(value);
    }

    /** Sets a value at start-up (file or flag): any known parameter. */
    public void set(String name, String value) {
        Param p = params.get(name.toLowerCase(Locale.ROOT));
        if (p == null) throw new IllegalArgumentException("Bad directive or wrong number of arguments: " + name);
        if (!p.check.test(value)) throw new IllegalArgumentException("Invalid argument '" + value + "' for '" + name + "'");
        p.value = value;
    }

    /** Sets a value at run time (CONFIG SET), notifying listeners; validity checked by the caller. */
    public void update(String name, String value) {
        Param p = params.get(name.toLowerCase(Locale.ROOT));
        p.value = value;
        for (Consumer<String> l : p.listeners) l.accept(value);
    }

    /** The configuration file the server was started with, or null. */
    public Path file() {
        return file;
    }

    public Map<String, String> all() {
        Map<String, String> out = new LinkedHashMap<>();
        params.values().forEach(p -> out.put(p.name, p.value));
        return Collections.unmodifiableMap(out);
    }

    /** Reads a redis.conf-style file: "name value..." lines, '#' comments, quoted values. */
    public void loadFile(Path file) throws IOException {
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int sp = line.indexOf(' ');
            String name = sp < 0 ? line : line.substring(0, sp);
            String value = sp < 0 ? "" : unquote(line.substring(sp + 1).strip());
            set(name, value);
        }
    }

    /** Applies "[file.conf] --name value ..." as redis-server takes them. */
    public void loadArgs(String[] args) throws IOException {
        int i = 0;
        if (args.length > 0 && !args[0].startsWith("--")) {
            file = Path.of(args[0]).toAbsolutePath();
            loadFile(file);
            i = 1;
        }
        while (i < args.length) {
            String a = args[i];
            if (!a.startsWith("--")) throw new IllegalArgumentException("unexpected argument '" + a + "'");
            String name = a.substring(2);
            List<String> values = new ArrayList<>();
            i++;
            while (i < args.length && !args[i].startsWith("--")) values.add(args[i++]);
            set(name, String.join(" ", values));
        }
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    static boolean isBool(String v) {
        return v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("no");
    }

    static boolean isPort(String v) {
        return isLong(v) && Long.parseLong(v) >= 0 && Long.parseLong(v) <= 65535;
    }

    static boolean isLong(String v) {
        try {
            Long.parseLong(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static boolean isLongAtLeast(String v, long min) {
        return isLong(v) && Long.parseLong(v) >= min;
    }

    /** Redis memory units: 1k = 1000, 1kb = 1024, and so on; -1 when unparsable. */
    public static long memory(String v) {
        String s = v.strip().toLowerCase(Locale.ROOT);
        long mul = 1;
        String[][] units = {{"gb", "1073741824"}, {"mb", "1048576"}, {"kb", "1024"}, {"g", "1000000000"},
                {"m", "1000000"}, {"k", "1000"}, {"b", "1"}};
        for (String[] u : units) {
            if (s.endsWith(u[0])) {
                mul = Long.parseLong(u[1]);
                s = s.substring(0, s.length() - u[0].length());
                break;
            }
        }
        try {
            long n = Long.parseLong(s);
            return n < 0 ? -1 : n * mul;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
