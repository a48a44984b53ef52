package io.cairn.storage;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentMap;

import org.mapdb.BTreeMap;
import org.mapdb.CC;
import org.mapdb.DB;
import org.mapdb.Serializer;
import org.mapdb.StoreWAL;

/**
 * The durable side of the MapDB engine: one MapDB file with the data tree (physical key to
 * encoded entry), the expiry index (time-ordered references) and a small map of engine facts
 * (generation high-water mark, bucket mapping, counts). Only the flusher writes here, in
 * transactions, so a kill -9 leaves the file at its last commit: MapDB's transactions alone do
 * not promise that (see {@link RedoVolume}), so the store file's volume records each commit in a
 * redo file before changing the store.
 */
final class MapDbBackend implements AutoCloseable {

    static final String FILE_NAME = "cairn.mapdb";

    private final Path dir;
    private final File file;
    private final DB db;
    private final RedoVolumeFactory volumes;
    final BTreeMap<byte[], byte[]> data;
    final NavigableSet<byte[]> expiry;
    final ConcurrentMap<String, Long> facts;

    MapDbBackend(Path dir) throws IOException {
        this.dir = dir;
        this.file = dir.resolve(FILE_NAME).toFile();
        if (RedoVolume.recover(file.toPath())) {
            System.out.println("cairn: finished MapDB's last commit from its redo file");
        }
        // What DBMaker.fileDB(file).fileMmapEnableIfSupported().fileMmapPreclearDisable()
        // .transactionEnable().make() builds, with the store file's volume wrapped: DBMaker takes
        // no volume factory for a file store.
        this.volumes = new RedoVolumeFactory(file.toPath());
        boolean existed = volumes.exists(file.getPath());
        StoreWAL store = StoreWAL.make(file.getPath(), volumes, 0L, true, CC.STORE_DIRECT_CONC_SHIFT, CC.PAGE_SIZE,
                0L, false, false, false, true, false);
        this.db = new DB(store, existed, true, DB.class.getClassLoader(), 0);
        this.data = db.treeMap("data", Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY)
                .valuesOutsideNodesEnable()
                .createOrOpen();
        this.expiry = db.treeSet("expiry", Serializer.BYTE_ARRAY).createOrOpen();
        this.facts = db.hashMap("facts", Serializer.STRING, Serializer.LONG).createOrOpen();
    }

    byte[] get(byte[] composite) {
        return data.get(composite);
    }

    /** Every entry after {@code after} (all when null), in key order. */
    Iterator<Map.Entry<byte[], byte[]>> after(byte[] after) {
        return (after == null ? data : data.tailMap(after, false)).entrySet().iterator();
    }

    Iterator<Map.Entry<byte[], byte[]>> range(byte[] from, byte[] to, boolean reverse) {
        var sub = data.subMap(from, true, to, false);
        return reverse ? sub.descendingMap().entrySet().iterator() : sub.entrySet().iterator();
    }

    /** Expiry references from {@code from} (inclusive; null = the first) to deadlines up to {@code millis}. */
    Iterator<byte[]> expiringUpTo(byte[] from, long millis) {
        byte[] bound = Keys.expiryBound(millis);
        if (from == null) return expiry.headSet(bound, false).iterator();
        if (Keys.UNSIGNED.compare(from, bound) >= 0) return java.util.Collections.emptyIterator();
        return expiry.subSet(from, true, bound, false).iterator();
    }

    /** Writes one flushed slot, keeping the expiry index in step with the entry it replaces. */
    void write(byte[] composite, Entry entryOrNull) {
        byte[] previous = entryOrNull == null ? data.remove(composite) : data.put(composite, EntryCodec.encode(entryOrNull));
        long newExpiry = entryOrNull == null ? Entry.NO_EXPIRY : entryOrNull.expireAt();
        if (previous != null) {
            long oldExpiry = EntryCodec.expireAt(previous);
            if (oldExpiry != Entry.NO_EXPIRY && oldExpiry != newExpiry) expiry.remove(Keys.expiryRef(oldExpiry, composite));
        }
        if (newExpiry != Entry.NO_EXPIRY) expiry.add(Keys.expiryRef(newExpiry, composite));
    }

    /** Deletes up to {@code limit} keys of a physical bucket that is being dropped; returns how many. */
    int dropSome(int physical, int limit) {
        var sub = data.subMap(Keys.bucketStart(physical), true, Keys.bucketEnd(physical), false);
        int n = 0;
        Iterator<Map.Entry<byte[], byte[]>> it = sub.entrySet().iterator();
        List<byte[]> doomed = new java.util.ArrayList<>();
        while (it.hasNext() && n < limit) {
            doomed.add(it.next().getKey());
            n++;
        }
        for (byte[] k : doomed) write(k, null);
        return n;
    }

    void commit() {
        db.commit();
    }

    /** Discards uncommitted writes after a failed flush; best effort, the store may be gone. */
    void rollback() {
        try {
            if (!db.isClosed()) db.rollback();
            volumes.discardPending();
        } catch (RuntimeException | IllegalAccessError e) {
            System.err.println("cairn: MapDB rollback failed: " + e);
        }
    }

    Path directory() {
        return dir;
    }

    long bytesOnDisk() {
        return file.length();
    }

    @Override
    public void close() {
        if (!db.isClosed()) {
            db.commit();
            db.close();
        }
    }
}
