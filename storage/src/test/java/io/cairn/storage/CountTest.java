package io.cairn.storage;

import static io.cairn.storage.Stores.b;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** count and countExpiring stay exact through every kind of write, expiry and restart. */
class CountTest {

    private static final long NOW = 1_700_000_000_000L;

    @TempDir
    Path dir;

    final AtomicLong clock = new AtomicLong(NOW);

    private Keyspace open() {
        return new Keyspace(Stores.open(dir), clock::get);
    }

    private static void put(Bucket bucket, String key, long expireAt) {
        bucket.put(b(key), ValueType.STRING, b("v"), expireAt, null);
    }

    @Test
    void countsFollowMixedWritesDeletesAndExpiryAcrossFlushesAndReopen() {
        Keyspace ks = open();
        ks.lock().lock();
        Bucket bucket = ks.bucket(0);
        for (int i = 0; i < 100; i++) put(bucket, "plain" + i, 0);
        for (int i = 0; i < 50; i++) put(bucket, "exp" + i, NOW + 1000);
        ks.save();
        for (int i = 0; i < 10; i++) bucket.delete(b("plain" + i));          // 90 plain
        for (int i = 0; i < 10; i++) bucket.delete(b("exp" + i));            // 40 expiring
        for (int i = 10; i < 20; i++) put(bucket, "exp" + i, 0);             // 30 expiring, 100 plain
        for (int i = 10; i < 20; i++) put(bucket, "plain" + i, NOW + 5000);  // 40 expiring, 90 plain
        for (int i = 20; i < 25; i++) put(bucket, "plain" + i, 0);           // overwrite: no change
        for (int i = 0; i < 5; i++) bucket.delete(b("absent" + i));          // nothing
        assertEquals(130, bucket.size());
        assertEquals(40, bucket.sizeExpiring());
        ks.lock().unlock();
        ks.close();

        ks = open();
        ks.lock().lock();
        bucket = ks.bucket(0);
        assertEquals(130, bucket.size());
        assertEquals(40, bucket.sizeExpiring());
        clock.set(NOW + 1001);                                               // exp20..49 past their deadline
        assertEquals(130, bucket.size(), "expired keys count until reclaimed");
        for (int i = 20; i < 50; i++) bucket.get(b("exp" + i));
        assertEquals(100, bucket.size());
        assertEquals(10, bucket.sizeExpiring());
        ks.lock().unlock();
        ks.close();

        ks = open();
        assertEquals(100, ks.bucket(0).size());
        assertEquals(10, ks.bucket(0).sizeExpiring());
        ks.close();
    }

    @Test
    void countsOfEachBucketAreSeparate() {
        try (Keyspace ks = open()) {
            put(ks.bucket(0), "a", 0);
            put(ks.bucket(1), "a", NOW + 10);
            put(ks.bucket(1), "b", 0);
            assertEquals(1, ks.bucket(0).size());
            assertEquals(0, ks.bucket(0).sizeExpiring());
            assertEquals(2, ks.bucket(1).size());
            assertEquals(1, ks.bucket(1).sizeExpiring());
        }
    }

    @Test
    void batchWritesAreCountedOncePerKey() {
        try (Keyspace ks = open()) {
            Bucket bucket = ks.bucket(0);
            WriteBatch batch = new WriteBatch()
                    .write(0, b("k"), bucket.newEntry(ValueType.STRING, b("1"), NOW + 10, null))
                    .write(0, b("k"), bucket.newEntry(ValueType.STRING, b("2"), NOW + 20, null))
                    .write(0, b("j"), bucket.newEntry(ValueType.STRING, b("3"), 0, null))
                    .write(0, b("j"), null)
                    .write(0, b("j"), null);
            ks.commit(batch);
            assertEquals(1, bucket.size());
            assertEquals(1, bucket.sizeExpiring());
        }
    }

    @Test
    void anUnusedBucketCountsZero() {
        try (Keyspace ks = open()) {
            assertEquals(0, ks.bucket(12).size());
            assertEquals(0, ks.bucket(12).sizeExpiring());
        }
    }
}
