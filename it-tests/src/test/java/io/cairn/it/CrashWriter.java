package io.cairn.it;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * One client of the crash test. It owns its keys (no other writer touches them), sends random
 * writes one at a time and keeps their history: every op sent, and when each reply came. With
 * one command in flight at most, the state of its keys after a crash must be what its ops
 * produce when replayed from the start up to some point, which {@link #matchingPrefix} finds.
 */
final class CrashWriter implements Runnable {

    /** EXPIRE's TTL: long enough never to run out during a test, so a key's TTL is just there or not. */
    static final long TTL_SECONDS = 1000;

    enum Kind { SET, INCR, MSET, DEL, EXPIRE, EXEC }

    record Op(Kind kind, List<String> keys, String value) {
        @Override
        public String toString() {
            return kind + " " + keys + (value == null ? "" : " " + brief(value));
        }
    }

    /** A key's value and whether it has a TTL, as the model and the recovered server see it. */
    record Val(String value, boolean ttl) {
        @Override
        public String toString() {
            return brief(value) + (ttl ? " (ttl)" : "");
        }
    }

    /** A value's token and length instead of its many repeats. */
    static String brief(String value) {
        int end = value.indexOf(';');
        return end < 0 ? value : value.substring(0, end) + "..(" + value.length() + "b)";
    }

    private final int id;
    private final String prefix;
    private final Random random;
    private final boolean msetOnly;
    private final RedisCommands<String, String> redis;

    private final List<Op> ops = new ArrayList<>();
    private final List<Long> ackNanos = new ArrayList<>();
    private RuntimeException stoppedBy;
    private long stoppedAtNanos;
    private String wrongReply;

    CrashWriter(int id, String prefix, long seed, boolean msetOnly, RedisCommands<String, String> redis) {
        this.id = id;
        this.prefix = prefix;
        this.random = new Random(seed);
        this.msetOnly = msetOnly;
        this.redis = redis;
    }

    List<String> strings() {
        return keys("s0", "s1", "s2");
    }

    List<String> counters() {
        return keys("c0", "c1");
    }

    /** The keys every MSET writes together, all with the same token. */
    List<String> group() {
        return keys("m0", "m1", "m2");
    }

    List<String> allKeys() {
        List<String> all = new ArrayList<>(strings());
        all.addAll(counters());
        all.addAll(group());
        return all;
    }

    /** Writes until the connection fails (the server was killed); a reply the model does not predict stops it too. */
    @Override
    public void run() {
        Map<String, Val> model = new HashMap<>();
        while (true) {
            Op op = next();
            ops.add(op);
            Object expected = apply(op, model);
            Object reply;
            try {
                reply = send(op);
            } catch (RedisCommandExecutionException e) {
                wrongReply = op + " got error " + e.getMessage();
                return;
            } catch (RuntimeException e) {
                // connection lost or timed out: this op stays in flight, it may or may not have happened
                stoppedBy = e;
                stoppedAtNanos = System.nanoTime();
                return;
            }
            ackNanos.add(System.nanoTime());
            if (!expected.equals(reply)) {
                wrongReply = op + " replied " + reply + ", expected " + expected;
                return;
            }
        }
    }

    int id() {
        return id;
    }

    int sent() {
        return ops.size();
    }

    int acked() {
        return ackNanos.size();
    }

    /** How many ops were acknowledged at or before {@code nanos}; replies come in order, so they are a prefix. */
    int ackedBy(long nanos) {
        int n = 0;
        while (n < ackNanos.size() && ackNanos.get(n) <= nanos) n++;
        return n;
    }

    RuntimeException stoppedBy() {
        return stoppedBy;
    }

    long stoppedAtNanos() {
        return stoppedAtNanos;
    }

    /** A reply that contradicts the model while the server was up, or null. */
    String wrongReply() {
        return wrongReply;
    }

    /** The model state after the first {@code n} ops. */
    Map<String, Val> stateAfter(int n) {
        Map<String, Val> model = new TreeMap<>();
        for (int i = 0; i < n; i++) apply(ops.get(i), model);
        return model;
    }

    /** The length of the shortest history prefix in [from, sent()] that produces {@code recovered}, or -1. */
    int matchingPrefix(Map<String, Val> recovered, int from) {
        Map<String, Val> model = new TreeMap<>();
        for (int n = 0; n <= ops.size(); n++) {
            if (n >= from && model.equals(recovered)) return n;
            if (n < ops.size()) apply(ops.get(n), model);
        }
        return -1;
    }

    /**
     * Where {@code recovered} departs from the state after the acknowledged ops and, if one was
     * in flight, after that op too: keys on both sides point at a half-applied op.
     */
    String differences(Map<String, Val> recovered) {
        String s = "\n differs from the state after the acked ops on " + keysDiffering(recovered, acked());
        if (sent() > acked()) s += ", from the state after the in-flight op on " + keysDiffering(recovered, sent());
        return s;
    }

    private List<String> keysDiffering(Map<String, Val> recovered, int n) {
        Map<String, Val> model = stateAfter(n);
        return allKeys().stream().filter(k -> !Objects.equals(model.get(k), recovered.get(k))).toList();
    }

    /** The last few ops, for failure messages. */
    String historyTail(int count) {
        StringBuilder s = new StringBuilder();
        for (int i = Math.max(0, ops.size() - count); i < ops.size(); i++) {
            s.append("\n  #").append(i + 1).append(i < acked() ? " acked " : " in flight ").append(ops.get(i));
        }
        return s.toString();
    }

    private Op next() {
        int roll = msetOnly ? 0 : random.nextInt(14);
        String token = "w" + id + "#" + (ops.size() + 1);
        if (roll < 2) return new Op(Kind.MSET, group(), value(token));
        if (roll < 5) return new Op(Kind.SET, List.of(pick(strings())), value(token));
        if (roll < 8) return new Op(Kind.INCR, List.of(pick(counters())), null);
        if (roll < 10) {
            List<String> deletable = new ArrayList<>(strings());
            deletable.addAll(counters());
            String a = pick(deletable);
            deletable.remove(a);
            return new Op(Kind.DEL, random.nextBoolean() ? List.of(a) : List.of(a, pick(deletable)), null);
        }
        if (roll < 12) return new Op(Kind.EXPIRE, List.of(pick(allKeys())), null);
        return new Op(Kind.EXEC, List.of(pick(strings()), pick(counters())), value(token));
    }

    /** A value unique to its op, of varied length, so a torn or mixed-up value matches no op. */
    private String value(String token) {
        return (token + ";").repeat(1 + random.nextInt(40));
    }

    private String pick(List<String> from) {
        return from.get(random.nextInt(from.size()));
    }

    private Object send(Op op) {
        String key = op.keys().get(0);
        return switch (op.kind()) {
            case SET -> redis.set(key, op.value());
            case INCR -> redis.incr(key);
            case MSET -> {
                Map<String, String> pairs = new LinkedHashMap<>();
                op.keys().forEach(k -> pairs.put(k, op.value()));
                yield redis.mset(pairs);
            }
            case DEL -> redis.del(op.keys().toArray(String[]::new));
            case EXPIRE -> redis.expire(key, TTL_SECONDS);
            case EXEC -> {
                redis.multi();
                redis.set(key, op.value());
                redis.incr(op.keys().get(1));
                yield redis.exec().stream().toList();
            }
        };
    }

    /** Applies {@code op} to {@code model} with Redis's semantics; returns the reply Redis would give. */
    private static Object apply(Op op, Map<String, Val> model) {
        String key = op.keys().get(0);
        switch (op.kind()) {
            case SET -> {
                model.put(key, new Val(op.value(), false)); // SET clears the TTL
                return "OK";
            }
            case INCR -> {
                Val old = model.get(key);
                long n = old == null ? 1 : Long.parseLong(old.value()) + 1;
                model.put(key, new Val(Long.toString(n), old != null && old.ttl())); // INCR keeps the TTL
                return n;
            }
            case MSET -> {
                op.keys().forEach(k -> model.put(k, new Val(op.value(), false)));
                return "OK";
            }
            case DEL -> {
                return op.keys().stream().filter(k -> model.remove(k) != null).count();
            }
            case EXPIRE -> {
                Val old = model.get(key);
                if (old == null) return false;
                model.put(key, new Val(old.value(), true));
                return true;
            }
            case EXEC -> {
                // MULTI; SET string; INCR counter; EXEC: a transaction, all or nothing after a crash
                Object set = apply(new Op(Kind.SET, List.of(key), op.value()), model);
                Object incr = apply(new Op(Kind.INCR, List.of(op.keys().get(1)), null), model);
                return List.of(set, incr);
            }
            default -> throw new AssertionError(op);
        }
    }

    @Override
    public String toString() {
        return "writer " + id + " (" + prefix + ")";
    }

    private List<String> keys(String... names) {
        List<String> keys = new ArrayList<>();
        for (String n : names) keys.add(prefix + n);
        return keys;
    }

    /** True when the MSET group is all there with one token, or all absent. */
    boolean groupIntact(Map<String, Val> recovered) {
        List<String> values = group().stream().map(k -> recovered.get(k) == null ? null : recovered.get(k).value()).toList();
        return values.stream().distinct().count() == 1;
    }
}
