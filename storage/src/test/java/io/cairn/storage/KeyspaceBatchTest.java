package io.cairn.storage;

import static io.cairn.storage.Stores.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Preconditions as commands see them: an expired key is absent, whatever the engine still stores. */
class KeyspaceBatchTest {

    @TempDir
    Path dir;

    final AtomicLong clock = new AtomicLong(1_000_000);
    Keyspace keyspace;
    Bucket bucket;

    @BeforeEach
    void open() {
        keyspace = new Keyspace(Stores.open(dir), clock::get);
        bucket = keyspace.bucket(0);
    }

    @AfterEach
    void close() {
        keyspace.close();
    }

    @Test
    void checkZeroOnAnExpiredKeyPassesThroughBucketCommit() {
        keyspace.lock().lock();
        try {
            bucket.put(b("k"), ValueType.STRING, b("old"), clock.get() + 10, null);
            clock.addAndGet(10 + 1);
            Entry fresh = bucket.newEntry(ValueType.STRING, b("new"), 0, null);
            assertTrue(bucket.commit(WriteBatch.put(0, b("k"), fresh).check(0, b("k"), 0)));
            assertEquals("new", Stores.s(bucket.get(b("k")).value()));
        } finally {
            keyspace.lock().unlock();
        }
    }

    @Test
    void checkZeroOnAnExpiredKeyPassesThroughKeyspaceCommit() {
        keyspace.lock().lock();
        try {
            bucket.put(b("k"), ValueType.STRING, b("old"), clock.get() + 10, null);
            clock.addAndGet(10 + 1);
            Entry fresh = bucket.newEntry(ValueType.STRING, b("new"), 0, null);
            assertTrue(keyspace.commit(WriteBatch.put(0, b("k"), fresh).check(0, b("k"), 0)));
        } finally {
            keyspace.lock().unlock();
        }
    }

    @Test
    void checkOfTheGenerationAKeyHadBeforeItExpiredFails() {
        keyspace.lock().lock();
        try {
            Entry old = bucket.put(b("k"), ValueType.STRING, b("old"), clock.get() + 10, null);
            clock.addAndGet(10 + 1);
            Entry fresh = bucket.newEntry(ValueType.STRING, b("new"), 0, null);
            assertFalse(bucket.commit(WriteBatch.put(0, b("k"), fresh).check(0, b("k"), old.generation())));
        } finally {
            keyspace.lock().unlock();
        }
    }

    @Test
    void checkOfTheCurrentGenerationPasses() {
        Entry e = bucket.put(b("k"), ValueType.STRING, b("v"), 0, null);
        assertEquals(e.generation(), bucket.generationOf(b("k")));
        assertTrue(bucket.commit(WriteBatch.delete(0, b("k")).check(0, b("k"), e.generation())));
        assertEquals(0, bucket.generationOf(b("k")));
    }
}
