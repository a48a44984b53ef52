package io.cairn.server.commands;

import java.util.ArrayList;
import java.util.List;

import io.cairn.protocol.Reply;
import io.cairn.server.Server;
import io.cairn.server.Session;
import io.cairn.server.command.Args;
import io.cairn.server.command.CommandTable;
import io.cairn.server.command.Errors;
import io.cairn.storage.Entry;

/** MEMORY USAGE, STATS, DOCTOR, PURGE, MALLOC-STATS and HELP. */
final class MemoryCommands {

    private final Server server;

    MemoryCommands(Server server) {
        this.server = server;
    }

    void register(CommandTable t) {
        t.bind("memory|usage", this::usage);
        t.bind("memory|stats", (s, a) -> stats());
        t.bind("memory|doctor", (s, a) -> Reply.verbatim(
                "Hi Sam, I can't find any memory issue in your instance. I can only account for what occurs on this base."));
        t.bind("memory|purge", (s, a) -> {
            System.gc();
            return Reply.OK;
        });
        t.bind("memory|malloc-stats", (s, a) -> Reply.verbatim("Stats not supported for the current allocator"));
        t.bind("memory|help", (s, a) -> help());
    }

    /** MEMORY USAGE key [SAMPLES count]: arguments are checked before the key is looked up, as in Redis. */
    private Reply usage(Session s, Args a) {
        for (int i = 3; i < a.count(); i++) {
            if (a.is(i, "SAMPLES") && i + 1 < a.count()) {
                if (a.longAt(i + 1) < 0) throw Errors.syntax();
                i++;
            } else {
                throw Errors.syntax();
            }
        }
        byte[] key = a.bytes(2);
        Entry e = s.bucket().get(key);
        if (e == null) return Reply.NULL;
        return Reply.integer(estimate(key, e));
    }

    /**
     * What Redis would report for a string of this size: its hash table entry, the key's sds,
     * and the value object (embedded up to 44 bytes, a separate sds above, nothing extra for
     * small integers), each rounded up to jemalloc's size classes. Cairn's own per-entry state
     * (expiry, generation, metadata) is added on top.
     */
    static long estimate(byte[] key, Entry e) {
        long dictEntry = 24;
        long keySds = allocSize(sdsSize(key.length));
        byte[] v = e.value();
        long value;
        if (v.length <= 20 && Args.parseLong(v) != null) {
            value = 16;
        } else if (v.length <= 44) {
            value = allocSize(16 + 3 + v.length + 1);
        } else {
            value = 16 + allocSize(sdsSize(v.length));
        }
        long meta = e.meta() == null ? 0 : allocSize(e.meta().length);
        return dictEntry + keySds + value + meta;
    }

    /** sds header (1, 3, 5 or 9 bytes by length class) plus the bytes and the terminating zero. */
    private static long sdsSize(long len) {
        int header = len < 32 ? 1 : len < 256 ? 3 : len < 65536 ? 5 : 9;
        return header + len + 1;
    }

    /** jemalloc's size class for an allocation: 8, 16, then 4 classes per power of two. */
    static long allocSize(long n) {
        if (n <= 8) return 8;
        if (n <= 128) return (n + 15) / 16 * 16;
        long pow = Long.highestOneBit(n - 1);
        long step = pow / 4;
        return (n + step - 1) / step * step;
    }

    private Reply stats() {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        long keys = 0;
        for (int db = 0; db < server.databases(); db++) keys += server.keyspace().bucket(db).size();
        List<Reply> kv = new ArrayList<>();
        add(kv, "peak.allocated", Reply.integer(used));
        add(kv, "total.allocated", Reply.integer(used));
        add(kv, "startup.allocated", Reply.integer(0));
        add(kv, "replication.backlog", Reply.integer(0));
        add(kv, "clients.slaves", Reply.integer(0));
        add(kv, "clients.normal", Reply.integer(0));
        add(kv, "aof.buffer", Reply.integer(0));
        add(kv, "keys.count", Reply.integer(keys));
        add(kv, "keys.bytes-per-key", Reply.integer(keys == 0 ? 0 : used / keys));
        add(kv, "dataset.bytes", Reply.integer(used));
        add(kv, "cairn.disk.bytes", Reply.integer(server.keyspace().engine().stats().bytesOnDisk()));
        return Reply.map(kv);
    }

    private static void add(List<Reply> kv, String name, Reply value) {
        kv.add(Reply.bulk(name));
        kv.add(value);
    }

    private static Reply help() {
        return HelpReply.of("MEMORY",
                "DOCTOR",
                "    Return memory problems reports.",
                "MALLOC-STATS",
                "    Return internal statistics report from the memory allocator.",
                "PURGE",
                "    Attempt to purge dirty pages for reclamation by the allocator.",
                "STATS",
                "    Return information about the memory usage of the server.",
                "USAGE <key> [SAMPLES <count>]",
                "    Return memory in bytes used by <key> and its value. Nested values are",
                "    sampled up to <count> times (default: 5, 0 means sample all).");
    }
}
