package io.cairn.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The embedded engine: memory first, MapDB behind (DESIGN.md section 11). Commits land in the
 * {@link MemTable} at memory speed and in the {@link CommitLog}, which makes them durable by
 * group commit; a flusher thread brings MapDB up to date in coalesced transactions, so MapDB's
 * 4 ms commit is paid once per batch instead of once per write, and records the log position
 * its snapshot covers, so that a restart replays only the log's tail.
 *
 * <p>Buckets are mapped to physical ids, so clearing a bucket is a constant-time switch to a
 * fresh id while the old id's keys are deleted in the background.
 */
public final class MapDbEngine implements StorageEngine {

    private static final int DROP_CHUNK = 10_000;
    private static final int MARK_CHUNK = 2_000;
    /**
     * A flush rewrites the whole store when its batch is at least a sixth of the keys: a put into
     * MapDB's tree costs about 10 us here, a rewrite about 1.5 us per key of the store.
     */
    private static final int REWRITE_SHARE = 6;

    private final ReentrantLock lock = new ReentrantLock();
    /** Held while the flusher changes MapDB's files, so that a backup copies a committed state. */
    private final ReentrantLock flushGate = new ReentrantLock();
    private final CommitLog log;
    private final Condition flushed = lock.newCondition();
    private final MemTable mem = new MemTable();
    /** Replaced by a flush that rewrites the store; see {@link #storeSwitch}. */
    private volatile MapDbBackend store;
    /**
     * Readers of the store hold the read lock, and check that the store they started on is still
     * the current one; the flusher replaces and closes a rewritten store under the write lock.
     */
    private final ReentrantReadWriteLock storeSwitch = new ReentrantReadWriteLock();
    private final ConcurrentSkipListSet<byte[]> pendingRefs = new ConcurrentSkipListSet<>(Keys.UNSIGNED);
    private final Map<Integer, Integer> physicalOf = new HashMap<>();
    private final Map<Integer, Integer> logicalOf = new HashMap<>();
    private final Map<Integer, Long> counts = new HashMap<>();
    private final Map<Integer, Long> expiringCounts = new HashMap<>();
    private final Deque<Integer> dropping = new ArrayDeque<>();
    private final Thread flusher;
    private final long flushIntervalMillis;
    private final long flushLogBytes;
    /** Bytes logged since the last flush's snapshot (guarded by the lock). */
    private long logBytesSinceFlush;
    /** When the last flush took its snapshot (guarded by the lock). */
    private long lastFlushNanos = System.nanoTime();

    private long generationHigh;
    /** Depth of nested units of work (under the lock); their records wait in {@link #unitRecords}. */
    private int unitDepth;
    private final List<byte[]> unitRecords = new ArrayList<>();
    /** Bumped (under the lock) whenever a flush may have made stale MapDB expiry refs current again. */
    private volatile long indexVersion;
    /** Every MapDB expiry ref below this was stale at {@link #staleUntilVersion}; see {@link #expiring}. */
    private byte[] staleUntil;
    private long staleUntilVersion = -1;
    private int nextPhysical;
    private volatile boolean closed;
    /** Writes taken by the flush in progress and not yet committed to MapDB (guarded by the lock). */
    private int flushing;
    /** Set by close(): a flush in progress gives up, since the commit log holds everything it would write. */
    private volatile boolean closing;
    private long flushRequests;
    private long flushesDone;
    private volatile long lastCommitMillis;
    private volatile boolean lastCommitOk = true;
    private volatile long commits;
    /**
     * True once every live entry of the store is also in memory: from then on a miss in memory
     * is an answer, and neither point reads nor scans touch MapDB. A new store starts complete;
     * a reopened one serves at once and becomes complete when {@link #warmUp} has loaded it.
     */
    private volatile boolean complete;

    /**
     * What {@code flush-log-size} defaults to: a full tail of 32 MB replays in about a second here
     * (450,000 SETs of 100 bytes, 63 MB, took 2.05 s).
     */
    public static final long DEFAULT_FLUSH_LOG_BYTES = 32L << 20;

    public MapDbEngine(Path dir, long flushIntervalMillis) throws IOException {
        this(dir, flushIntervalMillis, DEFAULT_FLUSH_LOG_BYTES, FsyncPolicy.EVERYSEC);
    }

    /**
     * A flush starts {@code flushIntervalMillis} after the previous one, or sooner once the log
     * has grown by {@code flushLogBytes} since it: a checkpoint as databases take one (PostgreSQL's
     * checkpoint_timeout and max_wal_size). Between two flushes a key rewritten many times costs
     * MapDB one put, and the log's tail, all a restart replays, stays bounded.
     */
    public MapDbEngine(Path dir, long flushIntervalMillis, long flushLogBytes, FsyncPolicy fsync) throws IOException {
        Files.createDirectories(dir);
        this.store = MapDbBackend.open(dir);
        this.flushIntervalMillis = flushIntervalMillis;
        this.flushLogBytes = flushLogBytes;
        loadFacts();
        this.complete = store.data.isEmpty();
        this.log = openLog(dir, fsync);
        this.flusher = new Thread(this::flushLoop, "cairn-flusher");
        flusher.setDaemon(true);
        flusher.start();
    }

    /**
     * Starts loading a reopened store into memory in the background. Called by whoever opened
     * the engine once it is serving: on two cores the loader would otherwise slow the start it
     * is meant not to delay.
     */
    public void startWarmUp() {
        if (complete) return;
        Thread warmer = new Thread(this::warmUp, "cairn-warmup");
        warmer.setDaemon(true);
        warmer.start();
    }

    /** Opens the commit log, replaying what MapDB's last commit does not cover. */
    private CommitLog openLog(Path dir, FsyncPolicy fsync) throws IOException {
        long checkpoint = store.facts.getOrDefault("lsn", 0L);
        LogRecords.Sink replay = new LogRecords.Sink() {
            @Override
            public void write(WriteBatch.Op op, int flags) {
                replay(op, flags);
            }

            @Override
            public void clear(int bucket) {
                clearBucket(bucket);
            }

            @Override
            public void swap(int a, int b) {
                swapBuckets(a, b);
            }
        };
        long[] replayed = {0};
        lock.lock();
        try {
            CommitLog opened = CommitLog.open(dir.resolve(CommitLog.DIR_NAME), checkpoint, fsync, (lsn, payload) -> {
                LogRecords.replay(payload, replay);
                replayed[0]++;
            });
            if (replayed[0] > 0) System.out.println("cairn: replayed " + replayed[0] + " commit log records");
            return opened;
        } finally {
            lock.unlock();
        }
    }

    private static final int WARM_CHUNK = 1000;

    /**
     * Loads the store into memory in key order, a chunk at a time under the lock. A key already in
     * memory (written, deleted or read since the start) is left alone: memory is newer. Holding
     * the lock keeps a flushed tombstone from vanishing between reading the store and caching.
     */
    private void warmUp() {
        BackgroundPriority.lowerCurrentThread();
        byte[] after = null;
        while (!closed) {
            lock.lock();
            try {
                Iterator<Map.Entry<byte[], byte[]>> it = store.after(after);
                int n = 0;
                while (n < WARM_CHUNK && it.hasNext()) {
                    Map.Entry<byte[], byte[]> e = it.next();
                    after = e.getKey();
                    n++;
                    if (!logicalOf.containsKey(Keys.bucketOf(after))) continue; // a dropped bucket's leftovers
                    if (mem.get(after) == null) mem.cacheClean(after, EntryCodec.decode(e.getValue()));
                }
                if (n < WARM_CHUNK) {
                    complete = true;
                    return;
                }
            } catch (RuntimeException e) {
                if (!closed) System.err.println("warm-up stopped, reads keep going to the store: " + e);
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    private void loadFacts() {
        generationHigh = store.facts.getOrDefault("gen", 0L);
        nextPhysical = store.facts.getOrDefault("nextPhysical", 0L).intValue();
        for (Map.Entry<String, Long> f : store.facts.entrySet()) {
            String k = f.getKey();
            if (k.startsWith("bucket.")) {
                int logical = Integer.parseInt(k.substring(7));
                physicalOf.put(logical, f.getValue().intValue());
                logicalOf.put(f.getValue().intValue(), logical);
            } else if (k.startsWith("count.")) {
                counts.put(Integer.parseInt(k.substring(6)), f.getValue());
            } else if (k.startsWith("expiring.")) {
                expiringCounts.put(Integer.parseInt(k.substring(9)), f.getValue());
            } else if (k.startsWith("drop.")) {
                dropping.add(Integer.parseInt(k.substring(5)));
            }
        }
    }

    // ---- reads ----

    @Override
    public Entry get(int bucket, byte[] key) {
        Integer physical = physicalOf(bucket);
        if (physical == null) return null;
        return getPhysical(Keys.compose(physical, key));
    }

    private Integer physicalOf(int bucket) {
        lock.lock();
        try {
            return physicalOf.get(bucket);
        } finally {
            lock.unlock();
        }
    }

    private Entry getPhysical(byte[] composite) {
        long removals = mem.removals();
        MemTable.Slot slot = mem.get(composite);
        if (slot != null) return slot.entry();
        if (complete) return null;
        byte[] stored;
        storeSwitch.readLock().lock();
        try {
            stored = store.get(composite);
        } finally {
            storeSwitch.readLock().unlock();
        }
        if (stored == null) return null;
        Entry e = EntryCodec.decode(stored);
        // Cache under the lock, and only if the flusher removed no tombstone since the miss: a
        // tombstone flushed meanwhile would otherwise be replaced by the value it deleted.
        lock.lock();
        try {
            if (mem.removals() != removals) return getPhysical(composite);
            mem.cacheClean(composite, e);
            return mem.get(composite).entry();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Iterator<KeyEntry> scan(int bucket, byte[] from, byte[] to, boolean reverse) {
        Integer physical = physicalOf(bucket);
        if (physical == null) return Collections.emptyIterator();
        byte[] lo, hi;
        if (!reverse) {
            lo = from == null ? Keys.bucketStart(physical) : Keys.compose(physical, from);
            hi = to == null ? Keys.bucketEnd(physical) : Keys.compose(physical, to);
        } else {
            // Reverse: from is the inclusive upper end, to the exclusive lower end.
            hi = from == null ? Keys.bucketEnd(physical) : successor(Keys.compose(physical, from));
            lo = to == null ? Keys.bucketStart(physical) : successor(Keys.compose(physical, to));
        }
        if (Keys.UNSIGNED.compare(lo, hi) >= 0) return Collections.emptyIterator();
        if (complete) return new MergedScan(lo, hi, reverse, null);
        storeSwitch.readLock().lock();
        try {
            return new MergedScan(lo, hi, reverse, store);
        } finally {
            storeSwitch.readLock().unlock();
        }
    }

    /** The smallest key greater than {@code k}: k followed by a zero byte. */
    private static byte[] successor(byte[] k) {
        byte[] out = new byte[k.length + 1];
        System.arraycopy(k, 0, out, 0, k.length);
        return out;
    }

    /**
     * Merges the memory layer over the store: memory wins on equal keys, tombstones hide keys.
     * The range is [lo, hi) in either direction.
     */
    private final class MergedScan implements Iterator<KeyEntry> {
        private final byte[] lo;
        private final byte[] hi;
        private final boolean reverse;
        private final int sign;
        /** The store this scan reads, or null when memory alone holds everything. */
        private MapDbBackend scanStore;
        private Iterator<Map.Entry<byte[], MemTable.Slot>> memIt;
        private Iterator<Map.Entry<byte[], byte[]>> storeIt;
        private Map.Entry<byte[], MemTable.Slot> memNext;
        private Map.Entry<byte[], byte[]> storeNext;
        private long storeFetchedAt;
        private KeyEntry next;

        /** Called with the store's read lock held when {@code scanStore} is not null. */
        MergedScan(byte[] lo, byte[] hi, boolean reverse, MapDbBackend scanStore) {
            this.lo = lo;
            this.hi = hi;
            this.reverse = reverse;
            this.sign = reverse ? -1 : 1;
            this.scanStore = scanStore;
            this.memIt = mem.iterate(lo, hi, reverse);
            this.storeIt = scanStore == null ? Collections.emptyIterator() : scanStore.range(lo, hi, reverse);
            memNext = memIt.hasNext() ? memIt.next() : null;
            nextStore(null);
            advance();
        }

        private void advance() {
            next = null;
            while (next == null && (memNext != null || storeNext != null)) {
                int c;
                if (memNext == null) c = 1;
                else if (storeNext == null) c = -1;
                else c = sign * Keys.UNSIGNED.compare(memNext.getKey(), storeNext.getKey());
                if (c <= 0) {
                    byte[] k = memNext.getKey();
                    Entry e = memNext.getValue().entry();
                    memNext = memIt.hasNext() ? memIt.next() : null;
                    if (c == 0) nextStore(k);
                    if (e != null) next = new KeyEntry(Keys.userKey(k), e);
                } else {
                    byte[] k = storeNext.getKey();
                    byte[] v = storeNext.getValue();
                    long fetchedAt = storeFetchedAt;
                    nextStore(k);
                    // A key the memory layer learned of after this scan started still wins. If a
                    // tombstone left memory since the store entry was read, the flusher may have
                    // deleted it from the store meanwhile: read it again.
                    MemTable.Slot slot = mem.get(k);
                    Entry e;
                    if (slot != null) e = slot.entry();
                    else if (v == null || mem.removals() != fetchedAt) e = getPhysical(k);
                    else e = EntryCodec.decode(v);
                    if (e != null) next = new KeyEntry(Keys.userKey(k), e);
                }
            }
        }

        /** Reads the store's next entry; {@code passed} is the last key the merge has consumed. */
        private void nextStore(byte[] passed) {
            storeFetchedAt = mem.removals();
            if (scanStore == null) return;
            storeSwitch.readLock().lock();
            try {
                if (store == scanStore) {
                    storeNext = storeIt.hasNext() ? storeIt.next() : null;
                    return;
                }
            } finally {
                storeSwitch.readLock().unlock();
            }
            // The store was rewritten (and closed), which happens only once memory holds every
            // entry: the rest of the range comes from memory alone, read afresh from the position
            // reached, since the memory iterator may have passed keys loaded behind it.
            scanStore = null;
            storeIt = Collections.emptyIterator();
            storeNext = null;
            if (passed == null) memIt = mem.iterate(lo, hi, reverse);
            else memIt = reverse ? mem.iterate(lo, passed, true) : mem.iterate(successor(passed), hi, false);
            memNext = memIt.hasNext() ? memIt.next() : null;
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public KeyEntry next() {
            if (next == null) throw new NoSuchElementException();
            KeyEntry out = next;
            advance();
            return out;
        }
    }

    // ---- writes ----

    @Override
    public boolean commit(WriteBatch batch) {
        lock.lock();
        try {
            for (WriteBatch.Check c : batch.checks()) {
                Entry current = get(c.bucket(), c.key());
                long gen = current == null ? 0 : current.generation();
                if (gen != c.generation()) return false;
            }
            if (batch.isEmpty()) return true;
            List<WriteBatch.Op> ops = batch.ops();
            int[] previous = new int[ops.size()];
            for (int i = 0; i < previous.length; i++) previous[i] = apply(ops.get(i));
            logRecord(LogRecords.batch(ops, previous));
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Applies one write to the memory layer; returns what the key held before as {@link
     * LogRecords} flags, which go into the log so that a replay needs no MapDB read per record.
     */
    private int apply(WriteBatch.Op op) {
        Integer physical = physicalFor(op);
        if (physical == null) return 0;
        byte[] composite = Keys.compose(physical, op.key());
        // One lookup finds the key's cell for the read and the write: on random keys each
        // lookup is a cache miss, and three of them were a third of MSET's time.
        MemTable.Cell cell = mem.cell(composite);
        if (cell == null && !complete) {
            getPhysical(composite); // caches whatever the store has
            cell = mem.cell(composite);
        }
        MemTable.Slot slot = cell == null ? null : cell.slot();
        boolean existed = slot != null && slot.entry() != null;
        boolean stored;
        if (slot == null) stored = false;
        else if (!slot.dirty()) stored = true;
        else if (slot.epoch() < mem.epoch()) stored = existed; // a flush in progress is writing it
        else stored = slot.stored();
        long previousExpiry = slot == null ? Entry.NO_EXPIRY : slot.expireAt();
        write(physical, composite, cell, op.entry(), existed, previousExpiry, stored);
        return LogRecords.flags(existed, previousExpiry != Entry.NO_EXPIRY);
    }

    /**
     * Applies one write read back from the log, in memory only. The key's previous state is in
     * memory when an earlier replayed record wrote it; otherwise it is what MapDB holds, which
     * the record's flags describe (the replay reconstructs each moment exactly, so they still
     * hold): whether the key existed and had an expiry. Its expiry ref, if any, is in MapDB's
     * index, not among the pending refs, so its exact time is not needed.
     */
    private void replay(WriteBatch.Op op, int flags) {
        Integer physical = physicalFor(op);
        if (physical == null) return;
        byte[] composite = Keys.compose(physical, op.key());
        MemTable.Cell cell = mem.cell(composite);
        if (cell != null) {
            MemTable.Slot slot = cell.slot();
            write(physical, composite, cell, op.entry(), slot.entry() != null, slot.expireAt(),
                    slot.stored() || !slot.dirty());
        } else {
            boolean existed = LogRecords.existed(flags);
            write(physical, composite, null, op.entry(), existed, LogRecords.expiring(flags) ? UNKNOWN_EXPIRY : Entry.NO_EXPIRY,
                    existed);
        }
    }

    /** A previous expiry that exists but is known only to MapDB's index. */
    private static final long UNKNOWN_EXPIRY = -1;

    /** The physical bucket a write goes to, created for a put; null for a delete in a bucket that has none. */
    private Integer physicalFor(WriteBatch.Op op) {
        Integer physical = physicalOf.get(op.bucket());
        if (physical == null && op.entry() != null) {
            physical = nextPhysical++;
            physicalOf.put(op.bucket(), physical);
            logicalOf.put(physical, op.bucket());
        }
        return physical;
    }

    /** {@code cell} is the key's cell, or null when memory holds nothing for it. */
    private void write(int physical, byte[] composite, MemTable.Cell cell, Entry entry, boolean existed,
            long previousExpiry, boolean stored) {
        if (!existed && entry == null) return;
        mem.write(composite, cell, entry, stored);
        if (!existed) counts.merge(physical, 1L, Long::sum);
        else if (entry == null) counts.merge(physical, -1L, Long::sum);
        long newExpiry = entry == null ? Entry.NO_EXPIRY : entry.expireAt();
        boolean hadExpiry = existed && previousExpiry != Entry.NO_EXPIRY;
        if (hadExpiry && previousExpiry != newExpiry && previousExpiry != UNKNOWN_EXPIRY) {
            pendingRefs.remove(Keys.expiryRef(previousExpiry, composite));
        }
        if (newExpiry != Entry.NO_EXPIRY) pendingRefs.add(Keys.expiryRef(newExpiry, composite));
        int expiringDelta = (newExpiry != Entry.NO_EXPIRY ? 1 : 0) - (hadExpiry ? 1 : 0);
        if (expiringDelta != 0) expiringCounts.merge(physical, (long) expiringDelta, Long::sum);
        if (entry != null && entry.generation() > generationHigh) generationHigh = entry.generation();
    }

    @Override
    public long count(int bucket) {
        lock.lock();
        try {
            Integer physical = physicalOf.get(bucket);
            return physical == null ? 0 : counts.getOrDefault(physical, 0L);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long countExpiring(int bucket) {
        lock.lock();
        try {
            Integer physical = physicalOf.get(bucket);
            return physical == null ? 0 : expiringCounts.getOrDefault(physical, 0L);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void swap(int bucketA, int bucketB) {
        lock.lock();
        try {
            logRecord(LogRecords.swap(bucketA, bucketB));
            swapBuckets(bucketA, bucketB);
        } finally {
            lock.unlock();
        }
    }

    private void swapBuckets(int bucketA, int bucketB) {
        Integer a = physicalOf.remove(bucketA);
        Integer b = physicalOf.remove(bucketB);
        if (a != null) {
            physicalOf.put(bucketB, a);
            logicalOf.put(a, bucketB);
        }
        if (b != null) {
            physicalOf.put(bucketA, b);
            logicalOf.put(b, bucketA);
        }
    }

    @Override
    public void clear(int bucket) {
        lock.lock();
        try {
            if (!physicalOf.containsKey(bucket)) return;
            logRecord(LogRecords.clear(bucket));
            clearBucket(bucket);
        } finally {
            lock.unlock();
        }
    }

    private void clearBucket(int bucket) {
        Integer old = physicalOf.remove(bucket);
        if (old == null) return;
        logicalOf.remove(old);
        counts.remove(old);
        expiringCounts.remove(old);
        mem.dropBucket(old);
        pendingRefs.removeIf(ref -> Keys.bucketOf(Keys.expiryComposite(ref)) == old);
        dropping.add(old);
    }

    /**
     * Refs of unflushed entries come from {@code pendingRefs}, which is exact. MapDB's index is
     * exact only for keys memory holds nothing newer for: a ref whose key has a dirty slot
     * (rewritten, re-expired or deleted since the flush) is stale until the next flush, and is
     * skipped. Active expiry turns the head of the index into such stale refs by the thousand
     * before their tombstones are flushed, so the walk remembers where the run of stale refs at
     * its start ends ({@link #staleUntil}) and starts there next time, as long as no flush has
     * since made any of them current again ({@link #indexVersion}). Without that, each batch
     * would walk every ref reclaimed since the last flush, and a large expiry would crawl.
     */
    @Override
    public Iterator<ExpiryRef> expiring(long upToMillis, int limit) {
        byte[] start;
        long version;
        Set<Integer> live;
        lock.lock();
        try {
            version = indexVersion;
            start = staleUntilVersion == version ? staleUntil : null;
            live = new HashSet<>(logicalOf.keySet());
        } finally {
            lock.unlock();
        }
        List<byte[]> refs = new ArrayList<>();
        for (byte[] ref : pendingRefs.headSet(Keys.expiryBound(upToMillis), false)) {
            if (refs.size() >= limit) break;
            refs.add(ref);
        }
        byte[] lastStaleOfRun = null;
        boolean inStaleRun = true;
        int current = 0;
        storeSwitch.readLock().lock();
        try {
            Iterator<byte[]> stored = store.expiringUpTo(start, upToMillis);
            while (current < limit && stored.hasNext()) {
                byte[] ref = stored.next();
                byte[] composite = Keys.expiryComposite(ref);
                MemTable.Slot slot = mem.get(composite);
                // A ref of a cleared bucket stays in MapDB until the flusher has dropped the bucket; it
                // must not use up the batch, or expiry elsewhere waits for the drop. Physical ids are
                // never reused, so such a ref never becomes current again.
                boolean stale = !live.contains(Keys.bucketOf(composite))
                        || slot != null && (slot.dirty() || slot.entry() == null || slot.entry().expireAt() != Keys.expiryTime(ref));
                if (stale) {
                    if (inStaleRun) lastStaleOfRun = ref;
                    continue;
                }
                inStaleRun = false;
                refs.add(ref);
                current++;
            }
        } finally {
            storeSwitch.readLock().unlock();
        }
        refs.sort(Keys.UNSIGNED);
        List<ExpiryRef> out = new ArrayList<>();
        lock.lock();
        try {
            if (lastStaleOfRun != null && indexVersion == version) {
                staleUntil = successor(lastStaleOfRun);
                staleUntilVersion = version;
            }
            for (byte[] ref : refs) {
                if (out.size() >= limit) break;
                byte[] composite = Keys.expiryComposite(ref);
                Integer logical = logicalOf.get(Keys.bucketOf(composite));
                if (logical == null) continue;
                out.add(new ExpiryRef(Keys.expiryTime(ref), logical, Keys.userKey(composite)));
            }
        } finally {
            lock.unlock();
        }
        return out.iterator();
    }

    @Override
    public long lastGeneration() {
        lock.lock();
        try {
            return generationHigh;
        } finally {
            lock.unlock();
        }
    }

    // ---- flushing ----

    private void flushLoop() {
        BackgroundPriority.lowerCurrentThread();
        while (true) {
            lock.lock();
            try {
                long due = lastFlushNanos + TimeUnit.MILLISECONDS.toNanos(flushIntervalMillis);
                while (!closed && flushRequests <= flushesDone && logBytesSinceFlush < flushLogBytes) {
                    long wait = due - System.nanoTime();
                    if (wait <= 0) break;
                    flushed.awaitNanos(wait);
                }
                if (closed) return;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            flushOnce();
        }
    }

    /** One flush: everything dirty so far goes to MapDB in one transaction. */
    private void flushOnce() {
        List<MemTable.Dirty> batch;
        Map<String, Long> facts = new HashMap<>();
        List<Integer> drops;
        Set<Integer> live;
        long request;
        long checkpoint;
        long keys = 0;
        boolean rewrite;
        lock.lock();
        try {
            request = flushRequests;
            lastFlushNanos = System.nanoTime();
            logBytesSinceFlush = 0;
            batch = mem.takeDirty();
            flushing = batch.size();
            checkpoint = log.appendedLsn();
            facts.put("lsn", checkpoint);
            facts.put("gen", generationHigh);
            facts.put("nextPhysical", (long) nextPhysical);
            physicalOf.forEach((l, p) -> facts.put("bucket." + l, (long) p));
            counts.forEach((p, c) -> facts.put("count." + p, c));
            expiringCounts.forEach((p, c) -> facts.put("expiring." + p, c));
            drops = new ArrayList<>(dropping);
            for (int d : drops) facts.put("drop." + d, 1L);
            live = new HashSet<>(physicalOf.values());
            for (long c : counts.values()) keys += c;
            // Rewriting reads nothing but the old store and this batch, and replaces the store
            // under readers, which is safe only once no reader needs the store: memory complete.
            rewrite = complete && !batch.isEmpty() && (long) batch.size() * REWRITE_SHARE >= keys;
        } finally {
            lock.unlock();
        }
        // In key order, each put descends to a leaf next to the last one: measured on 30,000
        // random keys of a 100,000-key tree, 4.5 us a put against 8 to 12 us in write order.
        batch = inKeyOrder(batch);
        boolean ok = true;
        flushGate.lock();
        try {
            if (rewrite) {
                // Dropped buckets' keys are left out of the new file: their drops are done.
                for (int d : drops) facts.remove("drop." + d);
                rewriteStore(batch, live, facts);
                commits++;
            } else if (!batch.isEmpty() || !store.facts.equals(facts)) {
                int written = 0;
                for (MemTable.Dirty d : batch) {
                    if (d.slot().entry() != null || d.slot().stored()) store.write(d.key(), d.slot().entry());
                    if (++written % 1000 == 0 && closing) throw new FlushAbandoned();
                }
                store.facts.keySet().retainAll(facts.keySet());
                store.facts.putAll(facts);
                store.commit();
                commits++;
            }
            log.releaseUpTo(checkpoint);
            if (!rewrite) dropBuckets(drops);
        } catch (FlushAbandoned e) {
            ok = false;
            store.rollback();
        } catch (RuntimeException | IllegalAccessError e) { // MapDB reports a closed store with IllegalAccessError
            // The flusher must survive a failed commit (full disk...): a dead flusher would make
            // every later sync() wait forever. What was taken is put back to be written next time.
            ok = false;
            System.err.println("cairn: MapDB flush failed: " + e);
            store.rollback();
        } finally {
            flushGate.unlock();
            lastCommitOk = ok || closing;
            if (ok) lastCommitMillis = System.currentTimeMillis();
            if (ok) markClean(batch);
            lock.lock();
            try {
                if (ok) {
                    dropping.removeAll(drops);
                    indexVersion++;
                } else {
                    mem.requeue(batch);
                }
                flushing = 0;
                flushesDone = Math.max(flushesDone, request);
                flushed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private static List<MemTable.Dirty> inKeyOrder(List<MemTable.Dirty> batch) {
        byte[][] keys = new byte[batch.size()][];
        for (int i = 0; i < keys.length; i++) keys[i] = batch.get(i).key();
        List<MemTable.Dirty> sorted = new ArrayList<>(keys.length);
        for (int i : KeySort.order(keys)) sorted.add(batch.get(i));
        return sorted;
    }

    /** Deletes dropped buckets' keys from the store, a chunk per commit. */
    private void dropBuckets(List<Integer> drops) {
        for (int d : drops) {
            while (store.dropSome(d, DROP_CHUNK) > 0) {
                store.commit();
                if (closing) throw new FlushAbandoned();
            }
            store.facts.remove("drop." + d);
            store.facts.remove("count." + d);
            store.facts.remove("expiring." + d);
            store.commit();
        }
    }

    /**
     * Writes the store anew with the batch merged in (see {@link MapDbBackend#rewrite}) and makes
     * the new file the store; the old one is closed once no reader is inside it.
     */
    private void rewriteStore(List<MemTable.Dirty> batch, Set<Integer> live, Map<String, Long> facts) {
        Iterator<Map.Entry<byte[], Entry>> changes = new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < batch.size();
            }

            @Override
            public Map.Entry<byte[], Entry> next() {
                if (++i % 1000 == 0 && closing) throw new FlushAbandoned();
                // A key listed twice (it left memory and came back within the epoch): the sort is
                // stable, so the later listing, the newer slot, is the one kept.
                while (i < batch.size() && Arrays.equals(batch.get(i).key(), batch.get(i - 1).key())) i++;
                MemTable.Dirty d = batch.get(i - 1);
                return new java.util.AbstractMap.SimpleImmutableEntry<>(d.key(), d.slot().entry());
            }
        };
        MapDbBackend old = store;
        MapDbBackend next;
        try {
            next = old.rewrite(changes, live::contains, facts);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        storeSwitch.writeLock().lock();
        try {
            store = next;
        } finally {
            storeSwitch.writeLock().unlock();
        }
        try {
            old.retire();
        } catch (IOException | RuntimeException e) {
            // The new file is the store; the next start deletes whatever of the old one is left.
            System.err.println("cairn: could not delete the replaced store file: " + e);
        }
    }

    /**
     * Marks a committed batch clean in chunks, releasing the lock between them: a flush of a
     * hundred thousand keys must not stall every command for the whole walk.
     */
    private void markClean(List<MemTable.Dirty> batch) {
        for (int from = 0; from < batch.size(); from += MARK_CHUNK) {
            lock.lock();
            try {
                for (MemTable.Dirty d : batch.subList(from, Math.min(batch.size(), from + MARK_CHUNK))) {
                    mem.markClean(d);
                    Entry e = d.slot().entry();
                    if (e == null || !e.hasExpiry()) continue;
                    MemTable.Slot now = mem.get(d.key());
                    if (now != null && now.entry() == e) pendingRefs.remove(Keys.expiryRef(e.expireAt(), d.key()));
                }
                // Stale refs the expiry walk skipped may be current now.
                indexVersion++;
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public void sync() {
        lock.lock();
        try {
            // SAVE inside a unit (EXEC) makes what the unit did so far durable too: the flush
            // waited for below would otherwise snapshot effects whose record is not yet logged.
            if (unitDepth > 0) appendUnitRecords();
        } finally {
            lock.unlock();
        }
        log.sync();
        lock.lock();
        try {
            long want = ++flushRequests;
            flushed.signalAll();
            while (flushesDone < want && !closed) flushed.await(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public EngineStats stats() {
        lock.lock();
        try {
            return new EngineStats(lastCommitMillis, lastCommitOk, commits, mem.pending() + flushing,
                    store.bytesOnDisk() + log.bytesOnDisk(), log.policy(), log.fsyncs(), log.lastFsyncMillis(),
                    log.failure());
        } finally {
            lock.unlock();
        }
    }

    /** A final flush at close larger than this is left to the next start's replay of the log. */
    private static final int CLOSE_FLUSH_LIMIT = 20_000;

    /** Thrown inside a flush that close() asked to stop; the transaction is rolled back. */
    private static final class FlushAbandoned extends RuntimeException {
        FlushAbandoned() {
            super(null, null, false, false);
        }
    }

    /**
     * Stops in bounded time: the commit log is fsynced whatever happens, so MapDB need not catch
     * up first. A small backlog is flushed so that the next start replays nothing; a large one
     * (after a bulk load MapDB may be a million writes behind) stays in the log, and a flush in
     * progress is abandoned, rather than holding a shutdown for tens of seconds.
     */
    @Override
    public void close() {
        if (closed) return;
        closing = true;
        lock.lock();
        try {
            closed = true;
            flushed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            flusher.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean small;
        lock.lock();
        try {
            small = mem.pending() <= CLOSE_FLUSH_LIMIT && !flusher.isAlive();
        } finally {
            lock.unlock();
        }
        if (small) {
            closing = false;
            flushOnce();
        }
        log.close();
        store.close();
    }

    // ---- durability ----

    /** Appends a commit's record, or keeps it for the end of the unit of work in progress. */
    private void logRecord(byte[] payload) {
        if (unitDepth > 0) unitRecords.add(payload);
        else appendToLog(payload);
    }

    /** Appends under the lock, and wakes the flusher once the log's tail has reached its bound. */
    private void appendToLog(byte[] payload) {
        log.append(payload);
        logBytesSinceFlush += payload.length;
        if (logBytesSinceFlush >= flushLogBytes && logBytesSinceFlush - payload.length < flushLogBytes) {
            flushed.signalAll();
        }
    }

    /**
     * Holds the lock for the whole unit, so that no flush snapshot can fall between two of its
     * commits: MapDB never holds half a unit whose record is not in the log.
     */
    @Override
    public void beginUnit() {
        lock.lock();
        unitDepth++;
    }

    @Override
    public void endUnit() {
        try {
            if (--unitDepth == 0) appendUnitRecords();
        } finally {
            lock.unlock();
        }
    }

    private void appendUnitRecords() {
        if (unitRecords.isEmpty()) return;
        appendToLog(unitRecords.size() == 1 ? unitRecords.get(0) : LogRecords.merge(unitRecords));
        unitRecords.clear();
    }

    @Override
    public long commitPosition() {
        return log.appendedLsn();
    }

    @Override
    public boolean isDurable(long position) {
        return log.isDurable(position);
    }

    @Override
    public void whenDurable(long position, Runnable action) {
        log.whenDurable(position, action);
    }

    @Override
    public void commitNow() {
        if (!log.commitInline()) log.kick();
    }

    @Override
    public void setFsyncPolicy(FsyncPolicy policy) {
        log.setPolicy(policy);
    }

    /**
     * MapDB's files as of its last commit (the flusher waits meanwhile; clients do not), then the
     * commit log: a restart from the copy replays the log over that commit, as after a crash.
     */
    @Override
    public void backup(Path target) throws IOException {
        Files.createDirectories(target);
        flushGate.lock();
        try {
            MapDbBackend current = store;
            for (Path p : current.files()) {
                Files.copy(p, target.resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            StoreManifest.switchTo(target, current.fileName());
            log.copyTo(target.resolve(CommitLog.DIR_NAME));
        } finally {
            flushGate.unlock();
        }
    }
}
