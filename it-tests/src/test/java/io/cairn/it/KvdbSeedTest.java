package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.SetArgs;

/** KVdb's REST API (seeds/002): buckets with default_ttl and limits, list options, counters, txn. */
class KvdbSeedTest extends KvTestSupport {

    @Test
    void aBucketWithDefaultTtlExpiresKeysNotUpdatedAndTtlOverridesIt() throws Exception {
        Kv kv = kv2();
        kv.call("BUCKET", "CREATE", "kvdb-ttl", "DEFAULT-TTL", "3600");
        kv.call("BUCKET", "USE", "kvdb-ttl");
        kv.sync.set("hello", "world");
        long ttl = kv.sync.ttl("hello");
        assertTrue(ttl > 3590 && ttl <= 3600);
        kv.sync.set("hello", "world", SetArgs.Builder.ex(30)); // ?ttl=30 overrides the bucket's
        assertTrue(kv.sync.ttl("hello") <= 30);
        kv.call("BUCKET", "SET", "kvdb-ttl", "DEFAULT-TTL", "1");
        kv.sync.set("short", "lived");
        Thread.sleep(1100);
        assertNull(kv.sync.get("short"));
    }

    @Test
    void listWithPrefixLimitSkipReverseAndValues() {
        Kv kv = kv2();
        kv.call("BUCKET", "CREATE", "kvdb-list");
        kv.call("BUCKET", "USE", "kvdb-list");
        for (int i = 1; i <= 5; i++) kv.sync.set("hits_2018-0" + i, Integer.toString(i * 10));
        kv.sync.set("other", "x");
        assertEquals(List.of("hits_2018-01", "hits_2018-02", "hits_2018-03", "hits_2018-04", "hits_2018-05"),
                kv.keys("PREFIX", "hits_2018"));
        assertEquals(List.of("hits_2018-03", "hits_2018-04"), kv.keys("PREFIX", "hits_2018", "SKIP", "2", "LIMIT", "2"));
        assertEquals(List.of("other", "hits_2018-05"), kv.keys("REVERSE", "LIMIT", "2"));
        assertEquals(List.of(List.of("hits_2018-05", "50"), List.of("hits_2018-04", "40")),
                kv.list("KV.LIST", "PREFIX", "hits_2018", "REVERSE", "VALUES", "LIMIT", "2").get(1));
    }

    @Test
    void keysOver128BytesAndValuesOver16KbAreRefusedInABucketWithKvdbLimits() {
        Kv kv = kv2();
        kv.call("BUCKET", "CREATE", "kvdb-limits", "MAX-KEY-BYTES", "128", "MAX-VALUE-BYTES", "16384");
        kv.call("BUCKET", "USE", "kvdb-limits");
        kv.sync.set("k".repeat(128), "v".repeat(16384));
        assertThrows(RedisCommandExecutionException.class, () -> kv.sync.set("k".repeat(129), "v"));
        assertThrows(RedisCommandExecutionException.class, () -> kv.sync.set("k", "v".repeat(16385)));
    }

    @Test
    void countersStartAtZero() {
        Kv kv = kv2();
        assertEquals(1L, kv.sync.incrby("visits", 1));
        assertEquals(List.of(3L), kv.list("KV.TXN", "INCRBY", "visits", "2"));
    }

    @Test
    void aTransactionWithOneSetAndOneDelete() {
        Kv kv = kv2();
        kv.sync.set("user:2", "old");
        List<Object> r = kv.list("KV.TXN", "SET", "user:1", "user 1", "DEL", "user:2");
        assertEquals(1L, r.get(1));
        assertEquals("user 1", kv.sync.get("user:1"));
        assertNull(kv.sync.get("user:2"));
    }
}
