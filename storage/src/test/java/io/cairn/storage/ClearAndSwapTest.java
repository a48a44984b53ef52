package io.cairn.storage;

import static io.cairn.storage.Stores.b;
import static io.cairn.storage.Stores.entry;
import static io.cairn.storage.Stores.expiring;
import static io.cairn.storage.Stores.open;
import static io.cairn.storage.Stores.put;
import static io.cairn.storage.Stores.scanKeys;
import static io.cairn.storage.Stores.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClearAndSwapTest {

    @TempDir
    Path dir;

    MapDbEngine engine;
    long gen;

    @BeforeEach
    void openEngine() {
        engine = open(dir);
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    private void reopen() {
        engine.close();
        engine = open(dir);
    }

    private void fill(int bucket, String prefix, int n) {
        WriteBatch batch = new WriteBatch();
        for (int i = 0; i < n; i++) batch.write(bucket, b(prefix + i), entry(++gen, prefix + i));
        assertTrue(engine.commit(batch));
    }

    @Test
    void clearEmptiesFlushedAndUnflushedKeys() {
        fill(0, "flushed", 10);
        engine.sync();
        fill(0, "fresh", 10);
        put(engine, 0, "exp", expiring(++gen, "v", 9_999_999_999_999L));
        engine.clear(0);
        assertNull(engine.get(0, b("flushed1")));
        assertNull(engine.get(0, b("fresh1")));
        assertEquals(List.of(), scanKeys(engine, 0, null, null, false));
        assertEquals(0, engine.count(0));
        assertEquals(0, engine.countExpiring(0));
    }

    @Test
    void clearLeavesOtherBucketsAlone() {
        fill(0, "a", 5);
        fill(1, "b", 5);
        engine.clear(0);
        assertEquals(5, engine.count(1));
        assertEquals("b3", value(engine, 1, "b3"));
    }

    @Test
    void aClearedBucketTakesNewWrites() {
        fill(0, "k", 5);
        engine.sync();
        engine.clear(0);
        put(engine, 0, "k1", entry(++gen, "again"));
        assertEquals(List.of("k1"), scanKeys(engine, 0, null, null, false));
        assertEquals("again", value(engine, 0, "k1"));
        assertEquals(1, engine.count(0));
    }

    @Test
    void clearSurvivesReopen() {
        fill(0, "k", 50);
        engine.sync();
        engine.clear(0);
        put(engine, 0, "after", entry(++gen, "v"));
        reopen();
        assertEquals(List.of("after"), scanKeys(engine, 0, null, null, false));
        assertEquals(1, engine.count(0));
        assertNull(engine.get(0, b("k7")));
    }

    @Test
    void clearForgetsTheExpiryReferencesOfTheClearedKeys() {
        put(engine, 0, "unflushed", expiring(++gen, "v", 1000));
        put(engine, 0, "flushed", expiring(++gen, "v", 1000));
        engine.sync();
        put(engine, 0, "unflushed", expiring(++gen, "v", 1000));
        engine.clear(0);
        assertFalse(engine.expiring(Long.MAX_VALUE / 2, 100).hasNext());
        engine.sync();
        assertFalse(engine.expiring(Long.MAX_VALUE / 2, 100).hasNext());
    }

    @Test
    void clearingABucketOf200000KeysReturnsAtOnceAndTheKeysNeverComeBack() {
        for (int i = 0; i < 20; i++) fill(0, "k" + i + ":", 10_000);
        engine.sync();
        fill(1, "other", 3);
        long t0 = System.nanoTime();
        engine.clear(0);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("clear of 200,000 keys returned in " + millis + " ms");
        assertTrue(millis < 200, "clear took " + millis + " ms");
        assertEquals(0, engine.count(0));
        put(engine, 0, "k3:17", entry(++gen, "new"));
        reopen();
        assertEquals(List.of("k3:17"), scanKeys(engine, 0, null, null, false));
        assertEquals("new", value(engine, 0, "k3:17"));
        assertNull(engine.get(0, b("k19:9999")));
        assertEquals(1, engine.count(0));
        assertEquals(3, engine.count(1));
        reopen();
        assertEquals(1, scanKeys(engine, 0, null, null, true).size());
    }

    @Test
    void swapExchangesContentsAndCounts() {
        fill(0, "a", 3);
        engine.sync();
        fill(0, "x", 1);
        fill(1, "b", 5);
        engine.swap(0, 1);
        assertEquals(List.of("b0", "b1", "b2", "b3", "b4"), scanKeys(engine, 0, null, null, false));
        assertEquals(List.of("a0", "a1", "a2", "x0"), scanKeys(engine, 1, null, null, false));
        assertEquals(5, engine.count(0));
        assertEquals(4, engine.count(1));
        assertEquals("a1", value(engine, 1, "a1"));
        assertNull(engine.get(0, b("a1")));
    }

    @Test
    void swapSurvivesReopen() {
        fill(0, "a", 3);
        fill(1, "b", 5);
        engine.swap(0, 1);
        reopen();
        assertEquals(List.of("b0", "b1", "b2", "b3", "b4"), scanKeys(engine, 0, null, null, false));
        assertEquals(List.of("a0", "a1", "a2"), scanKeys(engine, 1, null, null, false));
        assertEquals(5, engine.count(0));
        assertEquals(3, engine.count(1));
    }

    @Test
    void swapWithAnEmptyBucketMovesTheContents() {
        fill(0, "a", 3);
        engine.swap(0, 7);
        assertEquals(0, engine.count(0));
        assertEquals(List.of(), scanKeys(engine, 0, null, null, false));
        assertEquals(3, engine.count(7));
        reopen();
        assertEquals(0, engine.count(0));
        assertEquals(List.of("a0", "a1", "a2"), scanKeys(engine, 7, null, null, false));
    }

    @Test
    void writesAfterASwapLandInTheSwappedBucket() {
        fill(0, "a", 1);
        fill(1, "b", 1);
        engine.swap(0, 1);
        put(engine, 0, "new", entry(++gen, "v"));
        reopen();
        assertEquals(List.of("b0", "new"), scanKeys(engine, 0, null, null, false));
        assertEquals(List.of("a0"), scanKeys(engine, 1, null, null, false));
    }

    @Test
    void swapTwiceRestoresTheBuckets() {
        fill(0, "a", 2);
        fill(1, "b", 1);
        engine.swap(0, 1);
        engine.swap(1, 0);
        assertEquals(List.of("a0", "a1"), scanKeys(engine, 0, null, null, false));
        assertEquals(2, engine.count(0));
    }

    @Test
    void swapCarriesExpiryCountsAndReferences() {
        put(engine, 0, "e", expiring(++gen, "v", 1000));
        engine.sync();
        put(engine, 0, "f", expiring(++gen, "v", 1000));
        engine.swap(0, 1);
        assertEquals(2, engine.countExpiring(1));
        assertEquals(0, engine.countExpiring(0));
        List<String> refs = new ArrayList<>();
        for (Iterator<ExpiryRef> it = engine.expiring(2000, 10); it.hasNext(); ) {
            ExpiryRef r = it.next();
            refs.add(r.bucket() + ":" + Stores.s(r.key()));
        }
        assertEquals(List.of("1:e", "1:f"), refs);
    }

    @Test
    void clearAfterSwapClearsOnlyTheNamedBucket() {
        fill(0, "a", 2);
        fill(1, "b", 2);
        engine.swap(0, 1);
        engine.clear(0);
        reopen();
        assertEquals(0, engine.count(0));
        assertEquals(List.of("a0", "a1"), scanKeys(engine, 1, null, null, false));
    }
}
