package io.cairn.server.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.cairn.protocol.Reply;
import io.cairn.server.Server;
import io.cairn.server.Session;
import io.cairn.server.command.Args;
import io.cairn.server.command.CommandTable;
import io.cairn.server.command.Errors;
import io.cairn.storage.Entry;
import io.cairn.storage.ValueType;

/**
 * OBJECT ENCODING / FREQ / IDLETIME / REFCOUNT / HELP. Cairn stores bytes, not Redis objects,
 * so the answers are what Redis would give for the same value written by SET: the encoding
 * and the shared-integer refcount follow from the bytes alone. Access times and frequencies
 * are not tracked (reads would have to write), so IDLETIME answers 0 and FREQ 0.
 */
final class ObjectInspection {

    /** Redis's OBJ_SHARED_INTEGERS: 0..9999 are shared objects when SET stores them. */
    private static final long SHARED_INTEGERS = 10_000;
    private static final long SHARED_REFCOUNT = Integer.MAX_VALUE;
    /** Redis's OBJ_ENCODING_EMBSTR_SIZE_LIMIT. */
    private static final int EMBSTR_LIMIT = 44;

    private static final String[] HELP = {
        "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "ENCODING <key>",
        "    Return the kind of internal representation used in order to store the value",
        "    associated with a <key>.",
        "FREQ <key>",
        "    Return the access frequency index of the <key>. The returned integer is",
        "    proportional to the logarithm of the recent access frequency of the key.",
        "IDLETIME <key>",
        "    Return the idle time of the <key>, that is the approximated number of",
        "    seconds elapsed since the last access to the key.",
        "REFCOUNT <key>",
        "    Return the number of references of the value associated with the specified",
        "    <key>.",
        "HELP",
        "    Prints this help.",
    };

    private final Server server;

    ObjectInspection(Server server) {
        this.server = server;
    }

    void register(CommandTable t) {
        t.bind("object|encoding", (s, a) -> withEntry(s, a, e -> Reply.bulk(encoding(e))));
        t.bind("object|refcount", (s, a) -> withEntry(s, a, e -> Reply.integer(refcount(e))));
        t.bind("object|idletime", (s, a) -> withEntry(s, a, e -> {
            if (lfu()) {
                throw Errors.err("An LFU maxmemory policy is selected, idle time not tracked. Please note that"
                        + " when switching between policies at runtime LRU and LFU data will take some time to adjust.");
            }
            return Reply.integer(0);
        }));
        t.bind("object|freq", (s, a) -> withEntry(s, a, e -> {
            if (!lfu()) {
                throw Errors.err("An LFU maxmemory policy is not selected, access frequency not tracked. Please note"
                        + " that when switching between policies at runtime LRU and LFU data will take some time to adjust.");
            }
            return Reply.integer(0);
        }));
        t.bind("object|help", (s, a) -> {
            List<Reply> lines = new ArrayList<>(HELP.length);
            for (String line : HELP) lines.add(Reply.simple(line));
            return Reply.array(lines);
        });
    }

    /** Redis looks the key up before anything else: an absent key is a null reply, never an error. */
    private static Reply withEntry(Session s, Args a, Function<Entry, Reply> answer) {
        Entry e = s.bucket().read(a.bytes(2));
        return e == null ? Reply.NULL : answer.apply(e);
    }

    /** What Redis's tryObjectEncoding makes of a value SET stores; documents are module values ("raw"). */
    static String encoding(Entry e) {
        if (e.type() != ValueType.STRING) return "raw";
        byte[] v = e.value();
        if (asLong(v) != null) return "int";
        return v.length <= EMBSTR_LIMIT ? "embstr" : "raw";
    }

    private long refcount(Entry e) {
        if (e.type() == ValueType.STRING && sharedIntegersAllowed()) {
            Long n = asLong(e.value());
            if (n != null && n >= 0 && n < SHARED_INTEGERS) return SHARED_REFCOUNT;
        }
        return 1;
    }

    /** Redis gives up shared integers when maxmemory evicts by LRU/LFU (each key needs its own clock). */
    private boolean sharedIntegersAllowed() {
        String policy = policy();
        return server.config().getMemory("maxmemory") == 0 || !(policy.contains("lru") || policy.contains("lfu"));
    }

    private boolean lfu() {
        return policy().contains("lfu");
    }

    private String policy() {
        return server.config().get("maxmemory-policy").toLowerCase(Locale.ROOT);
    }

    private static Long asLong(byte[] v) {
        return v.length <= 20 ? Args.parseLong(v) : null;
    }
}
