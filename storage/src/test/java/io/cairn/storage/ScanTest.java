package io.cairn.storage;

import static io.cairn.storage.Stores.delete;
import static io.cairn.storage.Stores.entry;
import static io.cairn.storage.Stores.open;
import static io.cairn.storage.Stores.put;
import static io.cairn.storage.Stores.scanKeys;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanTest {

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

    private void putAll(String... keys) {
        long gen = engine.lastGeneration();
        for (String k : keys) put(engine, 0, k, entry(++gen, "v-" + k));
    }

    @Test
    void forwardScanListsKeysInAscendingOrder() {
        putAll("c", "a", "b");
        assertEquals(List.of("a", "b", "c"), scanKeys(engine, 0, null, null, false));
    }

    @Test
    void reverseScanListsKeysInDescendingOrder() {
        putAll("c", "a", "b");
        assertEquals(List.of("c", "b", "a"), scanKeys(engine, 0, null, null, true));
    }

    @Test
    void forwardScanStartsAtFromInclusiveAndStopsBeforeTo() {
        putAll("a", "b", "c", "d", "e");
        assertEquals(List.of("b", "c", "d"), scanKeys(engine, 0, "b", "e", false));
    }

    @Test
    void forwardScanFromAKeyThatIsAbsentStartsAtTheNextKey() {
        putAll("a", "c", "e");
        assertEquals(List.of("c", "e"), scanKeys(engine, 0, "b", null, false));
    }

    @Test
    void reverseScanStartsAtFromInclusiveAndStopsBeforeTo() {
        putAll("a", "b", "c", "d", "e");
        assertEquals(List.of("d", "c", "b"), scanKeys(engine, 0, "d", "a", true));
    }

    @Test
    void reverseScanFromAnAbsentKeyStartsAtTheKeyBelowIt() {
        putAll("a", "c", "e");
        assertEquals(List.of("c", "a"), scanKeys(engine, 0, "d", null, true));
    }

    @Test
    void reverseScanDoesNotIncludeLongerKeysThatExtendTo() {
        putAll("a", "ab", "b");
        assertEquals(List.of("b", "ab"), scanKeys(engine, 0, null, "a", true));
    }

    @Test
    void scanWithFromAfterToIsEmpty() {
        putAll("a", "b", "c");
        assertEquals(List.of(), scanKeys(engine, 0, "c", "a", false));
        assertEquals(List.of(), scanKeys(engine, 0, "a", "c", true));
    }

    @Test
    void scanWithEqualBoundsIsEmpty() {
        putAll("a", "b");
        assertEquals(List.of(), scanKeys(engine, 0, "a", "a", false));
        assertEquals(List.of(), scanKeys(engine, 0, "a", "a", true));
    }

    @Test
    void bytesAtOrAbove0x80SortAfterAscii() {
        putAll("\u00ff", "z", "\u0080", "A", "\u0000");
        assertEquals(List.of("\u0000", "A", "z", "\u0080", "\u00ff"), scanKeys(engine, 0, null, null, false));
        engine.sync();
        assertEquals(List.of("\u0000", "A", "z", "\u0080", "\u00ff"), scanKeys(engine, 0, null, null, false));
    }

    @Test
    void aPrefixSortsBeforeItsExtensions() {
        putAll("ab", "a", "a\u0000", "abc");
        assertEquals(List.of("a", "a\u0000", "ab", "abc"), scanKeys(engine, 0, null, null, false));
    }

    @Test
    void scanDoesNotCrossIntoOtherBuckets() {
        put(engine, 0, "a", entry(1, "v"));
        put(engine, 1, "b", entry(2, "v"));
        put(engine, 2, "c", entry(3, "v"));
        engine.sync();
        assertEquals(List.of("b"), scanKeys(engine, 1, null, null, false));
        assertEquals(List.of("b"), scanKeys(engine, 1, null, null, true));
    }

    @Test
    void scanOfAnUnusedBucketIsEmpty() {
        assertEquals(List.of(), scanKeys(engine, 9, null, null, false));
    }

    @Test
    void scanMergesUnflushedWritesWithFlushedData() {
        putAll("b", "d");
        engine.sync();
        putAll("a", "c", "e");
        assertEquals(List.of("a", "b", "c", "d", "e"), scanKeys(engine, 0, null, null, false));
        assertEquals(List.of("e", "d", "c", "b", "a"), scanKeys(engine, 0, null, null, true));
    }

    @Test
    void scanHidesFlushedKeysDeletedInMemory() {
        putAll("a", "b", "c");
        engine.sync();
        delete(engine, 0, "b");
        assertEquals(List.of("a", "c"), scanKeys(engine, 0, null, null, false));
        assertEquals(List.of("c", "a"), scanKeys(engine, 0, null, null, true));
    }

    @Test
    void scanShowsTheUnflushedValueOfAFlushedKey() {
        put(engine, 0, "k", entry(1, "old"));
        engine.sync();
        put(engine, 0, "k", entry(2, "new"));
        KeyEntry only = engine.scan(0, null, null, false).next();
        assertEquals("new", Stores.s(only.entry().value()));
    }

    @Test
    void scanStillHidesADeletedKeyAfterTheDeleteIsFlushed() {
        putAll("a", "b");
        engine.sync();
        delete(engine, 0, "a");
        engine.sync();
        assertEquals(List.of("b"), scanKeys(engine, 0, null, null, false));
    }
}
