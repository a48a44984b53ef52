package io.cairn.storage;

import static io.cairn.storage.Stores.b;
import static io.cairn.storage.Stores.entry;
import static io.cairn.storage.Stores.expiring;
import static io.cairn.storage.Stores.open;
import static io.cairn.storage.Stores.put;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's time-ordered expiry index must name exactly the keys that carry an expiry, at
 * their current deadline, whether the entries and their rewrites sit in memory, in MapDB, or
 * one in each. Every scenario is checked with the change unflushed, after a flush and after a
 * reopen.
 */
class ExpiryIndexTest {

    private static final long T1 = 1_000;
    private static final long T2 = 2_000;
    private static final long ALL = 10_000;

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

    private List<String> refs() {
        List<String> out = new ArrayList<>();
        for (Iterator<ExpiryRef> it = engine.expiring(ALL, 1000); it.hasNext(); ) {
            ExpiryRef r = it.next();
            out.add(r.bucket() + ":" + Stores.s(r.key()) + "@" + r.expireAt());
        }
        return out;
    }

    /** The index and countExpiring agree with {@code expected} now, after a flush and after a reopen. */
    private void assertIndex(List<String> expected) {
        assertEquals(expected, refs(), "unflushed");
        assertEquals(expected.size(), engine.countExpiring(0), "countExpiring unflushed");
        engine.sync();
        assertEquals(expected, refs(), "flushed");
        engine.close();
        engine = open(dir);
        assertEquals(expected, refs(), "reopened");
        assertEquals(expected.size(), engine.countExpiring(0), "countExpiring reopened");
    }

    private void putExpiring(String key, long at) {
        put(engine, 0, key, expiring(++gen, "v", at));
    }

    private void putPlain(String key) {
        put(engine, 0, key, entry(++gen, "v"));
    }

    @Test
    void anExpiringKeyIsIndexedAtItsDeadline() {
        putExpiring("k", T1);
        assertIndex(List.of("0:k@1000"));
    }

    @Test
    void aKeyWithoutExpiryIsNotIndexed() {
        putPlain("k");
        assertIndex(List.of());
    }

    @Test
    void refsComeEarliestFirst() {
        putExpiring("late", T2);
        engine.sync();
        putExpiring("early", T1);
        assertIndex(List.of("0:early@1000", "0:late@2000"));
    }

    @Test
    void refsAfterTheLimitTimeAreLeftOut() {
        putExpiring("a", T1);
        engine.sync();
        putExpiring("b", T2);
        List<String> out = new ArrayList<>();
        engine.expiring(T1, 10).forEachRemaining(r -> out.add(Stores.s(r.key())));
        assertEquals(List.of("a"), out);
    }

    @Test
    void theLimitCapsTheRefsReturned() {
        for (int i = 0; i < 5; i++) putExpiring("m" + i, T1 + i);
        engine.sync();
        for (int i = 0; i < 5; i++) putExpiring("p" + i, T1 + i);
        List<String> out = new ArrayList<>();
        engine.expiring(ALL, 3).forEachRemaining(r -> out.add(Stores.s(r.key())));
        assertEquals(List.of("m0", "p0", "m1"), out);
    }

    @Test
    void overwritingAnUnflushedExpiringKeyWithoutExpiryDropsItsRef() {
        putExpiring("k", T1);
        putPlain("k");
        assertIndex(List.of());
    }

    @Test
    void overwritingAFlushedExpiringKeyWithoutExpiryDropsItsRef() {
        putExpiring("k", T1);
        engine.sync();
        putPlain("k");
        assertIndex(List.of());
    }

    @Test
    void deletingAnUnflushedExpiringKeyDropsItsRef() {
        putExpiring("k", T1);
        Stores.delete(engine, 0, "k");
        assertIndex(List.of());
    }

    @Test
    void deletingAFlushedExpiringKeyDropsItsRef() {
        putExpiring("k", T1);
        engine.sync();
        Stores.delete(engine, 0, "k");
        assertIndex(List.of());
    }

    @Test
    void reExpiringAnUnflushedKeyMovesItsRef() {
        putExpiring("k", T1);
        putExpiring("k", T2);
        assertIndex(List.of("0:k@2000"));
    }

    @Test
    void reExpiringAFlushedKeyMovesItsRef() {
        putExpiring("k", T1);
        engine.sync();
        putExpiring("k", T2);
        assertIndex(List.of("0:k@2000"));
    }

    @Test
    void reExpiringAFlushedKeyAndBackKeepsOneRef() {
        putExpiring("k", T1);
        engine.sync();
        putExpiring("k", T2);
        putExpiring("k", T1);
        assertIndex(List.of("0:k@1000"));
    }

    @Test
    void rewritingAKeyWithTheSameDeadlineKeepsOneRef() {
        putExpiring("k", T1);
        engine.sync();
        putExpiring("k", T1);
        assertIndex(List.of("0:k@1000"));
    }

    @Test
    void givingAPlainFlushedKeyAnExpiryIndexesIt() {
        putPlain("k");
        engine.sync();
        putExpiring("k", T1);
        assertIndex(List.of("0:k@1000"));
    }

    @Test
    void aRewriteBetweenTwoFlushesOfTheSameKeyLeavesOnlyTheLatestRef() {
        putExpiring("k", T1);
        engine.sync();
        putExpiring("k", T2);
        engine.sync();
        putPlain("k");
        engine.sync();
        putExpiring("k", T2);
        assertIndex(List.of("0:k@2000"));
    }

    @Test
    void deletedThenRecreatedWithExpiryIsIndexedOnce() {
        putExpiring("k", T1);
        engine.sync();
        Stores.delete(engine, 0, "k");
        putExpiring("k", T1);
        assertIndex(List.of("0:k@1000"));
    }

    private List<String> firstKeys(long upTo, int limit) {
        List<String> out = new ArrayList<>();
        engine.expiring(upTo, limit).forEachRemaining(r -> out.add(Stores.s(r.key())));
        return out;
    }

    @Test
    void refsOfKeysReclaimedSinceTheLastFlushAreSkipped() {
        for (int i = 0; i < 3000; i++) putExpiring(String.format("k%05d", i), T1 + i);
        engine.sync();
        for (int round = 0; round < 5; round++) {
            List<String> batch = firstKeys(ALL, 500);
            assertEquals(String.format("k%05d", round * 500), batch.get(0), "round " + round);
            assertEquals(500, batch.size());
            for (String k : batch) Stores.delete(engine, 0, k);
        }
        assertEquals(List.of("k02500", "k02501"), firstKeys(ALL, 2));
        assertEquals(500, engine.countExpiring(0));
    }

    @Test
    void aKeyGivenBackAnEarlyDeadlineAfterItsRefWasSkippedIsFoundAgain() {
        for (int i = 0; i < 10; i++) putExpiring("k" + i, T1 + i);
        engine.sync();
        for (int i = 0; i < 5; i++) Stores.delete(engine, 0, "k" + i);
        assertEquals(List.of("k5"), firstKeys(ALL, 1));
        engine.sync();
        putExpiring("k0", T1);
        assertEquals(List.of("k0"), firstKeys(ALL, 1));
        engine.sync();
        assertEquals(List.of("k0", "k5"), firstKeys(ALL, 2));
    }

    @Test
    void aSkippedRefWhoseKeyIsRewrittenWithTheSameDeadlineIsFoundAfterTheFlush() {
        for (int i = 0; i < 10; i++) putExpiring("k" + i, T1 + i);
        engine.sync();
        putPlain("k0");
        assertEquals(List.of("k1"), firstKeys(ALL, 1));
        putExpiring("k0", T1);
        assertEquals(List.of("k0"), firstKeys(ALL, 1));
        engine.sync();
        assertEquals(List.of("k0", "k1"), firstKeys(ALL, 2));
    }

    @Test
    void refsOfAClearedBucketStillInMapDbDoNotCrowdOutOtherBuckets() {
        for (int i = 0; i < 2000; i++) put(engine, 1, "gone" + i, expiring(++gen, "v", T1));
        engine.sync();
        putExpiring("k", T2);
        engine.sync();
        engine.clear(1); // the drop itself waits for the next flush
        assertEquals(List.of("k"), firstKeys(ALL, 500));
    }
}
