package io.cairn.storage;

import static io.cairn.storage.Stores.MANUAL_FLUSH;
import static io.cairn.storage.Stores.b;
import static io.cairn.storage.Stores.entry;
import static io.cairn.storage.Stores.expiring;
import static io.cairn.storage.Stores.put;
import static io.cairn.storage.Stores.s;
import static io.cairn.storage.Stores.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

/**
 * A flush whose batch is a large share of the store writes the store anew as the next
 * generation's file, which the manifest then names; a smaller one writes in place.
 */
class StoreRewriteTest {

    private static final long FAR = 4_000_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void aFlushOfMostOfTheStoreWritesTheNextGenerationAndDeletesTheOld() throws Exception {
        try (MapDbEngine engine = Stores.open(dir)) {
            for (int i = 0; i < 2000; i++) put(engine, 0, key(i), entry(i + 1, "v" + i));
            engine.sync();
        }
        assertEquals("cairn-1.mapdb", manifest());
        assertTrue(StoreManifest.filesOf(dir, "cairn.mapdb").isEmpty(), "the first generation's files are left");
        try (MapDbEngine engine = Stores.open(dir)) {
            for (int i = 0; i < 2000; i++) assertEquals("v" + i, value(engine, 0, key(i)));
            assertEquals(2000, engine.count(0));
        }
    }

    @Test
    void aFlushOfAFewKeysWritesInPlace() throws Exception {
        try (MapDbEngine engine = Stores.open(dir)) {
            for (int i = 0; i < 2000; i++) put(engine, 0, key(i), entry(i + 1, "v" + i));
            engine.sync();
            for (int i = 0; i < 10; i++) put(engine, 0, key(i), entry(3000 + i, "new" + i));
            engine.sync();
            assertEquals("cairn-1.mapdb", manifest());
        }
        try (MapDbEngine engine = Stores.open(dir)) {
            assertEquals("new0", value(engine, 0, key(0)));
            assertEquals("v10", value(engine, 0, key(10)));
        }
    }

    @Test
    void aRewriteKeepsDeletionsAndExpiryTimes() throws Exception {
        try (MapDbEngine engine = Stores.open(dir)) {
            for (int i = 0; i < 2000; i++) put(engine, 0, key(i), entry(i + 1, "v" + i));
            engine.sync();
            for (int i = 0; i < 2000; i += 2) Stores.delete(engine, 0, key(i));
            for (int i = 1; i < 2000; i += 4) put(engine, 0, key(i), expiring(5000 + i, "e" + i, FAR + i));
            engine.sync();
            assertEquals("cairn-2.mapdb", manifest());
        }
        try (MapDbEngine engine = Stores.open(dir)) {
            assertEquals(1000, engine.count(0));
            assertNull(engine.get(0, b(key(0))));
            assertEquals(FAR + 1, engine.get(0, b(key(1))).expireAt());
            assertEquals("v3", value(engine, 0, key(3)));
            List<String> due = new ArrayList<>();
            engine.expiring(FAR + 1000, 10_000).forEachRemaining(r -> due.add(s(r.key())));
            List<String> expected = new ArrayList<>();
            for (int i = 1; i < 1000; i += 4) expected.add(key(i));
            assertEquals(expected, due);
        }
    }

    @Test
    void aRewriteLeavesAClearedBucketsKeysOut() throws Exception {
        try (MapDbEngine engine = Stores.open(dir)) {
            for (int i = 0; i < 2000; i++) put(engine, 1, key(i), entry(i + 1, "a"));
            for (int i = 0; i < 2000; i++) put(engine, 2, key(i), entry(i + 1, "b"));
            engine.sync();
            engine.clear(1);
            for (int i = 0; i < 2000; i++) put(engine, 2, key(i), entry(5000 + i, "c"));
            engine.sync();
            assertEquals("cairn-2.mapdb", manifest());
        }
        try (MapDbEngine engine = Stores.open(dir)) {
            assertEquals(0, engine.count(1));
            assertFalse(engine.scan(1, null, null, false).hasNext());
            assertEquals(2000, Stores.keys(engine.scan(2, null, null, false)).size());
            assertEquals("c", value(engine, 2, key(7)));
        }
    }

    @Test
    void aNextGenerationThatACrashLeftHalfWrittenIsDeletedAtOpen() throws Exception {
        try (MapDbEngine engine = Stores.open(dir)) {
            for (int i = 0; i < 10; i++) put(engine, 0, key(i), entry(i + 1, "v" + i));
            engine.sync();
        }
        String current = manifest();
        String halfWritten = StoreManifest.next(current);
        Files.write(dir.resolve(halfWritten), new byte[] {1, 2, 3});
        Files.write(dir.resolve(halfWritten + ".wal.0"), new byte[] {4});
        Files.writeString(dir.resolve(StoreManifest.NAME + ".tmp"), halfWritten);
        try (MapDbEngine engine = Stores.open(dir)) {
            assertFalse(Files.exists(dir.resolve(halfWritten)));
            assertFalse(Files.exists(dir.resolve(halfWritten + ".wal.0")));
            assertFalse(Files.exists(dir.resolve(StoreManifest.NAME + ".tmp")));
            assertEquals(current, manifest());
            assertEquals("v9", value(engine, 0, key(9)));
            for (int i = 0; i < 2000; i++) put(engine, 0, key(i), entry(100 + i, "w" + i));
            engine.sync();
        }
        assertEquals(halfWritten, manifest());
        try (MapDbEngine engine = Stores.open(dir)) {
            assertEquals("w1999", value(engine, 0, key(1999)));
        }
    }

    @Test
    void aScanThatBeganOnTheStoreBeforeWarmUpReadsEveryKeyOnceAcrossARewrite() throws Exception {
        try (MapDbEngine engine = Stores.open(dir)) {
            for (int i = 0; i < 3000; i++) put(engine, 0, key(i), entry(i + 1, "v" + i));
        }
        try (MapDbEngine engine = new MapDbEngine(dir, MANUAL_FLUSH)) {
            Iterator<KeyEntry> scan = engine.scan(0, null, null, false);
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < 100; i++) seen.add(s(scan.next().key()));
            engine.startWarmUp();
            String before = manifest();
            long deadline = System.nanoTime() + 20_000_000_000L;
            for (int round = 0; before.equals(manifest()) && System.nanoTime() < deadline; round++) {
                for (int i = 0; i < 3000; i++) put(engine, 0, key(i), entry(10_000 + round * 3000 + i, "r" + round));
                engine.sync();
            }
            assertFalse(before.equals(manifest()), "no rewrite happened");
            scan.forEachRemaining(e -> seen.add(s(e.key())));
            List<String> all = new ArrayList<>();
            for (int i = 0; i < 3000; i++) all.add(key(i));
            assertEquals(all, seen);
        }
    }

    /** What earlier versions wrote: no manifest, the expiry index a tree set named "expiry". */
    @Test
    void aStoreOfBeforeGenerationsOpensAndIsRewritten() throws Exception {
        DB db = DBMaker.fileDB(dir.resolve("cairn.mapdb").toFile()).fileMmapEnableIfSupported().transactionEnable().make();
        BTreeMap<byte[], byte[]> data = db.treeMap("data", Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY)
                .valuesOutsideNodesEnable().create();
        NavigableSet<byte[]> expiry = db.treeSet("expiry", Serializer.BYTE_ARRAY).create();
        for (int i = 0; i < 100; i++) {
            Entry e = i % 2 == 0 ? entry(i + 1, "old" + i) : expiring(i + 1, "old" + i, FAR + i);
            data.put(Keys.compose(0, b(key(i))), EntryCodec.encode(e));
            if (e.hasExpiry()) expiry.add(Keys.expiryRef(e.expireAt(), Keys.compose(0, b(key(i)))));
        }
        Map<String, Long> facts = db.hashMap("facts", Serializer.STRING, Serializer.LONG).create();
        facts.putAll(Map.of("bucket.0", 0L, "count.0", 100L, "expiring.0", 50L, "nextPhysical", 1L, "gen", 100L));
        db.commit();
        db.close();

        try (MapDbEngine engine = Stores.open(dir)) {
            assertEquals("old42", value(engine, 0, key(42)));
            assertEquals(List.of(key(1), key(3)), dueKeys(engine, FAR + 3));
            for (int i = 0; i < 2000; i++) put(engine, 0, key(1000 + i), entry(200 + i, "new"));
            engine.sync();
        }
        assertEquals("cairn-1.mapdb", manifest());
        try (MapDbEngine engine = Stores.open(dir)) {
            assertEquals("old43", value(engine, 0, key(43)));
            assertEquals(2100, engine.count(0));
            assertEquals(List.of(key(1), key(3)), dueKeys(engine, FAR + 3));
        }
    }

    private static List<String> dueKeys(MapDbEngine engine, long upTo) {
        List<String> due = new ArrayList<>();
        engine.expiring(upTo, 100).forEachRemaining(r -> due.add(s(r.key())));
        return due;
    }

    private String manifest() throws Exception {
        Path m = dir.resolve(StoreManifest.NAME);
        return Files.exists(m) ? Files.readString(m, StandardCharsets.UTF_8).trim() : StoreManifest.FIRST;
    }

    private static String key(int i) {
        return String.format("key:%06d", i);
    }
}
