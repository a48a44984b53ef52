package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lettuce.core.RedisCommandExecutionException;

/** BUCKET CREATE|USE|LIST|INFO|SET|DROP, default TTL, limits, FLUSHDB per bucket. */
class BucketTest extends KvTestSupport {

    @Test
    void aNamedBucketIsAnIsolatedKeyspace() {
        Kv kv = kv2();
        kv.call("BUCKET", "CREATE", "iso");
        kv.sync.set("shared-name", "in 0");
        assertEquals("OK", kv.call("BUCKET", "USE", "iso"));
        assertNull(kv.sync.get("shared-name"));
        kv.sync.set("shared-name", "in iso");
        kv.sync.select(0);
        assertEquals("in 0", kv.sync.get("shared-name"));
    }

    @Test
    void listShowsNumberedThenNamedBuckets() {
        Kv kv = kv2();
        kv.call("BUCKET", "CREATE", "zz-list");
        kv.call("BUCKET", "CREATE", "aa-list");
        List<Object> names = kv.list("BUCKET", "LIST");
        assertEquals("0", names.get(0));
        assertEquals("15", names.get(15));
        assertTrue(names.indexOf("aa-list") > 15 && names.indexOf("aa-list") < names.indexOf("zz-list"));
    }

    @Test
    void numberedBucketsAreBucketsToo() {
        Kv kv = kv2();
        kv.sync.select(3);
        kv.sync.set("in3", "x");
        Kv other = kv2();
        other.call("BUCKET", "USE", "3");
        assertEquals("x", other.sync.get("in3"));
        assertEquals(1L, kv3().map("BUCKET", "INFO", "3").get("keys"));
    }

    @Test
    void aNumberedBucketCanBeGivenAPolicy() {
        Kv kv = kv2();
        kv.call("BUCKET", "SET", "9", "MAX-VALUE-BYTES", "2");
        kv.sync.select(9);
        RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class, () -> kv.sync.set("k", "abc"));
        assertEquals("ERR value too long for bucket '9': 3 bytes, its MAX-VALUE-BYTES is 2", e.getMessage());
        kv.call("BUCKET", "SET", "9", "MAX-VALUE-BYTES", "0");
        kv.sync.set("k", "abc");
        assertEquals(16, kv.list("BUCKET", "LIST").stream().filter(n -> ((String) n).matches("[0-9]+")).count());
    }

    @Test
    void infoShowsTheKeysAndThePolicy() {
        Kv kv = kv3();
        kv.call("BUCKET", "CREATE", "inf", "DEFAULT-TTL", "60", "MAX-KEY-BYTES", "16", "MAX-VALUE-BYTES", "1024");
        assertEquals(Map.of("name", "inf", "keys", 0L, "default-ttl", 60L, "max-key-bytes", 16L, "max-value-bytes", 1024L),
                kv.map("BUCKET", "INFO", "inf"));
    }

    @Test
    void defaultTtlExpiresAKeyWrittenWithoutOneAfterItsLastWrite() throws Exception {
        Kv kv = kv2();
        kv.call("BUCKET", "CREATE", "ttl", "DEFAULT-TTL", "1");
        kv.call("BUCKET", "USE", "ttl");
        kv.sync.set("k", "v");
        long pttl = kv.sync.pttl("k");
        assertTrue(pttl > 500 && pttl <= 1000, "pttl " + pttl);
        kv.sync.set("explicit", "v", io.lettuce.core.SetArgs.Builder.ex(100));
        assertTrue(kv.sync.ttl("explicit") > 90);
        Thread.sleep(700);
        kv.sync.set("k", "again"); // a new write starts the default TTL over
        Thread.sleep(500);
        assertEquals("again", kv.sync.get("k"));
        Thread.sleep(700);
        assertNull(kv.sync.get("k"));
    }

    @Test
    void inPlaceUpdatesStartTheDefaultTtlOverToo() throws Exception {
        Kv kv = kv2();
        kv.call("BUCKET", "CREATE", "ttl-upd", "DEFAULT-TTL", "100");
        kv.call("BUCKET", "USE", "ttl-upd");
        kv.sync.set("ctr", "1", io.lettuce.core.SetArgs.Builder.px(5000));
        kv.sync.incr("ctr");
        assertTrue(kv.sync.ttl("ctr") > 90, "INCR restarts the default TTL");
        kv.sync.set("s", "a", io.lettuce.core.SetArgs.Builder.px(5000));
        kv.call("KV.PUT", "s", "b", "MODE", "APPEND");
        assertTrue(kv.sync.ttl("s") > 90, "KV.PUT MODE APPEND restarts the default TTL");
        kv.sync.set("t", "1", io.lettuce.core.SetArgs.Builder.px(5000));
        kv.call("KV.TXN", "INCRBY", "t", "1");
        assertTrue(kv.sync.ttl("t") > 90, "KV.TXN INCRBY restarts the default TTL");
        kv.sync.expire("t", 10);
        assertTrue(kv.sync.ttl("t") <= 10, "an explicit EXPIRE still wins");
    }

    @Test
    void jsonWritesTakeTheDefaultTtlAndTheLimitsToo() {
        Kv kv = kv2();
        kv.call("BUCKET", "CREATE", "docs", "DEFAULT-TTL", "100", "MAX-VALUE-BYTES", "20");
        kv.call("BUCKET", "USE", "docs");
        kv.call("JSON.SET", "one", "$", "{\"a\":1}");
        assertTrue(kv.sync.ttl("one") > 90, "JSON.SET takes the default TTL");
        kv.call("JSON.MSET", "two", "$", "{\"b\":2}", "three", "$", "[3]");
        assertTrue(kv.sync.ttl("two") > 90 && kv.sync.ttl("three") > 90, "JSON.MSET takes the default TTL");
        assertThrows(RedisCommandExecutionException.class,
                () -> kv.call("JSON.MSET", "four", "$", "1", "five", "$", "\"a string over twenty bytes\""));
        assertEquals(0L, kv.sync.exists("four", "five"), "a refused JSON.MSET writes none of its keys");
        assertThrows(RedisCommandExecutionException.class,
                () -> kv.call("JSON.SET", "one", "$.a", "\"a string over twenty bytes\""));
        assertEquals("[1]", kv.call("JSON.GET", "one", "$.a"));
    }

    @Test
    void limitsRefuseLargeKeysAndValuesAndChangeNothing() {
        Kv kv = kv2();
        kv.call("BUCKET", "CREATE", "small", "MAX-KEY-BYTES", "8", "MAX-VALUE-BYTES", "4");
        kv.call("BUCKET", "USE", "small");
        kv.sync.set("k", "1234");
        RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class, () -> kv.sync.set("k", "12345"));
        assertEquals("ERR value too long for bucket 'small': 5 bytes, its MAX-VALUE-BYTES is 4", e.getMessage());
        e = assertThrows(RedisCommandExecutionException.class, () -> kv.sync.set("123456789", "v"));
        assertEquals("ERR key too long for bucket 'small': 9 bytes, its MAX-KEY-BYTES is 8", e.getMessage());
        assertThrows(RedisCommandExecutionException.class, () -> kv.sync.append("k", "5"));
        assertThrows(RedisCommandExecutionException.class, () -> kv.call("KV.PUT", "k", "toolong"));
        assertThrows(RedisCommandExecutionException.class, () -> kv.call("KV.TXN", "SET", "a", "1", "SET", "b", "12345"));
        assertThrows(RedisCommandExecutionException.class, () -> kv.sync.mset(Map.of("a", "1", "b", "12345")));
        assertEquals("1234", kv.sync.get("k"));
        assertEquals(0L, kv.sync.exists("a", "b", "123456789"));
    }

    @Test
    void setChangesAnOptionForLaterWrites() {
        Kv kv = kv2();
        kv.call("BUCKET", "CREATE", "chg");
        kv.call("BUCKET", "USE", "chg");
        kv.sync.set("k", "12345");
        kv.call("BUCKET", "SET", "chg", "MAX-VALUE-BYTES", "3");
        assertThrows(RedisCommandExecutionException.class, () -> kv.sync.set("k2", "1234"));
        kv.call("BUCKET", "SET", "chg", "MAX-VALUE-BYTES", "0");
        kv.sync.set("k2", "1234");
        assertEquals("12345", kv.sync.get("k"));
    }

    @Test
    void flushdbEmptiesOnlyTheCurrentBucket() {
        Kv kv = kv2();
        kv.call("BUCKET", "CREATE", "fl");
        kv.sync.select(7);
        kv.sync.set("stays", "x");
        kv.call("BUCKET", "USE", "fl");
        kv.sync.set("goes", "x");
        kv.sync.flushdb();
        assertEquals(0L, kv.sync.dbsize());
        kv.sync.select(7);
        assertEquals("x", kv.sync.get("stays"));
    }

    @Test
    void flushallEmptiesNamedBucketsTooAndKeepsThem() {
        Kv kv = kv2();
        kv.call("BUCKET", "CREATE", "fa", "MAX-VALUE-BYTES", "5");
        kv.call("BUCKET", "USE", "fa");
        kv.sync.set("k", "v");
        kv.sync.flushall();
        assertEquals(0L, kv.sync.dbsize());
        assertEquals(5L, kv3().map("BUCKET", "INFO", "fa").get("max-value-bytes"));
    }

    @Test
    void dropRemovesTheBucketAndMovesItsClientsToBucketZero() {
        Kv kv = kv2();
        Kv other = kv2();
        kv.call("BUCKET", "CREATE", "dropme");
        other.call("BUCKET", "USE", "dropme");
        other.sync.set("x", "in dropme");
        assertEquals("OK", kv.call("BUCKET", "DROP", "dropme"));
        assertTrue(!kv.list("BUCKET", "LIST").contains("dropme"));
        other.sync.set("after-drop", "1");
        kv.sync.select(0);
        assertEquals("1", kv.sync.get("after-drop"));
        kv.call("BUCKET", "CREATE", "dropme");
        kv.call("BUCKET", "USE", "dropme");
        assertEquals(0L, kv.sync.dbsize());
    }

    @Test
    void droppingALargeBucketDoesNotHoldOtherClients() {
        Kv kv = kv2();
        kv.call("BUCKET", "CREATE", "big");
        kv.call("BUCKET", "USE", "big");
        for (int batch = 0; batch < 20; batch++) {
            Map<String, String> m = new java.util.HashMap<>();
            for (int i = 0; i < 10_000; i++) m.put("k" + batch + ":" + i, "v");
            kv.sync.mset(m);
        }
        long start = System.nanoTime();
        kv.call("BUCKET", "DROP", "big");
        long dropMillis = (System.nanoTime() - start) / 1_000_000;
        long pingStart = System.nanoTime();
        kv2().sync.ping();
        long pingMillis = (System.nanoTime() - pingStart) / 1_000_000;
        assertTrue(dropMillis < 1000, "drop took " + dropMillis + " ms");
        assertTrue(pingMillis < 1000, "ping took " + pingMillis + " ms");
    }

    @Test
    void refusalsAreClearErrors() {
        Kv kv = kv2();
        kv.call("BUCKET", "CREATE", "dup");
        assertError("ERR bucket 'dup' already exists", "CREATE", "dup");
        assertError("ERR bucket '0' already exists", "CREATE", "0");
        assertError("ERR invalid bucket name '99': numbers name the databases 0 to 15", "CREATE", "99");
        assertError("ERR invalid bucket name 'a b': 1 to 64 of A-Z a-z 0-9 _ . : -", "CREATE", "a b");
        assertError("ERR no such bucket 'nope'", "USE", "nope");
        assertError("ERR no such bucket 'nope'", "DROP", "nope");
        assertError("ERR bucket '0' is a numbered database and cannot be dropped; FLUSHDB empties it", "DROP", "0");
        assertError("ERR unknown bucket option 'COLOR', expected DEFAULT-TTL, MAX-KEY-BYTES or MAX-VALUE-BYTES", "SET", "dup", "COLOR", "1");
        assertError("ERR DEFAULT-TTL must be 0 or more", "SET", "dup", "DEFAULT-TTL", "-5");
        assertError("ERR value is not an integer or out of range", "CREATE", "x1", "MAX-KEY-BYTES", "lots");
        assertError("ERR option 'DEFAULT-TTL' needs a value", "CREATE", "x2", "DEFAULT-TTL");
        assertError("ERR unknown subcommand 'RENAME'. Try BUCKET HELP.", "RENAME", "a", "b");
        assertTrue(!kv.list("BUCKET", "LIST").contains("x1"));
    }

    private void assertError(String error, String... bucketArgs) {
        Kv kv = kv2();
        RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class,
                () -> kv.call(prepend("BUCKET", bucketArgs)));
        assertEquals(error, e.getMessage());
    }
}
