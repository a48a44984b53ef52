package io.cairn.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bucket policies (limits, default TTL) on every write path, and the storage a named bucket
 * relies on across a kill -9: the server keeps its bucket catalog in a reserved negative bucket
 * and named buckets at high ids, so both must come back from the commit log alone, and a
 * dropped (cleared) bucket must stay empty.
 */
class BucketPolicyTest {

    @TempDir
    Path dir;

    @Test
    void aWriteOverTheValueLimitIsRefusedBeforeAnythingIsCommitted() {
        try (Keyspace ks = new Keyspace(Stores.open(dir))) {
            ks.setPolicy(5, new BucketPolicy("five", 0, 4, 3));
            Bucket b = ks.bucket(5);
            b.put(Stores.b("ok"), ValueType.STRING, Stores.b("abc"), Entry.NO_EXPIRY, null);
            BucketLimitException e = assertThrows(BucketLimitException.class,
                    () -> b.put(Stores.b("ok"), ValueType.STRING, Stores.b("abcd"), Entry.NO_EXPIRY, null));
            assertEquals("value too long for bucket 'five': 4 bytes, its MAX-VALUE-BYTES is 3", e.getMessage());
            assertEquals("abc", Stores.s(b.get(Stores.b("ok")).value()));
        }
    }

    @Test
    void aBatchWithOneWriteOverTheKeyLimitWritesNothing() {
        try (Keyspace ks = new Keyspace(Stores.open(dir))) {
            ks.setPolicy(5, new BucketPolicy("five", 0, 4, 0));
            Bucket b = ks.bucket(5);
            WriteBatch batch = new WriteBatch()
                    .write(5, Stores.b("a"), b.newEntry(ValueType.STRING, Stores.b("1"), Entry.NO_EXPIRY, null))
                    .write(5, Stores.b("toolong"), b.newEntry(ValueType.STRING, Stores.b("2"), Entry.NO_EXPIRY, null));
            assertThrows(BucketLimitException.class, () -> b.commit(batch));
            assertNull(b.get(Stores.b("a")));
        }
    }

    @Test
    void anEntryWrittenWithoutExpiryGetsTheDefaultTtlAndAnExplicitOneWins() {
        long now = 1_000_000;
        try (Keyspace ks = new Keyspace(Stores.open(dir), () -> now)) {
            ks.setPolicy(7, new BucketPolicy("seven", 60_000, 0, 0));
            Bucket b = ks.bucket(7);
            assertEquals(now + 60_000, b.newEntry(ValueType.STRING, Stores.b("v"), Entry.NO_EXPIRY, null).expireAt());
            assertEquals(now + 5, b.newEntry(ValueType.STRING, Stores.b("v"), now + 5, null).expireAt());
            assertEquals(Entry.NO_EXPIRY, ks.bucket(8).newEntry(ValueType.STRING, Stores.b("v"), Entry.NO_EXPIRY, null).expireAt());
        }
    }

    @Test
    void anEmptyPolicyRemovesTheBucketsRules() {
        try (Keyspace ks = new Keyspace(Stores.open(dir))) {
            ks.setPolicy(5, new BucketPolicy("five", 0, 1, 0));
            ks.setPolicy(5, new BucketPolicy("five", 0, 0, 0));
            assertNull(ks.policy(5));
        }
    }

    @Test
    void aReservedNegativeBucketAndAHighNamedBucketComeBackFromTheLogAlone() throws IOException {
        try (MapDbEngine engine = Stores.open(dir.resolve("live"), Stores.MANUAL_FLUSH)) {
            Stores.put(engine, -1, "b:sessions", Stores.entry(1, "65536 0 0 0"));
            Stores.put(engine, 65536, "k", Stores.entry(2, "v"));
            Stores.put(engine, 65537, "gone", Stores.entry(3, "v"));
            engine.clear(65537);
            engine.backup(dir.resolve("copy"));
        }
        try (MapDbEngine copy = Stores.open(dir.resolve("copy"))) {
            assertEquals("65536 0 0 0", Stores.value(copy, -1, "b:sessions"));
            assertEquals("v", Stores.value(copy, 65536, "k"));
            assertNull(Stores.value(copy, 65537, "gone"));
            assertEquals(0, copy.count(65537));
            assertTrue(copy.count(0) == 0, "the reserved bucket does not leak into bucket 0");
        }
    }
}
