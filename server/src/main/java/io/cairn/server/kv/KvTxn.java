package io.cairn.server.kv;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cairn.protocol.Reply;
import io.cairn.server.Server;
import io.cairn.server.Session;
import io.cairn.server.command.Args;
import io.cairn.server.command.Errors;
import io.cairn.storage.Bucket;
import io.cairn.storage.Entry;
import io.cairn.storage.ValueType;
import io.cairn.storage.WriteBatch;

/**
 * KV.TXN [CHECK key gen]... op... with ops SET key value [EX s|PX ms] [META m], DEL key and
 * INCRBY key n (KVdb's txn, Deno's atomic(), Cloudflare's bulk write). The whole call is one
 * command, so it runs under the keyspace lock and commits as one batch in one unit of work:
 * all or nothing for other clients and across a crash, and usable through connection pools
 * where WATCH/MULTI cannot be. Every argument is checked and every op computed before the
 * first write, so an error anywhere changes nothing.
 */
final class KvTxn {

    static final int MAX_OPS = 10_000;

    private final Server server;

    KvTxn(Server server) {
        this.server = server;
    }

    private record Check(byte[] key, long generation) {}

    private record Op(String kind, byte[] key, byte[] value, long number, long expireAt, byte[] meta) {}

    Reply handle(Session s, Args a) {
        long now = server.keyspace().now();
        long maxKey = server.config().getMemory("key-max-bytes");
        List<Check> checks = new ArrayList<>();
        List<Op> ops = new ArrayList<>();
        int i = 1;
        while (i < a.count() && a.is(i, "CHECK")) {
            need(a, i, 3);
            checks.add(new Check(key(a, i + 1, maxKey), KvOptions.nonNegative(a, i + 2, "a CHECK generation")));
            i += 3;
        }
        while (i < a.count()) {
            if (ops.size() == MAX_OPS) throw Errors.err("at most " + MAX_OPS + " operations per KV.TXN");
            if (a.is(i, "SET")) {
                need(a, i, 3);
                byte[] key = key(a, i + 1, maxKey), value = a.bytes(i + 2);
                i += 3;
                long expireAt = Entry.NO_EXPIRY;
                byte[] meta = null;
                boolean expirySeen = false;
                while (i < a.count() && (a.is(i, "EX") || a.is(i, "PX") || a.is(i, "META"))) {
                    if (a.is(i, "META")) {
                        meta = KvOptions.meta(a, KvOptions.valueIndex(a, i));
                    } else {
                        if (expirySeen) throw Errors.err("only one of EX and PX may be given per SET");
                        expirySeen = true;
                        String unit = a.string(i).toUpperCase(java.util.Locale.ROOT);
                        expireAt = KvPut.deadline(unit, a.longAt(KvOptions.valueIndex(a, i)), now);
                    }
                    i += 2;
                }
                ops.add(new Op("SET", key, value, 0, expireAt, meta));
            } else if (a.is(i, "DEL")) {
                need(a, i, 2);
                ops.add(new Op("DEL", key(a, i + 1, maxKey), null, 0, 0, null));
                i += 2;
            } else if (a.is(i, "INCRBY")) {
                need(a, i, 3);
                ops.add(new Op("INCRBY", key(a, i + 1, maxKey), null, a.longAt(i + 2), 0, null));
                i += 3;
            } else if (a.is(i, "CHECK")) {
                throw Errors.err("CHECK must come before the first operation");
            } else {
                throw Errors.err("unknown KV.TXN operation '" + a.string(i) + "', expected SET, DEL or INCRBY");
            }
        }
        if (ops.isEmpty()) throw Errors.err("KV.TXN needs at least one operation");

        Bucket b = s.bucket();
        for (Check c : checks) if (b.generationOf(c.key()) != c.generation()) return Reply.NULL_ARRAY;
        return apply(b, ops);
    }

    /** Computes every op against the state the earlier ops leave, then commits them as one batch. */
    private static Reply apply(Bucket b, List<Op> ops) {
        Map<ByteBuffer, Entry> view = new HashMap<>(); // key -> entry after the ops so far (null = deleted)
        WriteBatch batch = new WriteBatch();
        List<Reply> results = new ArrayList<>(ops.size());
        for (Op op : ops) {
            ByteBuffer k = ByteBuffer.wrap(op.key());
            Entry current = view.containsKey(k) ? view.get(k) : b.get(op.key());
            Entry next;
            switch (op.kind()) {
                case "SET" -> {
                    next = b.newEntry(ValueType.STRING, op.value(), op.expireAt(), op.meta());
                    results.add(Reply.integer(next.generation()));
                }
                case "DEL" -> {
                    next = null;
                    results.add(current == null ? Reply.ZERO : Reply.ONE);
                }
                default -> {
                    if (current != null && current.type() != ValueType.STRING) throw Errors.wrongType();
                    long base = 0;
                    if (current != null) {
                        Long parsed = Args.parseLong(current.value());
                        if (parsed == null) throw Errors.notInteger();
                        base = parsed;
                    }
                    long sum = base + op.number();
                    if (((base ^ sum) & (op.number() ^ sum)) < 0) throw Errors.err("increment or decrement would overflow");
                    // An in-place change: keeps the TTL and metadata, as INCRBY does.
                    next = b.newEntry(ValueType.STRING, Long.toString(sum).getBytes(StandardCharsets.US_ASCII),
                            b.expiryForUpdate(current), current == null ? null : current.meta());
                    results.add(Reply.integer(sum));
                }
            }
            if (next != null || current != null) batch.write(b.id(), op.key(), next);
            view.put(k, next);
        }
        b.commit(batch);
        return Reply.array(results);
    }

    private static void need(Args a, int i, int n) {
        if (i + n > a.count()) throw Errors.err("'" + a.string(i) + "' needs " + (n - 1) + (n == 2 ? " argument" : " arguments"));
    }

    private static byte[] key(Args a, int i, long maxKey) {
        byte[] k = a.bytes(i);
        if (k.length > maxKey) {
            throw Errors.err("key too long: " + k.length + " bytes, the limit is " + maxKey + " (key-max-bytes)");
        }
        return k;
    }

}
