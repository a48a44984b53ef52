package io.cairn.server.commands;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.cairn.server.command.Args;
import io.cairn.server.command.CommandSpec;

/**
 * Which arguments of a command line are keys, and how each is used (COMMAND GETKEYS and
 * GETKEYSANDFLAGS). Follows Redis 7's getKeysUsingKeySpecs: each key spec finds where its keys
 * begin (a fixed index or after a keyword) and how many follow (a range or a count argument).
 * Specs Redis itself cannot resolve ("unknown") are skipped; a command without key specs falls
 * back to its legacy first/last/step positions.
 */
final class CommandKeys {

    /** A key's position in the command line (0 = the command name) and its key-spec flags. */
    record Key(int position, List<String> flags) {}

    private CommandKeys() {}

    /** Whether the command can name keys at all. */
    static boolean hasKeys(CommandSpec spec) {
        return keySpecs(spec).size() > 0 || spec.firstKey() > 0;
    }

    /** The keys of {@code argv} (argv[0] being the command name), or null when the arguments contradict the specs. */
    static List<Key> find(CommandSpec spec, byte[][] argv) {
        JsonNode specs = keySpecs(spec);
        if (specs.size() == 0) return legacy(spec, argv.length);
        List<Key> keys = new ArrayList<>();
        for (JsonNode ks : specs) {
            if (!resolve(ks, argv, keys)) return null;
        }
        if (spec.name().equals("set")) return setFlags(argv, keys);
        return keys;
    }

    private static JsonNode keySpecs(CommandSpec spec) {
        JsonNode info = spec.info();
        return info != null && info.size() > 8 ? info.get(8) : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static List<Key> legacy(CommandSpec spec, int argc) {
        List<Key> keys = new ArrayList<>();
        for (int p : spec.keyPositions(argc)) keys.add(new Key(p, List.of()));
        return keys;
    }

    /** Adds the keys one spec finds; false when the spec cannot apply to these arguments. */
    private static boolean resolve(JsonNode ks, byte[][] argv, List<Key> keys) {
        int argc = argv.length;
        JsonNode bs = ks.path("begin_search");
        JsonNode bsSpec = bs.path("spec");
        int first;
        switch (bs.path("type").asText()) {
            case "index" -> first = bsSpec.path("index").asInt();
            case "keyword" -> {
                first = afterKeyword(argv, bsSpec.path("keyword").asText(), bsSpec.path("startfrom").asInt());
                if (first == 0) return true; // keyword absent: this spec names no keys
            }
            default -> {
                return true; // Redis needs command-specific code here; nothing to add
            }
        }
        JsonNode fk = ks.path("find_keys");
        JsonNode fkSpec = fk.path("spec");
        int last;
        int step;
        switch (fk.path("type").asText()) {
            case "range" -> {
                step = fkSpec.path("keystep").asInt(1);
                int lastKey = fkSpec.path("lastkey").asInt();
                int limit = fkSpec.path("limit").asInt();
                if (lastKey >= 0) last = first + lastKey;
                else if (limit == 0) last = argc + lastKey;
                else last = first + ((argc - first) / limit + lastKey);
            }
            case "keynum" -> {
                step = fkSpec.path("keystep").asInt(1);
                int idx = fkSpec.path("keynumidx").asInt();
                if (idx >= argc - first) return false;
                Long numKeys = Args.parseLong(argv[first + idx]);
                if (numKeys == null || numKeys < 0 || numKeys > argc) return false;
                first += fkSpec.path("firstkey").asInt();
                last = first + (int) (long) numKeys - 1;
            }
            default -> {
                return true;
            }
        }
        if (last >= argc || last < first || first >= argc) return false;
        List<String> flags = new ArrayList<>();
        ks.path("flags").forEach(f -> flags.add(f.asText()));
        for (int i = first; i <= last; i += Math.max(step, 1)) keys.add(new Key(i, flags));
        return true;
    }

    private static int afterKeyword(byte[][] argv, String keyword, int startFrom) {
        int argc = argv.length;
        if (startFrom > 0) {
            for (int i = startFrom; i < argc - 1; i++) if (equalsIgnoreCase(argv[i], keyword)) return i + 1;
        } else {
            for (int i = argc + startFrom; i > 0; i--) if (equalsIgnoreCase(argv[i], keyword)) return i + 1;
        }
        return 0;
    }

    private static boolean equalsIgnoreCase(byte[] arg, String word) {
        return new String(arg, java.nio.charset.StandardCharsets.UTF_8).equalsIgnoreCase(word);
    }

    /** SET's key spec has variable flags: a plain SET overwrites, SET ... GET also reads (Redis's setGetKeys). */
    private static List<Key> setFlags(byte[][] argv, List<Key> keys) {
        boolean get = false;
        for (int i = 3; i < argv.length; i++) if (equalsIgnoreCase(argv[i], "GET")) get = true;
        List<String> flags = get ? List.of("RW", "access", "update") : List.of("OW", "update");
        List<Key> out = new ArrayList<>();
        for (Key k : keys) out.add(new Key(k.position(), flags));
        return out;
    }
}
