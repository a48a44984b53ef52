package io.cairn.storage;

import java.io.Closeable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The typed keyspace every command works on: buckets of entries with expiry, generations and
 * metadata, over a {@link StorageEngine}. Commands run while holding {@link #lock()}, which
 * makes each command (and each MULTI/EXEC) atomic with respect to every other, as in Redis.
 */
public final class Keyspace implements Closeable {

    public static final int MAX_META_BYTES = 1024;

    private final StorageEngine engine;
    private final LongSupplier clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong generation;
    private final ExpiryReclaimer reclaimer;
    /** Policies of the buckets that have one; read on every write, changed by BUCKET commands. */
    private final java.util.Map<Integer, BucketPolicy> policies = new java.util.concurrent.ConcurrentHashMap<>();
    final AtomicLong expiredKeys = new AtomicLong();
    final AtomicLong hits = new AtomicLong();
    final AtomicLong misses = new AtomicLong();

    public Keyspace(StorageEngine engine) {
        this(engine, System::currentTimeMillis);
    }

    public Keyspace(StorageEngine engine, LongSupplier clock) {
        this.engine = engine;
        this.clock = clock;
        this.generation = new AtomicLong(engine.lastGeneration());
        this.reclaimer = new ExpiryReclaimer(this);
        reclaimer.start();
    }

    /** Held by whoever runs a command; reentrant so a transaction can hold it across commands. */
    public ReentrantLock lock() {
        return lock;
    }

    public Bucket bucket(int id) {
        return new Bucket(this, id);
    }

    /** Sets (or, with an empty policy, removes) the rules of bucket {@code id}. */
    public void setPolicy(int id, BucketPolicy policy) {
        if (policy == null || policy.isEmpty()) policies.remove(id);
        else policies.put(id, policy);
    }

    /** The rules of bucket {@code id}, or null when it has none. */
    public BucketPolicy policy(int id) {
        return policies.get(id);
    }

    public long now() {
        return clock.getAsLong();
    }

    /** A fresh generation, larger than every one handed out before, across restarts too. */
    public long nextGeneration() {
        return generation.incrementAndGet();
    }

    /** Commits a multi-key write as one unit; entries must carry generations from {@link #nextGeneration()}. */
    public boolean commit(WriteBatch batch) {
        // The engine compares against what it stores, expired or not; a command must see an
        // expired key as absent, so expire checked keys first (check 0 then means "no live key").
        for (WriteBatch.Check c : batch.checks()) bucket(c.bucket()).get(c.key());
        checkLimits(batch);
        return engine.commit(batch);
    }

    /** Refuses the whole batch, before any of it is written, if one write breaks its bucket's limits. */
    void checkLimits(WriteBatch batch) {
        if (policies.isEmpty()) return;
        for (WriteBatch.Op op : batch.ops()) {
            BucketPolicy p = policies.get(op.bucket());
            if (p != null) p.check(op.key(), op.entry());
        }
    }

    public void swap(int a, int b) {
        engine.swap(a, b);
    }

    public StorageEngine engine() {
        return engine;
    }

    public long expiredKeys() {
        return expiredKeys.get();
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }

    public void resetStats() {
        expiredKeys.set(0);
        hits.set(0);
        misses.set(0);
    }

    /** Makes every write so far durable (SAVE). */
    public void save() {
        engine.sync();
    }

    @Override
    public void close() {
        reclaimer.stop();
        try {
            engine.close();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
