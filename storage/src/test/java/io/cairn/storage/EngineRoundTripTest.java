package io.cairn.storage;

import static io.cairn.storage.Stores.b;
import static io.cairn.storage.Stores.delete;
import static io.cairn.storage.Stores.entry;
import static io.cairn.storage.Stores.open;
import static io.cairn.storage.Stores.put;
import static io.cairn.storage.Stores.value;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void putThenGetReturnsTheSameEntry() {
        try (MapDbEngine engine = open(dir)) {
            Entry e = new Entry(ValueType.JSON, b("{\"a\":1}"), 1234, 7, b("meta"));
            put(engine, 0, "k", e);
            assertEquals(e, engine.get(0, b("k")));
        }
    }

    @Test
    void getOfAnAbsentKeyIsNull() {
        try (MapDbEngine engine = open(dir)) {
            assertNull(engine.get(0, b("missing")));
        }
    }

    @Test
    void overwriteReplacesTheEntry() {
        try (MapDbEngine engine = open(dir)) {
            put(engine, 0, "k", entry(1, "one"));
            put(engine, 0, "k", entry(2, "two"));
            assertEquals("two", value(engine, 0, "k"));
            assertEquals(1, engine.count(0));
        }
    }

    @Test
    void deleteRemovesTheKey() {
        try (MapDbEngine engine = open(dir)) {
            put(engine, 0, "k", entry(1, "v"));
            delete(engine, 0, "k");
            assertNull(engine.get(0, b("k")));
            assertEquals(0, engine.count(0));
        }
    }

    @Test
    void deleteOfAFlushedKeyHidesItBeforeAndAfterTheNextFlush() {
        try (MapDbEngine engine = open(dir)) {
            put(engine, 0, "k", entry(1, "v"));
            engine.sync();
            delete(engine, 0, "k");
            assertNull(engine.get(0, b("k")));
            engine.sync();
            assertNull(engine.get(0, b("k")));
        }
    }

    @Test
    void bucketsAreIsolated() {
        try (MapDbEngine engine = open(dir)) {
            put(engine, 0, "k", entry(1, "zero"));
            put(engine, 1, "k", entry(2, "one"));
            assertEquals("zero", value(engine, 0, "k"));
            assertEquals("one", value(engine, 1, "k"));
            delete(engine, 0, "k");
            assertEquals("one", value(engine, 1, "k"));
        }
    }

    @Test
    void emptyKeyAndEmptyValueRoundTrip() {
        try (MapDbEngine engine = open(dir)) {
            put(engine, 0, "", entry(1, ""));
            engine.sync();
        }
        try (MapDbEngine engine = open(dir)) {
            assertArrayEquals(new byte[0], engine.get(0, new byte[0]).value());
        }
    }

    @Test
    void nullMetaAndEmptyMetaStayDistinctAcrossReopen() {
        try (MapDbEngine engine = open(dir)) {
            put(engine, 0, "none", new Entry(ValueType.STRING, b("v"), 0, 1, null));
            put(engine, 0, "empty", new Entry(ValueType.STRING, b("v"), 0, 2, new byte[0]));
        }
        try (MapDbEngine engine = open(dir)) {
            assertNull(engine.get(0, b("none")).meta());
            assertArrayEquals(new byte[0], engine.get(0, b("empty")).meta());
        }
    }

    @Test
    void generationsStrictlyIncreaseAcrossWrites() {
        try (Keyspace ks = new Keyspace(open(dir))) {
            Bucket bucket = ks.bucket(0);
            long previous = 0;
            for (int i = 0; i < 1000; i++) {
                Entry e = bucket.put(b("k" + (i % 10)), ValueType.STRING, b("v"), 0, null);
                assertTrue(e.generation() > previous, "generation " + e.generation() + " after " + previous);
                previous = e.generation();
            }
        }
    }

    @Test
    void generationsAfterReopenExceedEveryStoredGeneration() {
        long highest = 0;
        try (Keyspace ks = new Keyspace(open(dir))) {
            Bucket bucket = ks.bucket(3);
            for (int i = 0; i < 100; i++) highest = bucket.put(b("k" + i), ValueType.STRING, b("v"), 0, null).generation();
            // The newest write is deleted: its generation must not come back either.
            bucket.delete(b("k99"));
        }
        try (Keyspace ks = new Keyspace(open(dir))) {
            assertTrue(ks.nextGeneration() > highest);
        }
    }

    @Test
    void generationsAfterReopenExceedThoseOfAClearedBucket() {
        long highest;
        try (Keyspace ks = new Keyspace(open(dir))) {
            highest = ks.bucket(0).put(b("k"), ValueType.STRING, b("v"), 0, null).generation();
            ks.bucket(0).clear();
        }
        try (Keyspace ks = new Keyspace(open(dir))) {
            assertTrue(ks.nextGeneration() > highest);
        }
    }

    @Test
    void lastGenerationIsTheHighestCommittedEvenWhenCommittedOutOfOrder() {
        try (MapDbEngine engine = open(dir)) {
            put(engine, 0, "a", entry(50, "v"));
            put(engine, 0, "b", entry(20, "v"));
            assertEquals(50, engine.lastGeneration());
        }
        try (MapDbEngine engine = open(dir)) {
            assertEquals(50, engine.lastGeneration());
        }
    }
}
