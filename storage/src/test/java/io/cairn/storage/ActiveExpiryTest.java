package io.cairn.storage;

import static io.cairn.storage.Stores.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The background reclaimer deletes expired keys nobody reads, by walking the expiry index only. */
class ActiveExpiryTest {

    /** The server's default flush interval, so MapDB is written in the background as in production. */
    private static final long FLUSH_MS = 200;

    @TempDir
    Path dir;

    /** Writes keys {@code prefix0..n-1} in batches under the keyspace lock, as commands would. */
    private static void write(Keyspace ks, int bucketId, String prefix, int n, long ttlMillis) {
        Bucket bucket = ks.bucket(bucketId);
        for (int i = 0; i < n; ) {
            ks.lock().lock();
            try {
                WriteBatch batch = new WriteBatch();
                for (int j = 0; j < 1000 && i < n; j++, i++) {
                    long expireAt = ttlMillis == 0 ? Entry.NO_EXPIRY : ks.now() + ttlMillis;
                    batch.write(bucketId, b(prefix + i), bucket.newEntry(ValueType.STRING, b("v"), expireAt, null));
                }
                ks.commit(batch);
            } finally {
                ks.lock().unlock();
            }
        }
    }

    private static long awaitEmpty(Bucket bucket, long timeoutMillis) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeoutMillis * 1_000_000;
        while (bucket.size() > 0 && System.nanoTime() < deadline) Thread.sleep(20);
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void expiredKeysAreReclaimedWithoutAnyRead() throws Exception {
        try (Keyspace ks = new Keyspace(Stores.open(dir, FLUSH_MS))) {
            write(ks, 0, "k", 2000, 300);
            write(ks, 0, "keep", 10, 0);
            Bucket bucket = ks.bucket(0);
            long deadline = System.currentTimeMillis() + 20_000;
            while (bucket.size() > 10 && System.currentTimeMillis() < deadline) Thread.sleep(20);
            assertEquals(10, bucket.size());
            assertEquals(0, bucket.sizeExpiring());
            assertEquals(2000, ks.expiredKeys());
            assertNotNull(bucket.get(b("keep3")));
        }
    }

    @Test
    void reclaimedKeysStayGoneAfterReopen() throws Exception {
        try (Keyspace ks = new Keyspace(Stores.open(dir, FLUSH_MS))) {
            write(ks, 2, "k", 500, 200);
            ks.save();
            awaitEmpty(ks.bucket(2), 20_000);
            assertEquals(0, ks.bucket(2).size());
        }
        try (MapDbEngine engine = Stores.open(dir)) {
            assertEquals(0, engine.count(2));
            assertEquals(0, engine.countExpiring(2));
            assertTrue(Stores.scanKeys(engine, 2, null, null, false).isEmpty());
        }
    }

    @Test
    void aKeyRewrittenWithoutExpiryIsNotReclaimed() throws Exception {
        try (Keyspace ks = new Keyspace(Stores.open(dir, FLUSH_MS))) {
            write(ks, 0, "k", 100, 200);
            ks.save();
            write(ks, 0, "k", 1, 0);
            awaitEmpty(ks.bucket(0), 1_000);
            Thread.sleep(300);
            assertEquals(1, ks.bucket(0).size());
            assertNotNull(ks.bucket(0).get(b("k0")));
        }
    }

    @Test
    void theReclaimerWalksTheExpiryIndexNotTheKeyspace() throws Exception {
        CountingEngine counting = new CountingEngine(Stores.open(dir, FLUSH_MS));
        try (Keyspace ks = new Keyspace(counting)) {
            write(ks, 0, "plain", 100_000, 0);
            ks.save();
            write(ks, 0, "exp", 1000, 100);
            long took = awaitEmptyOf(ks.bucket(0), 100_000, 20_000);
            assertEquals(100_000, ks.bucket(0).size(), "after " + took + " ms");
            assertEquals(0, counting.scans.get(), "the reclaimer scanned the keyspace");
            assertTrue(counting.expiryRefsReturned.get() < 3_000,
                    counting.expiryRefsReturned.get() + " refs examined to reclaim 1,000 keys");
        }
    }

    private static long awaitEmptyOf(Bucket bucket, long remaining, long timeoutMillis) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeoutMillis * 1_000_000;
        while (bucket.size() > remaining && System.nanoTime() < deadline) Thread.sleep(20);
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void aMillionKeysExpiringInASecondAreAllReclaimedInBoundedTime() throws Exception {
        try (Keyspace ks = new Keyspace(Stores.open(dir, FLUSH_MS))) {
            long t0 = System.nanoTime();
            write(ks, 0, "key:", 1_000_000, 1_000);
            long wrote = (System.nanoTime() - t0) / 1_000_000;
            Bucket bucket = ks.bucket(0);
            long took = awaitEmpty(bucket, 60_000);
            System.out.printf("active expiry: wrote 1,000,000 keys with a 1 s TTL in %d ms; all reclaimed %d ms after the last write "
                    + "(%d expired by the reclaimer)%n", wrote, took, ks.expiredKeys());
            assertEquals(0, bucket.size(), "keys left after " + took + " ms");
            assertEquals(0, bucket.sizeExpiring());
            assertEquals(1_000_000, ks.expiredKeys());
        }
    }
}
