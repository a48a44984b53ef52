package io.cairn.storage;

import static io.cairn.storage.Stores.b;
import static io.cairn.storage.Stores.keys;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads through a {@link Bucket} never see an entry past its deadline. The test clock is moved
 * by hand, and every test holds the keyspace lock as a command would, which also keeps the
 * background reclaimer from deleting anything first.
 */
class PassiveExpiryTest {

    private static final long NOW = 1_700_000_000_000L;

    @TempDir
    Path dir;

    final AtomicLong clock = new AtomicLong(NOW);
    Keyspace keyspace;
    Bucket bucket;

    @BeforeEach
    void open() {
        keyspace = new Keyspace(Stores.open(dir), clock::get);
        keyspace.lock().lock();
        bucket = keyspace.bucket(0);
    }

    @AfterEach
    void close() {
        keyspace.lock().unlock();
        keyspace.close();
    }

    private Entry putExpiring(String key, long inMillis) {
        return bucket.put(b(key), ValueType.STRING, b("v-" + key), clock.get() + inMillis, null);
    }

    @Test
    void getBeforeTheDeadlineReturnsTheEntry() {
        putExpiring("k", 100);
        clock.addAndGet(99);
        assertArrayEquals(b("v-k"), bucket.get(b("k")).value());
    }

    @Test
    void getAtTheDeadlineStillSeesTheValueAsRedisDoes() {
        putExpiring("k", 100);
        clock.addAndGet(100);
        assertArrayEquals(b("v-k"), bucket.get(b("k")).value());
    }

    @Test
    void getPastTheDeadlineReturnsNullAndDeletesTheEntry() {
        putExpiring("k", 100);
        clock.addAndGet(101);
        assertNull(bucket.get(b("k")));
        assertNull(keyspace.engine().get(0, b("k")));
        assertEquals(0, bucket.size());
        assertEquals(0, bucket.sizeExpiring());
        assertEquals(1, keyspace.expiredKeys());
    }

    @Test
    void getOfAFlushedEntryAfterItsDeadlineDeletesItDurably() {
        putExpiring("k", 100);
        keyspace.save();
        clock.addAndGet(1000 + 1);
        assertNull(bucket.get(b("k")));
        keyspace.save();
        keyspace.lock().unlock();
        keyspace.close();
        keyspace = new Keyspace(Stores.open(dir), () -> NOW);
        keyspace.lock().lock();
        assertNull(keyspace.engine().get(0, b("k")));
        assertEquals(0, keyspace.bucket(0).size());
    }

    @Test
    void anExpiredEntryStaysCountedUntilSomethingReclaimsIt() {
        putExpiring("k", 100);
        clock.addAndGet(100 + 1);
        assertEquals(1, bucket.size());
        assertNotNull(keyspace.engine().get(0, b("k")));
    }

    @Test
    void readOfAnExpiredKeyCountsAMiss() {
        putExpiring("k", 10);
        clock.addAndGet(10 + 1);
        assertNull(bucket.read(b("k")));
        assertEquals(1, keyspace.misses());
        assertEquals(0, keyspace.hits());
    }

    @Test
    void existsAndGenerationOfTreatAnExpiredKeyAsAbsent() {
        putExpiring("a", 10);
        putExpiring("b", 10);
        clock.addAndGet(10 + 1);
        assertFalse(bucket.exists(b("a")));
        assertEquals(0, bucket.generationOf(b("b")));
    }

    @Test
    void deleteOfAnExpiredKeyReportsNothingDeleted() {
        putExpiring("k", 10);
        clock.addAndGet(10 + 1);
        assertFalse(bucket.delete(b("k")));
    }

    @Test
    void forwardAndReverseScansSkipExpiredEntries() {
        putExpiring("a", 1000);
        putExpiring("b", 10);
        keyspace.save();
        putExpiring("c", 1000);
        putExpiring("d", 10);
        bucket.put(b("e"), ValueType.STRING, b("v"), 0, null);
        clock.addAndGet(10 + 1);
        assertEquals(List.of("a", "c", "e"), keys(bucket.scan(null, null, false)));
        assertEquals(List.of("e", "c", "a"), keys(bucket.scan(null, null, true)));
        assertEquals(List.of("c"), keys(bucket.scan(b("b"), b("e"), false)));
    }

    @Test
    void aScanOfOnlyExpiredEntriesIsEmpty() {
        for (int i = 0; i < 100; i++) putExpiring("k" + i, 5);
        clock.addAndGet(5 + 1);
        assertEquals(List.of(), keys(bucket.scan(null, null, false)));
    }

    @Test
    void randomKeyNeverReturnsAnExpiredKey() {
        for (int i = 0; i < 50; i++) putExpiring("dead" + i, 5);
        bucket.put(b("live"), ValueType.STRING, b("v"), 0, null);
        for (int i = 50; i < 100; i++) putExpiring("dead" + i, 5);
        clock.addAndGet(5 + 1);
        for (int i = 0; i < 50; i++) assertArrayEquals(b("live"), bucket.randomKey());
    }

    @Test
    void randomKeyOfABucketOfOnlyExpiredKeysIsNull() {
        putExpiring("k", 5);
        clock.addAndGet(5 + 1);
        assertNull(bucket.randomKey());
    }

    @Test
    void aRewriteWithoutExpiryOutlivesTheOldDeadline() {
        putExpiring("k", 10);
        bucket.put(b("k"), ValueType.STRING, b("forever"), Entry.NO_EXPIRY, null);
        clock.addAndGet(1_000_000);
        assertArrayEquals(b("forever"), bucket.get(b("k")).value());
    }
}
