package io.cairn.server.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one command table. Every command's arity, flags, key positions, ACL categories and docs
 * are declared once, in {@code redis-commands.json} (dumped from Redis itself by
 * scripts/dev/dump-redis-commands) and {@code cairn-commands.json} (Cairn's own commands, same
 * format). Command families only bind handlers to names declared there; dispatch, COMMAND,
 * arity errors and (later) ACL checks all read this table.
 */
public final class CommandTable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] RESOURCES = {"redis-commands.json", "cairn-commands.json"};

    private final Map<String, CommandSpec> declared = new HashMap<>();
    /**
     * The top-level specs again, in an open-addressing table keyed by their names' bytes, ASCII
     * case folded, as Redis's command dictionary compares them: {@link #lookup(byte[])} runs for
     * every command, and a String and its lower-case copy per command were 3% of the event loop's
     * samples under pipelined GETs.
     */
    private final CommandSpec[] byName;
    private final byte[][] foldedNames;

    public CommandTable() {
        for (String resource : RESOURCES) load(resource);
        int size = Integer.highestOneBit(Math.max(declared.size(), 1) * 4) * 2;
        byName = new CommandSpec[size];
        foldedNames = new byte[size][];
        for (CommandSpec spec : declared.values()) {
            byte[] name = spec.name().getBytes(StandardCharsets.US_ASCII);
            int i = foldedHash(name) & (size - 1);
            while (byName[i] != null) i = (i + 1) & (size - 1);
            byName[i] = spec;
            foldedNames[i] = name;
        }
    }

    private static int fold(byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }

    private static int foldedHash(byte[] name) {
        int h = 0;
        for (byte b : name) h = 31 * h + fold(b);
        return h ^ (h >>> 16);
    }

    private static boolean equalsFolded(byte[] folded, byte[] name) {
        if (folded.length != name.length) return false;
        for (int i = 0; i < name.length; i++) if (folded[i] != fold(name[i])) return false;
        return true;
    }

    private void load(String resource) {
        try (InputStream in = CommandTable.class.getResourceAsStream("/io/cairn/server/" + resource)) {
            if (in == null) return;
            JsonNode root = JSON.readTree(in);
            JsonNode docs = root.path("docs");
            for (JsonNode info : root.path("info")) {
                CommandSpec spec = parse(info, docs.path(info.get(0).asText()));
                CommandSpec earlier = declared.get(spec.name());
                declared.put(spec.name(), earlier != null && spec.isContainer() ? merge(earlier, spec) : spec);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read command table " + resource, e);
        }
    }

    private static CommandSpec parse(JsonNode info, JsonNode docs) {
        String name = info.get(0).asText().toLowerCase(Locale.ROOT);
        Set<String> flags = new LinkedHashSet<>();
        info.get(2).forEach(f -> flags.add(f.asText()));
        List<String> acl = new ArrayList<>();
        info.get(6).forEach(c -> acl.add(c.asText()));
        Map<String, CommandSpec> subs = new LinkedHashMap<>();
        JsonNode subInfos = info.size() > 9 ? info.get(9) : null;
        if (subInfos != null) {
            for (JsonNode sub : subInfos) {
                String subName = sub.get(0).asText();
                JsonNode subDocs = docs.path("subcommands").path(subName);
                CommandSpec s = parse(sub, subDocs.isMissingNode() ? NullNode.getInstance() : subDocs);
                subs.put(s.name().substring(s.name().indexOf('|') + 1), s);
            }
        }
        return new CommandSpec(name, info.get(1).asInt(), Collections.unmodifiableSet(flags),
                info.get(3).asInt(), info.get(4).asInt(), info.get(5).asInt(),
                Collections.unmodifiableList(acl), info, docs.isMissingNode() ? NullNode.getInstance() : docs,
                Collections.unmodifiableMap(subs));
    }

    /**
     * A container declared by Redis and again by Cairn (to add subcommands newer than Redis 7.0,
     * such as CLIENT SETINFO): Redis's declaration of the container itself stays, and the
     * subcommands of both are kept, Cairn's winning a name declared twice.
     */
    private static CommandSpec merge(CommandSpec base, CommandSpec extra) {
        Map<String, CommandSpec> subs = new LinkedHashMap<>(base.subcommands());
        subs.putAll(extra.subcommands());
        ArrayNode info = base.info().deepCopy();
        ArrayNode subInfos = JSON.createArrayNode();
        for (CommandSpec s : subs.values()) subInfos.add(s.info());
        while (info.size() < 10) info.add(JSON.createArrayNode());
        info.set(9, subInfos);
        JsonNode docs = base.docs().deepCopy();
        if (docs instanceof ObjectNode d) {
            ObjectNode subDocs = d.get("subcommands") instanceof ObjectNode o ? o : d.putObject("subcommands");
            for (CommandSpec s : extra.subcommands().values()) subDocs.set(s.name(), s.docs());
        }
        return new CommandSpec(base.name(), base.arity(), base.flags(), base.firstKey(), base.lastKey(),
                base.step(), base.aclCategories(), info, docs, Collections.unmodifiableMap(subs));
    }

    /**
     * Binds the behaviour of a declared command; {@code name} is "get" or "config|get".
     * Binding an undeclared name is a programming error, caught at startup.
     */
    public void bind(String name, CommandHandler handler) {
        CommandSpec spec = declaredSpec(name);
        if (spec == null) throw new IllegalArgumentException("command not declared in the table: " + name);
        spec.bind(handler);
    }

    private CommandSpec declaredSpec(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        int bar = n.indexOf('|');
        if (bar < 0) return declared.get(n);
        CommandSpec container = declared.get(n.substring(0, bar));
        return container == null ? null : container.subcommands().get(n.substring(bar + 1));
    }

    /** The implemented top-level command named {@code name} (any case), or null. */
    public CommandSpec lookup(byte[] name) {
        for (byte b : name) if (b == '|') return lookup(new String(name, StandardCharsets.UTF_8));
        int mask = byName.length - 1;
        for (int i = foldedHash(name) & mask; byName[i] != null; i = (i + 1) & mask) {
            if (equalsFolded(foldedNames[i], name)) return byName[i].implemented() ? byName[i] : null;
        }
        return null;
    }

    public CommandSpec lookup(String name) {
        CommandSpec spec = declaredSpec(name);
        return spec != null && spec.implemented() ? spec : null;
    }

    /** Every implemented top-level command. */
    public Collection<CommandSpec> commands() {
        List<CommandSpec> out = new ArrayList<>();
        for (CommandSpec s : declared.values()) if (s.implemented()) out.add(s);
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    /** Every implemented command and subcommand (for INFO commandstats and CONFIG RESETSTAT). */
    public List<CommandSpec> allSpecs() {
        List<CommandSpec> out = new ArrayList<>();
        for (CommandSpec s : commands()) {
            if (s.handler() != null) out.add(s);
            for (CommandSpec sub : s.subcommands().values()) if (sub.handler() != null) out.add(sub);
        }
        return out;
    }
}
