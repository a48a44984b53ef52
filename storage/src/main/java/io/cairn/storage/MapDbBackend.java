package io.cairn.storage;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentMap;
import java.util.function.IntPredicate;

import org.mapdb.BTreeMap;
import org.mapdb.CC;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;
import org.mapdb.StoreWAL;

/**
 * The durable side of the MapDB engine: one MapDB file with the data tree (physical key to
 * encoded entry), the expiry index (time-ordered references) and a small map of engine facts
 * (generation high-water mark, bucket mapping, counts). Only the flusher writes here, in
 * transactions, so a kill -9 leaves the file at its last commit: MapDB's transactions alone do
 * not promise that (see {@link RedoVolume}), so the store file's volume records each commit in a
 * redo file before changing the store.
 *
 * <p>A flush that changes much of the store writes it anew instead ({@link #rewrite}): a file
 * built bottom-up from sorted entries costs about a microsecond an entry, where a put costs ten.
 * The {@link StoreManifest} names which file is current.
 */
final class MapDbBackend implements AutoCloseable {

    private final Path dir;
    private final String fileName;
    private final File file;
    private final DB db;
    private final RedoVolumeFactory volumes;
    final BTreeMap<byte[], byte[]> data;
    /** The expiry index of files written by {@link #rewrite}: a tree can be built from a sink, a set cannot. */
    private final BTreeMap<byte[], Boolean> expiries;
    /** The expiry index of files of before generations; null in the others. */
    private final NavigableSet<byte[]> expirySet;
    final ConcurrentMap<String, Long> facts;

    /** Opens the store file the manifest names, after deleting every other generation's. */
    static MapDbBackend open(Path dir) throws IOException {
        String current = StoreManifest.current(dir);
        StoreManifest.removeAllBut(dir, current);
        return new MapDbBackend(dir, current);
    }

    private MapDbBackend(Path dir, String fileName) throws IOException {
        this.dir = dir;
        this.fileName = fileName;
        this.file = dir.resolve(fileName).toFile();
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
        if (db.exists(LEGACY_EXPIRY)) {
            this.expirySet = db.treeSet(LEGACY_EXPIRY, Serializer.BYTE_ARRAY).open();
            this.expiries = null;
        } else {
            this.expirySet = null;
            this.expiries = db.treeMap(EXPIRY, Serializer.BYTE_ARRAY, Serializer.BOOLEAN).createOrOpen();
        }
        this.facts = db.hashMap("facts", Serializer.STRING, Serializer.LONG).createOrOpen();
    }

    private static final String EXPIRY = "expiries";
    private static final String LEGACY_EXPIRY = "expiry";

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
        NavigableSet<byte[]> expiry = expirySet != null ? expirySet : expiries.navigableKeySet();
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
            if (oldExpiry != Entry.NO_EXPIRY && oldExpiry != newExpiry) removeRef(Keys.expiryRef(oldExpiry, composite));
        }
        if (newExpiry != Entry.NO_EXPIRY) addRef(Keys.expiryRef(newExpiry, composite));
    }

    private void addRef(byte[] ref) {
        if (expirySet != null) expirySet.add(ref);
        else expiries.put(ref, Boolean.TRUE);
    }

    private void removeRef(byte[] ref) {
        if (expirySet != null) expirySet.remove(ref);
        else expiries.remove(ref);
    }

    /**
     * Writes the next generation's file: this store's entries of the buckets {@code live} holds,
     * merged with {@code changes} (in key order; a null entry deletes), and {@code facts}; then
     * makes it current and returns it open. This store is left as it was, and stays current if
     * anything fails (the half-written file is deleted), so the caller swaps and closes.
     */
    MapDbBackend rewrite(Iterator<Map.Entry<byte[], Entry>> changes, IntPredicate live, Map<String, Long> facts)
            throws IOException {
        String nextName = StoreManifest.next(fileName);
        for (Path p : StoreManifest.filesOf(dir, nextName)) Files.delete(p);
        Path next = dir.resolve(nextName);
        // No transactions: until the manifest names it, a crash only leaves a file to delete.
        DB out = DBMaker.fileDB(next.toFile()).fileMmapEnableIfSupported().fileMmapPreclearDisable().make();
        try {
            DB.TreeMapSink<byte[], byte[]> sink = out.treeMap("data", Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY)
                    .valuesOutsideNodesEnable()
                    .createFromSink();
            List<byte[]> refs = new ArrayList<>();
            Iterator<Map.Entry<byte[], byte[]>> old = data.entrySet().iterator();
            Map.Entry<byte[], byte[]> o = nextLive(old, live);
            Map.Entry<byte[], Entry> c = changes.hasNext() ? changes.next() : null;
            while (o != null || c != null) {
                int order = o == null ? 1 : c == null ? -1 : Keys.UNSIGNED.compare(o.getKey(), c.getKey());
                if (order < 0) {
                    long at = EntryCodec.expireAt(o.getValue());
                    if (at != Entry.NO_EXPIRY) refs.add(Keys.expiryRef(at, o.getKey()));
                    sink.put(o.getKey(), o.getValue());
                    o = nextLive(old, live);
                    continue;
                }
                Entry e = c.getValue();
                if (e != null) {
                    if (e.hasExpiry()) refs.add(Keys.expiryRef(e.expireAt(), c.getKey()));
                    sink.put(c.getKey(), EntryCodec.encode(e));
                }
                if (order == 0) o = nextLive(old, live);
                c = changes.hasNext() ? changes.next() : null;
            }
            sink.create();
            refs.sort(Keys.UNSIGNED);
            DB.TreeMapSink<byte[], Boolean> refSink = out.treeMap(EXPIRY, Serializer.BYTE_ARRAY, Serializer.BOOLEAN)
                    .createFromSink();
            for (byte[] ref : refs) refSink.put(ref, Boolean.TRUE);
            refSink.create();
            out.hashMap("facts", Serializer.STRING, Serializer.LONG).createOrOpen().putAll(facts);
            out.commit();
            out.close();
            try (FileChannel ch = FileChannel.open(next, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        } catch (IOException | RuntimeException | Error e) {
            if (!out.isClosed()) out.close();
            for (Path p : StoreManifest.filesOf(dir, nextName)) Files.deleteIfExists(p);
            throw e;
        }
        StoreManifest.switchTo(dir, nextName);
        return new MapDbBackend(dir, nextName);
    }

    private static Map.Entry<byte[], byte[]> nextLive(Iterator<Map.Entry<byte[], byte[]>> it, IntPredicate live) {
        while (it.hasNext()) {
            Map.Entry<byte[], byte[]> e = it.next();
            if (live.test(Keys.bucketOf(e.getKey()))) return e;
        }
        return null;
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

    long bytesOnDisk() {
        return file.length();
    }

    /** This store's files, for a backup: the store file, MapDB's WAL files, the redo file. */
    List<Path> files() throws IOException {
        return StoreManifest.filesOf(dir, fileName);
    }

    String fileName() {
        return fileName;
    }

    /** Closes a store a rewrite has replaced (it has nothing uncommitted) and deletes its files. */
    void retire() throws IOException {
        if (!db.isClosed()) db.close();
        for (Path p : files()) Files.deleteIfExists(p);
    }

    @Override
    public void close() {
        if (!db.isClosed()) {
            db.commit();
            db.close();
        }
    }
}
