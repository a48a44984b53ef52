package io.cairn.server.commands;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.cairn.server.Config;
import io.cairn.server.command.Args;

/**
 * What kind of value each parameter takes, for CONFIG SET's Redis error texts ("argument must be
 * between 0 and 2147483647 inclusive", "argument must be 'yes' or 'no'", ...), for the canonical
 * form stored (memory in bytes, enums in lower case) and for how CONFIG GET shows a value.
 * {@link Config}'s own check still has the last word on validity.
 */
final class ConfigRules {

    /** A rejected value; {@code message} is what follows "CONFIG SET failed (...) - ". */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private interface Rule {
        /** The value to store, or throws with Redis's reason. */
        String normalize(String value) throws Invalid;

        default String display(String stored) {
            return stored;
        }

        /** How CONFIG REWRITE writes the value to the file. */
        default String fileForm(String stored) {
            return display(stored);
        }
    }

    private record IntRule(long min, long max) implements Rule {
        @Override
        public String normalize(String value) throws Invalid {
            Long v = Args.parseLong(value.getBytes(StandardCharsets.UTF_8));
            if (v == null) throw new Invalid("argument couldn't be parsed into an integer");
            if (v < min || v > max) throw new Invalid("argument must be between " + min + " and " + max + " inclusive");
            return Long.toString(v);
        }
    }

    private record MemoryRule(long min, long max) implements Rule {
        @Override
        public String normalize(String value) throws Invalid {
            long v = Config.memory(value);
            if (v < 0 || value.isBlank() || value.strip().length() != value.length()) {
                throw new Invalid("argument must be a memory value");
            }
            if (v < min || v > max) throw new Invalid("argument must be between " + min + " and " + max + " inclusive");
            return Long.toString(v);
        }

        @Override
        public String display(String stored) {
            long v = Config.memory(stored);
            return v < 0 ? stored : Long.toString(v);
        }

        /** Redis's rewriteConfigBytesOption: the largest of gb, mb, kb that divides the value. */
        @Override
        public String fileForm(String stored) {
            long v = Config.memory(stored);
            if (v <= 0) return v < 0 ? stored : "0";
            long[] units = {1L << 30, 1L << 20, 1L << 10};
            String[] names = {"gb", "mb", "kb"};
            for (int i = 0; i < units.length; i++) if (v % units[i] == 0) return v / units[i] + names[i];
            return Long.toString(v);
        }
    }

    private record BoolRule() implements Rule {
        @Override
        public String normalize(String value) throws Invalid {
            String v = value.toLowerCase(Locale.ROOT);
            if (!v.equals("yes") && !v.equals("no")) throw new Invalid("argument must be 'yes' or 'no'");
            return v;
        }

        @Override
        public String display(String stored) {
            return stored.toLowerCase(Locale.ROOT);
        }
    }

    private record EnumRule(List<String> values) implements Rule {
        @Override
        public String normalize(String value) throws Invalid {
            String v = value.toLowerCase(Locale.ROOT);
            if (!values.contains(v)) {
                throw new Invalid("argument(s) must be one of the following: " + String.join(", ", values));
            }
            return v;
        }

        @Override
        public String display(String stored) {
            return stored.toLowerCase(Locale.ROOT);
        }
    }

    private record StringRule() implements Rule {
        @Override
        public String normalize(String value) {
            return value;
        }
    }

    /** "seconds changes" pairs, or empty to disable (Redis's save parameter). */
    private record SaveRule() implements Rule {
        @Override
        public String normalize(String value) throws Invalid {
            String v = value.strip();
            if (v.isEmpty()) return "";
            String[] parts = v.split("\\s+");
            if (parts.length % 2 != 0) throw new Invalid("Invalid save parameters");
            for (String p : parts) {
                Long n = Args.parseLong(p.getBytes(StandardCharsets.UTF_8));
                if (n == null || n < 0) throw new Invalid("Invalid save parameters");
            }
            return String.join(" ", parts);
        }
    }

    private static final long INT_MAX = Integer.MAX_VALUE;

    // Limits are Redis 7.0's, except slowlog-max-len, which Cairn keeps in an int.
    private static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry("port", new IntRule(0, 65535)),
            Map.entry("tls-port", new IntRule(0, 65535)),
            Map.entry("appendfsync", new EnumRule(List.of("everysec", "always", "no"))),
            Map.entry("appendonly", new BoolRule()),
            Map.entry("protected-mode", new BoolRule()),
            Map.entry("daemonize", new BoolRule()),
            Map.entry("maxclients", new IntRule(1, 4294967295L)),
            Map.entry("databases", new IntRule(1, INT_MAX)),
            Map.entry("proto-max-bulk-len", new MemoryRule(1024 * 1024, Long.MAX_VALUE)),
            Map.entry("timeout", new IntRule(0, INT_MAX)),
            Map.entry("tcp-keepalive", new IntRule(0, INT_MAX)),
            Map.entry("loglevel", new EnumRule(List.of("debug", "verbose", "notice", "warning", "nothing"))),
            Map.entry("save", new SaveRule()),
            Map.entry("maxmemory", new MemoryRule(0, Long.MAX_VALUE)),
            Map.entry("maxmemory-policy", new EnumRule(List.of("volatile-lru", "volatile-lfu", "volatile-random",
                    "volatile-ttl", "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction"))),
            Map.entry("hz", new IntRule(0, INT_MAX)),
            Map.entry("io-threads", new IntRule(1, 128)),
            Map.entry("slowlog-log-slower-than", new IntRule(-1, Long.MAX_VALUE)),
            Map.entry("slowlog-max-len", new IntRule(0, INT_MAX)),
            Map.entry("key-max-bytes", new MemoryRule(1, Long.MAX_VALUE)),
            Map.entry("flush-interval-ms", new IntRule(1, INT_MAX)),
            Map.entry("flush-log-size", new MemoryRule(1, Long.MAX_VALUE)),
            Map.entry("list-max-listpack-size", new IntRule(Integer.MIN_VALUE, INT_MAX)));

    private ConfigRules() {}

    /** The canonical value to store for {@code name}, or throws with Redis's reason. */
    static String normalize(Config config, String name, String value) throws Invalid {
        Rule rule = RULES.getOrDefault(name, new StringRule());
        String v = rule.normalize(value);
        // Redis accepts any hz and clamps it to what its event loop can do.
        if (name.equals("hz")) v = Long.toString(Math.max(1, Math.min(500, Long.parseLong(v))));
        // Redis too lowers maxclients to what it can serve; Cairn counts clients in an int.
        if (name.equals("maxclients")) v = Long.toString(Math.min(Integer.MAX_VALUE, Long.parseLong(v)));
        if (!config.isValid(name, v)) throw new Invalid("argument is invalid");
        return v;
    }

    /** A stored value as CONFIG REWRITE writes it (memory values with a unit when one fits). */
    static String fileForm(String name, String stored) {
        return RULES.getOrDefault(name, new StringRule()).fileForm(stored);
    }

    /** A stored value as CONFIG GET shows it (memory values in bytes, as Redis does). */
    static String display(String name, String stored) {
        return RULES.getOrDefault(name, new StringRule()).display(stored);
    }
}
