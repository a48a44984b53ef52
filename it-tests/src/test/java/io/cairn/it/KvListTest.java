package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lettuce.core.RedisCommandExecutionException;

/** KV.LIST: ranges, order, paging, item shapes, and refusals. */
class KvListTest extends KvTestSupport {

    private Kv seeded(String prefix, int n) {
        Kv kv = kv2();
        for (int i = 0; i < n; i++) kv.sync.set(prefix + String.format("%03d", i), "v" + i);
        return kv;
    }

    @Test
    void prefixListsOnlyKeysUnderItInOrder() {
        Kv kv = seeded("lp:", 5);
        kv.sync.set("lp", "outside");
        kv.sync.set("lq:000", "outside");
        assertEquals(List.of("lp:000", "lp:001", "lp:002", "lp:003", "lp:004"), kv.keys("PREFIX", "lp:"));
    }

    @Test
    void keysComeInUnsignedByteOrder() {
        try (RawClient c = server.raw()) {
            byte[] cmd = "*3\r\n$3\r\nSET\r\n$4\r\nub:?\r\n$1\r\nx\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            cmd[cmd.length - 10] = (byte) 0xFF; // the key's last byte: above every ASCII byte
            assertEquals("+OK\r\n", c.sendRaw(cmd).readReply());
        }
        Kv kv = kv2();
        kv.sync.set("ub:a", "x");
        kv.sync.set("ub:B", "x");
        kv.sync.set("ub:", "x");
        List<Object> reply = kv.list("KV.LIST", "PREFIX", "ub:");
        @SuppressWarnings("unchecked")
        List<String> keys = (List<String>) reply.get(1);
        assertEquals(4, keys.size());
        assertEquals(List.of("ub:", "ub:B", "ub:a"), keys.subList(0, 3)); // then the 0xFF byte key, last
    }

    @Test
    void doneListingRepliesAnEmptyCursor() {
        Kv kv = seeded("ldone:", 3);
        assertEquals("", kv.list("KV.LIST", "PREFIX", "ldone:").get(0));
    }

    @Test
    void limitPagesAndTheCursorResumesExactlyAfterTheLastKey() {
        Kv kv = seeded("lpage:", 7);
        List<String> all = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            List<Object> reply = kv.list("KV.LIST", "PREFIX", "lpage:", "LIMIT", "3", "CURSOR", cursor);
            cursor = (String) reply.get(0);
            @SuppressWarnings("unchecked")
            List<String> keys = (List<String>) reply.get(1);
            all.addAll(keys);
            pages++;
        } while (!cursor.isEmpty());
        assertEquals(3, pages);
        assertEquals(seededKeys("lpage:", 7), all);
    }

    @Test
    void aCursorWorksFromAnotherConnection() {
        Kv kv = seeded("lconn:", 4);
        String cursor = (String) kv.list("KV.LIST", "PREFIX", "lconn:", "LIMIT", "2").get(0);
        assertEquals(List.of("lconn:002", "lconn:003"), kv2().keys("PREFIX", "lconn:", "CURSOR", cursor));
    }

    @Test
    void aKeyAddedAfterTheCursorIsSeenAndOneBeforeIsNot() {
        Kv kv = seeded("lmove:", 4);
        String cursor = (String) kv.list("KV.LIST", "PREFIX", "lmove:", "LIMIT", "2").get(0);
        kv.sync.set("lmove:0005", "before the cursor");
        kv.sync.set("lmove:005", "after it");
        kv.sync.del("lmove:001"); // the key the cursor names may be gone: it still resumes after it
        assertEquals(List.of("lmove:002", "lmove:003", "lmove:005"), kv.keys("PREFIX", "lmove:", "CURSOR", cursor));
    }

    @Test
    void reverseListsDescendingAndPagesWithItsCursor() {
        Kv kv = seeded("lrev:", 5);
        kv.sync.set("lrew", "outside");
        List<Object> first = kv.list("KV.LIST", "PREFIX", "lrev:", "REVERSE", "LIMIT", "2");
        assertEquals(List.of("lrev:004", "lrev:003"), first.get(1));
        assertEquals(List.of("lrev:002", "lrev:001", "lrev:000"),
                kv.keys("PREFIX", "lrev:", "REVERSE", "CURSOR", (String) first.get(0)));
    }

    @Test
    void reverseOfTheWholeBucketStartsAtTheLastKey() {
        Kv kv = kv2();
        kv.sync.select(5);
        kv.sync.set("a", "1");
        kv.sync.set("b", "2");
        assertEquals(List.of("b", "a"), kv.keys("REVERSE"));
    }

    @Test
    void skipSkipsThatManyMatchingKeys() {
        Kv kv = seeded("lskip:", 6);
        assertEquals(List.of("lskip:004", "lskip:005"), kv.keys("PREFIX", "lskip:", "SKIP", "4"));
        assertEquals(List.of("lskip:001"), kv.keys("PREFIX", "lskip:", "SKIP", "4", "LIMIT", "1", "REVERSE"));
    }

    @Test
    void matchFiltersWithARedisGlob() {
        Kv kv = kv2();
        for (String k : List.of("order:active:1", "order:active:2", "order:done:3", "order:active:x:4")) kv.sync.set(k, "o");
        assertEquals(List.of("order:active:1", "order:active:2", "order:active:x:4"), kv.keys("MATCH", "order:active:*"));
        assertEquals(List.of("order:active:1", "order:active:2"), kv.keys("MATCH", "order:active:[0-9]"));
        assertEquals(List.of("order:done:3"), kv.keys("MATCH", "order:*:3"));
    }

    @Test
    void matchPagesFullPagesOfMatchingKeys() {
        Kv kv = kv2();
        for (int i = 0; i < 20; i++) kv.sync.set("lm:" + (i % 2 == 0 ? "even" : "odd") + ":" + String.format("%02d", i), "x");
        List<Object> page = kv.list("KV.LIST", "MATCH", "lm:*:*[05]", "LIMIT", "2");
        assertEquals(List.of("lm:even:00", "lm:even:10"), page.get(1));
        assertEquals(List.of("lm:odd:05", "lm:odd:15"), kv.keys("MATCH", "lm:*:*[05]", "CURSOR", (String) page.get(0)));
    }

    @Test
    void valuesGivesKeyValuePairs() {
        Kv kv = seeded("lval:", 2);
        assertEquals(List.of(List.of("lval:000", "v0"), List.of("lval:001", "v1")),
                kv.list("KV.LIST", "PREFIX", "lval:", "VALUES").get(1));
    }

    @Test
    void withMetaGivesMapsInResp3() {
        Kv kv = kv3();
        long g = kv.gen("KV.PUT", "lmeta:1", "v", "META", "m");
        List<Object> reply = kv.list("KV.LIST", "PREFIX", "lmeta:", "VALUES", "WITHMETA");
        assertEquals(List.of(Map.of("key", "lmeta:1", "value", "v", "meta", "m", "generation", g, "expiry", -1L)), reply.get(1));
        List<Object> noValues = kv.list("KV.LIST", "PREFIX", "lmeta:", "WITHMETA");
        assertEquals(List.of(Map.of("key", "lmeta:1", "meta", "m", "generation", g, "expiry", -1L)), noValues.get(1));
    }

    @Test
    void expiredKeysAreNeverListed() throws Exception {
        Kv kv = seeded("lexp:", 3);
        kv.sync.psetex("lexp:001", 20, "short");
        Thread.sleep(50);
        assertEquals(List.of("lexp:000", "lexp:002"), kv.keys("PREFIX", "lexp:"));
    }

    @Test
    void theDefaultLimitIs1000() {
        Kv kv = kv2();
        Map<String, String> many = new java.util.HashMap<>();
        for (int i = 0; i < 1005; i++) many.put("ldef:" + String.format("%04d", i), "x");
        kv.sync.mset(many);
        List<Object> reply = kv.list("KV.LIST", "PREFIX", "ldef:");
        assertEquals(1000, ((List<?>) reply.get(1)).size());
        assertNotEquals("", reply.get(0));
    }

    @Test
    void limitOutsideOneTo10000IsAnError() {
        assertError("ERR LIMIT must be at most 10000", "LIMIT", "10001");
        assertError("ERR LIMIT must be 1 or more", "LIMIT", "0");
        assertError("ERR SKIP must be 0 or more", "SKIP", "-1");
        assertError("ERR value is not an integer or out of range", "LIMIT", "ten");
    }

    @Test
    void aCursorNotIssuedByCairnIsAnError() {
        assertError("ERR invalid cursor: not one KV.LIST returned", "CURSOR", "not-a-cursor");
        assertError("ERR invalid cursor: not one KV.LIST returned", "CURSOR", "AQBrOjJSvnWW");
        assertError("ERR invalid cursor: not one KV.LIST returned", "CURSOR", "12345");
    }

    @Test
    void aForwardCursorIsRefusedForAReverseListing() {
        Kv kv = seeded("ldir:", 3);
        String cursor = (String) kv.list("KV.LIST", "PREFIX", "ldir:", "LIMIT", "1").get(0);
        assertError("ERR the cursor was issued for a listing in the other direction", "PREFIX", "ldir:", "REVERSE", "CURSOR", cursor);
    }

    @Test
    void prefixAndMatchTogetherAndUnknownOptionsAreErrors() {
        assertError("ERR PREFIX and MATCH cannot be combined", "PREFIX", "a", "MATCH", "a*");
        assertError("ERR unknown option 'KEYSONLY' for 'kv.list'", "KEYSONLY");
        assertError("ERR option 'PREFIX' needs a value", "PREFIX");
    }

    private void assertError(String error, String... listArgs) {
        Kv kv = kv2();
        RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class,
                () -> kv.call(prepend("KV.LIST", listArgs)));
        assertEquals(error, e.getMessage());
    }

    static List<String> seededKeys(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(prefix + String.format("%03d", i));
        return out;
    }

    @Test
    void aCursorStaysValidAcrossARestart() {
        Kv kv = seeded("lrestart:", 4);
        String cursor = (String) kv.list("KV.LIST", "PREFIX", "lrestart:", "LIMIT", "2").get(0);
        restart();
        assertEquals(List.of("lrestart:002", "lrestart:003"), kv2().keys("PREFIX", "lrestart:", "CURSOR", cursor));
    }
}
