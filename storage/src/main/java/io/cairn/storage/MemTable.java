package io.cairn.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The memory-first layer in front of the backing store: every write lands here first (as a
 * dirty slot) and stays until the flusher has committed it; entries read from the store are
 * cached here as clean slots. A slot with a null entry is a tombstone: the key is deleted even
 * if the store still has it.
 *
 * <p>Mutations are made under the engine's lock; readers may read concurrently.
 */
final class MemTable {

    /** {@code entry} null = deleted; {@code epoch} the flush epoch it is dirty in, or -1 when clean. */
    record Slot(Entry entry, long epoch) {
        boolean dirty() {
            return epoch >= 0;
        }
    }

    /** One dirty slot taken by a flush. */
    record Dirty(byte[] key, Slot slot) {}

    private final ConcurrentSkipListMap<byte[], Slot> slots = new ConcurrentSkipListMap<>(Keys.UNSIGNED);
    private List<byte[]> dirtyKeys = new ArrayList<>();
    private long epoch;
    /**
     * Bumped whenever a slot leaves the table. A reader that missed here and then read the store
     * compares it before and after: unchanged means no tombstone vanished in between, so what the
     * store said is still what the table would say.
     */
    private volatile long removals;

    Slot get(byte[] composite) {
        return slots.get(composite);
    }

    NavigableMap<byte[], Slot> range(byte[] from, byte[] to) {
        return slots.subMap(from, true, to, false);
    }

    void write(byte[] composite, Entry entryOrNull) {
        Slot previous = slots.put(composite, new Slot(entryOrNull, epoch));
        if (previous == null || previous.epoch() != epoch) dirtyKeys.add(composite);
    }

    /** Caches what the store holds, unless a write got there first. */
    void cacheClean(byte[] composite, Entry entry) {
        slots.putIfAbsent(composite, new Slot(entry, -1));
    }

    /** Forgets a range without flushing it (its bucket was cleared). */
    void dropRange(byte[] from, byte[] to) {
        removals++;
        slots.subMap(from, true, to, false).clear();
    }

    long removals() {
        return removals;
    }

    int pending() {
        return dirtyKeys.size();
    }

    /** Takes every dirty slot for a flush; later writes go to the next epoch. */
    List<Dirty> takeDirty() {
        List<byte[]> keys = dirtyKeys;
        dirtyKeys = new ArrayList<>();
        long taken = epoch++;
        List<Dirty> out = new ArrayList<>(keys.size());
        for (byte[] k : keys) {
            Slot s = slots.get(k);
            if (s != null && s.epoch() == taken) out.add(new Dirty(k, s));
        }
        return out;
    }

    /** After the store committed {@code flushed}: slots not rewritten since become clean. */
    void markClean(List<Dirty> flushed) {
        for (Dirty d : flushed) {
            Slot now = slots.get(d.key());
            if (now != d.slot()) continue;
            if (d.slot().entry() == null) {
                removals++;
                slots.remove(d.key(), now);
            }
            else slots.replace(d.key(), now, new Slot(d.slot().entry(), -1));
        }
    }

    long size() {
        return slots.size();
    }
}
