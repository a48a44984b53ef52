package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lettuce.core.RedisCommandExecutionException;

/** KV.PUT: modes, IFGEN, META, expiry options, generations, and every refusal changing nothing. */
class KvPutTest extends KvTestSupport {

    @Test
    void putRepliesWithAStrictlyIncreasingGeneration() {
        Kv kv = kv2();
        long g1 = kv.gen("KV.PUT", "put:gen", "a");
        long g2 = kv.gen("KV.PUT", "put:gen", "b");
        long g3 = kv.gen("KV.PUT", "put:other", "c");
        assertTrue(g1 > 0 && g2 > g1 && g3 > g2);
        assertEquals("b", kv.sync.get("put:gen"));
    }

    @Test
    void everyWriteCommandGivesANewGeneration() {
        Kv kv = kv2();
        long g = kv.gen("KV.PUT", "put:any", "1");
        kv.sync.incr("put:any");
        long afterIncr = generation(kv, "put:any");
        kv.sync.append("put:any", "0");
        long afterAppend = generation(kv, "put:any");
        assertTrue(afterIncr > g && afterAppend > afterIncr);
    }

    @Test
    void ifGenMatchingTheCurrentGenerationWrites() {
        Kv kv = kv2();
        long g = kv.gen("KV.PUT", "put:cas", "v1");
        long g2 = kv.gen("KV.PUT", "put:cas", "v2", "IFGEN", Long.toString(g));
        assertTrue(g2 > g);
        assertEquals("v2", kv.sync.get("put:cas"));
    }

    @Test
    void ifGenNotMatchingRepliesNilAndChangesNothing() {
        Kv kv = kv2();
        long g = kv.gen("KV.PUT", "put:stale", "v1");
        assertNull(kv.call("KV.PUT", "put:stale", "v2", "IFGEN", Long.toString(g - 1)));
        assertEquals("v1", kv.sync.get("put:stale"));
        assertEquals(g, generation(kv, "put:stale"));
    }

    @Test
    void ifGenZeroWritesOnlyAnAbsentKey() {
        Kv kv = kv2();
        assertTrue(kv.gen("KV.PUT", "put:new", "v1", "IFGEN", "0") > 0);
        assertNull(kv.call("KV.PUT", "put:new", "v2", "IFGEN", "0"));
        assertEquals("v1", kv.sync.get("put:new"));
    }

    @Test
    void modeAddRefusesAnExistingKey() {
        Kv kv = kv2();
        assertTrue(kv.gen("KV.PUT", "put:add", "first", "MODE", "ADD") > 0);
        assertNull(kv.call("KV.PUT", "put:add", "second", "MODE", "add"));
        assertEquals("first", kv.sync.get("put:add"));
    }

    @Test
    void modeAppendAndPrependJoinWithTheCurrentValue() {
        Kv kv = kv2();
        kv.call("KV.PUT", "put:join", "middle");
        kv.call("KV.PUT", "put:join", "-end", "MODE", "APPEND");
        kv.call("KV.PUT", "put:join", "start-", "MODE", "PREPEND");
        assertEquals("start-middle-end", kv.sync.get("put:join"));
    }

    @Test
    void modeAppendOnAnAbsentKeyWritesTheValue() {
        Kv kv = kv2();
        kv.call("KV.PUT", "put:append-new", "x", "MODE", "APPEND");
        assertEquals("x", kv.sync.get("put:append-new"));
    }

    @Test
    void metaIsStoredAndAWholeValueOverwriteClearsIt() {
        Kv kv = kv3();
        kv.call("KV.PUT", "put:meta", "v", "META", "{\"owner\":\"ann\"}");
        assertEquals("{\"owner\":\"ann\"}", kv.map("KV.GET", "put:meta", "WITHMETA").get("meta"));
        kv.call("KV.PUT", "put:meta", "w");
        assertNull(kv.map("KV.GET", "put:meta", "WITHMETA").get("meta"));
    }

    @Test
    void setClearsMetadataButInPlaceChangesKeepIt() {
        Kv kv = kv3();
        kv.call("KV.PUT", "put:keep", "1", "META", "m");
        kv.sync.incr("put:keep");
        kv.sync.append("put:keep", "0");
        kv.sync.setrange("put:keep", 0, "3");
        kv.sync.expire("put:keep", 100);
        kv.call("KV.PUT", "put:keep", "x", "MODE", "APPEND");
        assertEquals("m", kv.map("KV.GET", "put:keep", "WITHMETA").get("meta"));
        kv.sync.set("put:keep", "plain");
        assertNull(kv.map("KV.GET", "put:keep", "WITHMETA").get("meta"));
    }

    @Test
    void metadataOf1024BytesIsAcceptedAnd1025Refused() {
        Kv kv = kv2();
        kv.call("KV.PUT", "put:bigmeta", "v", "META", "m".repeat(1024));
        RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class,
                () -> kv.call("KV.PUT", "put:bigmeta", "w", "META", "m".repeat(1025)));
        assertEquals("ERR metadata too long: 1025 bytes, the limit is 1024", e.getMessage());
        assertEquals("v", kv.sync.get("put:bigmeta"));
    }

    @Test
    void exAndPxSetARelativeTtl() {
        Kv kv = kv2();
        kv.call("KV.PUT", "put:ex", "v", "EX", "100");
        long ttl = kv.sync.ttl("put:ex");
        assertTrue(ttl > 95 && ttl <= 100, "ttl " + ttl);
        kv.call("KV.PUT", "put:px", "v", "PX", "5000");
        long pttl = kv.sync.pttl("put:px");
        assertTrue(pttl > 4000 && pttl <= 5000, "pttl " + pttl);
    }

    @Test
    void exatAndPxatSetAnAbsoluteDeadline() {
        Kv kv = kv2();
        long at = System.currentTimeMillis() / 1000 + 1000;
        kv.call("KV.PUT", "put:exat", "v", "EXAT", Long.toString(at));
        assertEquals(at, kv.sync.expiretime("put:exat"));
        kv.call("KV.PUT", "put:pxat", "v", "PXAT", Long.toString(at * 1000 + 7));
        assertEquals(at * 1000 + 7, kv.sync.pexpiretime("put:pxat"));
    }

    @Test
    void overwriteWithoutTtlClearsItAndKeepttlKeepsIt() {
        Kv kv = kv2();
        kv.call("KV.PUT", "put:ttl", "v", "EX", "100");
        kv.call("KV.PUT", "put:ttl", "w", "KEEPTTL");
        assertTrue(kv.sync.ttl("put:ttl") > 0);
        kv.call("KV.PUT", "put:ttl", "x");
        assertEquals(-1, kv.sync.ttl("put:ttl"));
    }

    @Test
    void aKeyPastItsDeadlineIsNeverReadAndCountsAsAbsentForIfGen() throws Exception {
        Kv kv = kv2();
        kv.call("KV.PUT", "put:short", "v", "PX", "30");
        Thread.sleep(60);
        assertNull(kv.call("KV.GET", "put:short"));
        assertTrue(kv.gen("KV.PUT", "put:short", "again", "IFGEN", "0") > 0);
    }

    @Test
    void unknownOptionIsAnErrorThatChangesNothing() {
        assertRefused("ERR unknown option 'FOO' for 'kv.put'", "KV.PUT", "put:bad", "w", "FOO");
    }

    @Test
    void badModeIsAnError() {
        assertRefused("ERR MODE must be OVERWRITE, ADD, APPEND or PREPEND, not 'UPSERT'", "KV.PUT", "put:bad", "w", "MODE", "UPSERT");
    }

    @Test
    void badNumbersAreErrors() {
        assertRefused("ERR value is not an integer or out of range", "KV.PUT", "put:bad", "w", "IFGEN", "abc");
        assertRefused("ERR IFGEN must be 0 or more", "KV.PUT", "put:bad", "w", "IFGEN", "-1");
        assertRefused("ERR invalid expire time in 'kv.put' command", "KV.PUT", "put:bad", "w", "EX", "0");
        assertRefused("ERR value is not an integer or out of range", "KV.PUT", "put:bad", "w", "PX", "1.5");
    }

    @Test
    void twoExpiryOptionsAreAnError() {
        assertRefused("ERR only one of EX, PX, EXAT, PXAT and KEEPTTL may be given", "KV.PUT", "put:bad", "w", "EX", "1", "KEEPTTL");
    }

    @Test
    void anOptionMissingItsValueIsAnError() {
        assertRefused("ERR option 'META' needs a value", "KV.PUT", "put:bad", "w", "META");
    }

    @Test
    void appendToANonStringIsWrongType() throws Exception {
        Kv kv = kv2();
        kv.call("KV.PUT", "put:wt", "v");
        // JSON documents are the other type; without JSON.SET here, a stored entry of that type
        // comes from the keyspace directly.
        server.cairn().server().keyspace().bucket(0).put("put:wt".getBytes(), io.cairn.storage.ValueType.JSON,
                "{}".getBytes(), 0, null);
        RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class,
                () -> kv.call("KV.PUT", "put:wt", "x", "MODE", "APPEND"));
        assertTrue(e.getMessage().startsWith("WRONGTYPE"));
    }

    @Test
    void wrongArityIsRedisStyle() {
        Kv kv = kv2();
        RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class, () -> kv.call("KV.PUT", "k"));
        assertEquals("ERR wrong number of arguments for 'kv.put' command", e.getMessage());
    }

    private void assertRefused(String error, String... args) {
        Kv kv = kv2();
        kv.call("KV.PUT", "put:bad", "v", "META", "m", "EX", "1000");
        Map<String, Object> before = kv3().map("KV.GET", "put:bad", "WITHMETA");
        RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class, () -> kv.call(args));
        assertEquals(error, e.getMessage());
        assertEquals(before, kv3().map("KV.GET", "put:bad", "WITHMETA"));
    }

    static long generation(Kv kv, String key) {
        List<Object> flat = kv.list("KV.GET", key, "WITHMETA");
        return (Long) flat.get(flat.indexOf("generation") + 1);
    }
}
