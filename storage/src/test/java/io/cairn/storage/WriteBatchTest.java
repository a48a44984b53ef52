package io.cairn.storage;

import static io.cairn.storage.Stores.b;
import static io.cairn.storage.Stores.entry;
import static io.cairn.storage.Stores.open;
import static io.cairn.storage.Stores.put;
import static io.cairn.storage.Stores.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteBatchTest {

    @TempDir
    Path dir;

    MapDbEngine engine;

    @BeforeEach
    void openEngine() {
        engine = open(dir);
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    @Test
    void everyWriteOfABatchIsApplied() {
        put(engine, 0, "gone", entry(1, "x"));
        WriteBatch batch = new WriteBatch()
                .write(0, b("a"), entry(2, "A"))
                .write(1, b("b"), entry(3, "B"))
                .write(0, b("gone"), null);
        assertTrue(engine.commit(batch));
        assertEquals("A", value(engine, 0, "a"));
        assertEquals("B", value(engine, 1, "b"));
        assertNull(engine.get(0, b("gone")));
        assertEquals(1, engine.count(0));
        assertEquals(1, engine.count(1));
    }

    @Test
    void laterWritesOfTheSameKeyInABatchWin() {
        WriteBatch batch = new WriteBatch()
                .write(0, b("k"), entry(1, "first"))
                .write(0, b("k"), null)
                .write(0, b("k"), entry(2, "last"));
        assertTrue(engine.commit(batch));
        assertEquals("last", value(engine, 0, "k"));
        assertEquals(1, engine.count(0));
    }

    @Test
    void checkZeroPassesWhenTheKeyIsAbsent() {
        assertTrue(engine.commit(WriteBatch.put(0, b("k"), entry(1, "v")).check(0, b("k"), 0)));
        assertEquals("v", value(engine, 0, "k"));
    }

    @Test
    void checkZeroFailsWhenTheKeyExistsAndAppliesNothing() {
        put(engine, 0, "k", entry(1, "old"));
        WriteBatch batch = WriteBatch.put(0, b("k"), entry(2, "new"))
                .write(0, b("other"), entry(3, "x"))
                .check(0, b("k"), 0);
        assertFalse(engine.commit(batch));
        assertEquals("old", value(engine, 0, "k"));
        assertNull(engine.get(0, b("other")));
        assertEquals(1, engine.count(0));
    }

    @Test
    void checkZeroPassesForAKeyThatWasDeleted() {
        put(engine, 0, "k", entry(1, "old"));
        engine.sync();
        Stores.delete(engine, 0, "k");
        assertTrue(engine.commit(WriteBatch.put(0, b("k"), entry(2, "new")).check(0, b("k"), 0)));
    }

    @Test
    void matchingGenerationCheckPasses() {
        put(engine, 0, "k", entry(5, "old"));
        assertTrue(engine.commit(WriteBatch.put(0, b("k"), entry(6, "new")).check(0, b("k"), 5)));
        assertEquals("new", value(engine, 0, "k"));
    }

    @Test
    void matchingGenerationCheckPassesAgainstFlushedData() {
        put(engine, 0, "k", entry(5, "old"));
        engine.sync();
        engine.close();
        engine = open(dir);
        assertTrue(engine.commit(WriteBatch.put(0, b("k"), entry(6, "new")).check(0, b("k"), 5)));
    }

    @Test
    void mismatchedGenerationAppliesNothing() {
        put(engine, 0, "k", entry(5, "old"));
        WriteBatch batch = WriteBatch.put(0, b("k"), entry(7, "new")).write(0, b("x"), entry(8, "x")).check(0, b("k"), 4);
        assertFalse(engine.commit(batch));
        assertEquals("old", value(engine, 0, "k"));
        assertNull(engine.get(0, b("x")));
    }

    @Test
    void checkOfAGenerationOnAnAbsentKeyFails() {
        assertFalse(engine.commit(WriteBatch.put(0, b("k"), entry(1, "v")).check(0, b("k"), 1)));
        assertNull(engine.get(0, b("k")));
    }

    @Test
    void oneFailingCheckAmongSeveralAppliesNothing() {
        put(engine, 0, "a", entry(1, "a"));
        put(engine, 1, "b", entry(2, "b"));
        WriteBatch batch = new WriteBatch()
                .write(0, b("a"), entry(3, "a2"))
                .write(1, b("b"), entry(4, "b2"))
                .check(0, b("a"), 1)
                .check(1, b("b"), 99);
        assertFalse(engine.commit(batch));
        assertEquals("a", value(engine, 0, "a"));
        assertEquals("b", value(engine, 1, "b"));
    }

    @Test
    void aRefusedBatchDoesNotRaiseTheGenerationHighWaterMark() {
        put(engine, 0, "k", entry(5, "v"));
        assertFalse(engine.commit(WriteBatch.put(0, b("k"), entry(100, "x")).check(0, b("k"), 0)));
        assertEquals(5, engine.lastGeneration());
    }

    @Test
    void concurrentCompareAndSetNeverLosesAnUpdate() throws Exception {
        put(engine, 0, "counter", entry(1, "0"));
        AtomicLong generations = new AtomicLong(1);
        AtomicLong successes = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    Entry seen = engine.get(0, b("counter"));
                    int n = Integer.parseInt(Stores.s(seen.value()));
                    Entry next = entry(generations.incrementAndGet(), Integer.toString(n + 1));
                    if (engine.commit(WriteBatch.put(0, b("counter"), next).check(0, b("counter"), seen.generation()))) {
                        successes.incrementAndGet();
                    }
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) th.join();
        assertEquals(Long.toString(successes.get()), value(engine, 0, "counter"));
    }

    @Test
    void aBatchIsFlushedWhole() {
        WriteBatch batch = new WriteBatch();
        for (int i = 0; i < 1000; i++) batch.write(0, b("k" + i), entry(i + 1, "v" + i));
        assertTrue(engine.commit(batch));
        engine.close();
        engine = open(dir);
        assertEquals(1000, engine.count(0));
        assertEquals(1000, Stores.scanKeys(engine, 0, null, null, false).size());
    }
}
