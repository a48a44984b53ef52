package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lettuce.core.RedisCommandExecutionException;

/** KV.GET [WITHMETA] in both protocols and KV.DEL [IFGEN]. */
class KvGetDelTest extends KvTestSupport {

    @Test
    void getRepliesTheValueOrNil() {
        Kv kv = kv2();
        kv.call("KV.PUT", "get:plain", "hello");
        assertEquals("hello", kv.call("KV.GET", "get:plain"));
        assertNull(kv.call("KV.GET", "get:missing"));
    }

    @Test
    void withMetaIsAMapInResp3() {
        Kv kv = kv3();
        long at = System.currentTimeMillis() + 100_000;
        long g = kv.gen("KV.PUT", "get:meta3", "v", "META", "m", "PXAT", Long.toString(at));
        Map<String, Object> m = kv.map("KV.GET", "get:meta3", "WITHMETA");
        assertEquals(Map.of("value", "v", "meta", "m", "generation", g, "expiry", at), m);
    }

    @Test
    void withMetaIsAFlatArrayInResp2WithNilMetaAndMinusOneExpiryWhenNone() {
        Kv kv = kv2();
        long g = kv.gen("KV.PUT", "get:meta2", "v");
        assertEquals(java.util.Arrays.asList("value", "v", "meta", null, "generation", g, "expiry", -1L),
                kv.list("KV.GET", "get:meta2", "withmeta"));
    }

    @Test
    void withMetaExactRespText() {
        try (RawClient c = server.raw()) {
            c.call("SET", "get:raw", "x");
            String reply = c.call("KV.GET", "get:raw", "WITHMETA");
            assertTrue(reply.startsWith("*8\r\n$5\r\nvalue\r\n$1\r\nx\r\n$4\r\nmeta\r\n$-1\r\n$10\r\ngeneration\r\n:"), reply);
            c.call("HELLO", "3");
            assertTrue(c.call("KV.GET", "get:raw", "WITHMETA").startsWith("%4\r\n"));
        }
    }

    @Test
    void getCountsAsAKeyspaceRead() {
        Kv kv = kv2();
        String before = kv.sync.info("stats");
        kv.call("KV.GET", "get:nothing-here");
        assertTrue(misses(kv.sync.info("stats")) == misses(before) + 1);
    }

    private static long misses(String info) {
        for (String line : info.split("\r\n")) if (line.startsWith("keyspace_misses:")) return Long.parseLong(line.substring(16));
        throw new AssertionError(info);
    }

    @Test
    void getWithAnUnknownOptionIsAnError() {
        Kv kv = kv2();
        RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class,
                () -> kv.call("KV.GET", "k", "WITHVALUES"));
        assertEquals("ERR unknown option 'WITHVALUES' for 'kv.get'", e.getMessage());
    }

    @Test
    void delRepliesOneThenZero() {
        Kv kv = kv2();
        kv.call("KV.PUT", "del:plain", "v");
        assertEquals(1L, kv.call("KV.DEL", "del:plain"));
        assertEquals(0L, kv.call("KV.DEL", "del:plain"));
        assertNull(kv.call("KV.GET", "del:plain"));
    }

    @Test
    void delIfGenDeletesOnlyAtThatGeneration() {
        Kv kv = kv2();
        long g = kv.gen("KV.PUT", "del:cas", "v");
        assertNull(kv.call("KV.DEL", "del:cas", "IFGEN", Long.toString(g + 1)));
        assertEquals("v", kv.call("KV.GET", "del:cas"));
        assertEquals(1L, kv.call("KV.DEL", "del:cas", "IFGEN", Long.toString(g)));
        assertNull(kv.call("KV.GET", "del:cas"));
    }

    @Test
    void delIfGenZeroOnAnAbsentKeyDeletesNothing() {
        Kv kv = kv2();
        assertEquals(0L, kv.call("KV.DEL", "del:none", "IFGEN", "0"));
    }

    @Test
    void delWithABadGenerationIsAnErrorThatChangesNothing() {
        Kv kv = kv2();
        kv.call("KV.PUT", "del:bad", "v");
        RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class,
                () -> kv.call("KV.DEL", "del:bad", "IFGEN", "x"));
        assertEquals("ERR value is not an integer or out of range", e.getMessage());
        e = assertThrows(RedisCommandExecutionException.class, () -> kv.call("KV.DEL", "del:bad", "IFGEN"));
        assertEquals("ERR option 'IFGEN' needs a value", e.getMessage());
        assertEquals("v", kv.call("KV.GET", "del:bad"));
    }

    @Test
    void generationsAreNeverReusedAfterADelete() {
        Kv kv = kv2();
        long g1 = kv.gen("KV.PUT", "del:reuse", "v");
        kv.call("KV.DEL", "del:reuse");
        long g2 = kv.gen("KV.PUT", "del:reuse", "v");
        assertTrue(g2 > g1);
        List<Object> flat = kv.list("KV.GET", "del:reuse", "WITHMETA");
        assertEquals(g2, flat.get(5));
    }
}
