package io.cairn.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Iterator;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The memory-first layer in front of the backing store: every write lands here first (as a
 * dirty slot) and stays until the flusher has committed it; entries read from the store are
 * cached here as clean slots. A slot with a null entry is a tombstone: the key is deleted even
 * if the store still has it.
 *
 * <p>Slots are kept in one sorted map per physical bucket, so that dropping a cleared bucket is
 * one map removal however many keys it held (FLUSHDB must return at once).
 *
 * <p>Mutations are made under the engine's lock; readers may read concurrently.
 */
final class MemTable {

    /**
     * {@code entry} null = deleted; {@code epoch} the flush epoch it is dirty in, or -1 when clean;
     * {@code stored} whether the backing store may hold the key, so that a key created and deleted
     * between two flushes costs the store nothing.
     */
    static final class Slot {
        private final Entry entry;
        /**
         * The entry's expiry time, copied: a write reads the previous one, and on random keys the
         * entry itself is one more cache miss.
         */
        private final long expireAt;
        // Changed in place when a flush has committed the slot, so that marking a batch clean
        // costs no map operations (on a write-heavy load the flusher would otherwise spend
        // more on re-inserting clean slots than the server spends on the writes).
        private volatile long epoch;
        private volatile boolean stored;

        Slot(Entry entry, long epoch, boolean stored) {
            this.entry = entry;
            this.expireAt = entry == null ? Entry.NO_EXPIRY : entry.expireAt();
            this.epoch = epoch;
            this.stored = stored;
        }

        Entry entry() {
            return entry;
        }

        /** The entry's expiry time; {@link Entry#NO_EXPIRY} for none and for a tombstone. */
        long expireAt() {
            return expireAt;
        }

        long epoch() {
            return epoch;
        }

        boolean stored() {
            return stored;
        }

        boolean dirty() {
            return epoch >= 0;
        }

        void markClean() {
            stored = true;
            epoch = -1;
        }
    }

    /** One dirty slot taken by a flush, with where it lives, so that marking it clean needs no lookup. */
    static final class Dirty {
        private final byte[] key;
        private final Slot slot;
        private final BucketSlots slots;
        private final Cell cell;

        private Dirty(byte[] key, Slot slot, BucketSlots slots, Cell cell) {
            this.key = key;
            this.slot = slot;
            this.slots = slots;
            this.cell = cell;
        }

        byte[] key() {
            return key;
        }

        Slot slot() {
            return slot;
        }
    }


    /**
     * One physical bucket's slots, twice: sorted for ranges, hashed for point reads, which are
     * most of the traffic and would otherwise pay a skip-list walk of byte[] comparisons each.
     * Both are changed together under the engine's lock.
     */
    private static final class BucketSlots {
        final ConcurrentSkipListMap<byte[], Cell> sorted = new ConcurrentSkipListMap<>(Keys.UNSIGNED);
        final ConcurrentHashMap<HashKey, Cell> index = new ConcurrentHashMap<>();
        /** Set when the bucket is cleared: its keys still listed as dirty are not flushed. */
        volatile boolean dropped;

        Slot get(byte[] k) {
            Cell c = index.get(new HashKey(k));
            return c == null ? null : c.slot;
        }

        /** Rewriting a key already here changes its cell in place: no skip-list walk. */
        Slot put(byte[] k, Slot s) {
            Cell c = index.get(new HashKey(k));
            if (c != null) {
                Slot previous = c.slot;
                c.slot = s;
                return previous;
            }
            insert(k, s);
            return null;
        }

        Cell cell(byte[] k) {
            return index.get(new HashKey(k));
        }

        Cell insert(byte[] k, Slot s) {
            Cell c = new Cell(k, s);
            sorted.put(k, c);
            index.put(c, c);
            return c;
        }

        Slot putIfAbsent(byte[] k, Slot s) {
            Cell c = index.get(new HashKey(k));
            if (c != null) return c.slot;
            insert(k, s);
            return null;
        }

        boolean remove(byte[] k, Slot s) {
            Cell c = index.get(new HashKey(k));
            if (c == null || c.slot != s) return false;
            index.remove(c, c);
            sorted.remove(k, c);
            return true;
        }

        int size() {
            return index.size();
        }
    }

    /**
     * Where a key's current slot lives; shared by both maps so a rewrite touches neither. It is
     * its own key in the hash index: on random keys every object a lookup visits is a cache miss,
     * and a separate key object was one more of them.
     */
    static final class Cell extends HashKey {
        private volatile Slot slot;

        private Cell(byte[] key, Slot slot) {
            super(key);
            this.slot = slot;
        }

        Slot slot() {
            return slot;
        }
    }

    /** A byte[] key with value equality, for the hash index: a lookup's probe, or a {@link Cell}. */
    private static class HashKey {
        private final byte[] bytes;
        private final int hash;

        HashKey(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof HashKey k && hash == k.hash && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final ConcurrentHashMap<Integer, BucketSlots> buckets = new ConcurrentHashMap<>();
    /** Where a key dirty in the current epoch lives, so a flush reads its slot without a lookup. */
    private record DirtyRef(byte[] key, BucketSlots slots, Cell cell) {}

    private ChunkedList<DirtyRef> dirtyKeys = new ChunkedList<>();
    private long epoch;
    /**
     * Bumped whenever a slot leaves the table. A reader that missed here and then read the store
     * compares it before and after: unchanged means no tombstone vanished in between, so what the
     * store said is still what the table would say.
     */
    private volatile long removals;

    private BucketSlots bucketOf(byte[] composite) {
        return buckets.get(Keys.bucketOf(composite));
    }

    private BucketSlots bucketFor(byte[] composite) {
        return buckets.computeIfAbsent(Keys.bucketOf(composite), b -> new BucketSlots());
    }

    Slot get(byte[] composite) {
        BucketSlots slots = bucketOf(composite);
        return slots == null ? null : slots.get(composite);
    }

    /** The key's cell, to read its slot and then {@link #write} it with one lookup; null when absent. */
    Cell cell(byte[] composite) {
        BucketSlots slots = bucketOf(composite);
        return slots == null ? null : slots.cell(composite);
    }

    /**
     * Slots from {@code from} (inclusive) to {@code to} (exclusive), both within one physical
     * bucket or {@code to} its end, in key order or reversed.
     */
    Iterator<Map.Entry<byte[], Slot>> iterate(byte[] from, byte[] to, boolean reverse) {
        BucketSlots slots = bucketOf(from);
        if (slots == null) return Collections.emptyIterator();
        NavigableMap<byte[], Cell> range = slots.sorted.subMap(from, true, to, false);
        Iterator<Map.Entry<byte[], Cell>> cells = (reverse ? range.descendingMap() : range).entrySet().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return cells.hasNext();
            }

            @Override
            public Map.Entry<byte[], Slot> next() {
                Map.Entry<byte[], Cell> e = cells.next();
                return Map.entry(e.getKey(), e.getValue().slot);
            }
        };
    }

    /** The epoch current writes are dirty in; slots dirty in an earlier one belong to a flush in progress. */
    long epoch() {
        return epoch;
    }

    /**
     * {@code c} is what {@link #cell} returned for the key under the engine's lock, which every
     * change to the table is made under, so it is still the key's cell (or still absent).
     */
    void write(byte[] composite, Cell c, Entry entryOrNull, boolean stored) {
        BucketSlots slots = bucketFor(composite);
        Slot slot = new Slot(entryOrNull, epoch, stored);
        if (c == null) {
            dirtyKeys.add(new DirtyRef(composite, slots, slots.insert(composite, slot)));
        } else {
            Slot previous = c.slot;
            c.slot = slot;
            if (previous.epoch() != epoch) dirtyKeys.add(new DirtyRef(composite, slots, c));
        }
    }

    /** Caches what the store holds, unless a write got there first. */
    void cacheClean(byte[] composite, Entry entry) {
        bucketFor(composite).putIfAbsent(composite, new Slot(entry, -1, true));
    }

    /** Forgets a physical bucket without flushing it (it was cleared): its dirty keys are skipped by the next flush. */
    void dropBucket(int physical) {
        removals++;
        BucketSlots slots = buckets.remove(physical);
        if (slots != null) slots.dropped = true;
    }

    long removals() {
        return removals;
    }

    int pending() {
        return dirtyKeys.size();
    }

    /**
     * Closes the current epoch for a flush (under the engine's lock) and returns its dirty slots
     * as they are at this instant: together with the facts read under the same lock, an exact
     * snapshot of one point of the commit log, which is what lets a restart replay the log's
     * records after that point over it. Later writes go to the next epoch.
     */
    List<Dirty> takeDirty() {
        List<Dirty> out = new ArrayList<>(dirtyKeys.size());
        for (DirtyRef r : dirtyKeys) {
            if (r.slots().dropped) continue;
            Slot s = r.cell().slot;
            if (s.epoch() == epoch) out.add(new Dirty(r.key(), s, r.slots(), r.cell()));
        }
        dirtyKeys = new ChunkedList<>();
        epoch++;
        return out;
    }

    /**
     * After a failed flush: slots not rewritten since become dirty in the current epoch again.
     * A slot rewritten meanwhile was told the store would hold what this flush wrote; the store
     * may hold anything now, so it must not skip a delete.
     */
    void requeue(List<Dirty> failed) {
        for (Dirty d : failed) {
            BucketSlots slots = bucketOf(d.key());
            if (slots == null) continue;
            Slot now = slots.get(d.key());
            if (now == d.slot()) {
                Cell c = slots.cell(d.key());
                c.slot = new Slot(now.entry(), epoch, now.stored());
                dirtyKeys.add(new DirtyRef(d.key(), slots, c));
            } else if (now != null && !now.stored()) {
                slots.put(d.key(), new Slot(now.entry(), now.epoch(), true));
            }
        }
    }

    /** After the store committed {@code flushed}: slots not rewritten since become clean. */
    void markClean(List<Dirty> flushed) {
        for (Dirty d : flushed) markClean(d);
    }

    /**
     * A cell leaves its bucket only when its own flushed tombstone is removed here, or with its
     * whole bucket when that is dropped, so a cell that still holds the flushed slot, in a bucket
     * not dropped, is the key's current cell.
     */
    void markClean(Dirty d) {
        if (d.slots.dropped || d.cell.slot != d.slot) return;
        if (d.slot.entry() == null) {
            removals++;
            d.slots.remove(d.key, d.slot);
        } else {
            d.slot.markClean();
        }
    }

    long size() {
        long n = 0;
        for (BucketSlots slots : buckets.values()) n += slots.size();
        return n;
    }
}
