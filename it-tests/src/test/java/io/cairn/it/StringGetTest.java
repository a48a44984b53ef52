package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.cairn.storage.Entry;
import io.lettuce.core.GetExArgs;
import io.lettuce.core.KeyValue;

/** GET, GETDEL, GETEX, MGET, STRLEN, GETRANGE, SUBSTR. */
class StringGetTest extends StringTestSupport {

    // ---- GET --------------------------------------------------------------------------------

    @Test
    void getRepliesTheValueAsABulkString() {
        resp2().set("get:v", "hello");
        assertEquals(bulk("hello"), call2("GET", "get:v"));
        assertEquals(bulk("hello"), call3("GET", "get:v"));
    }

    @Test
    void getOfAnAbsentKeyIsNilInEachProtocol() {
        assertEquals(NIL2, call2("GET", "get:absent"));
        assertEquals(NIL3, call3("GET", "get:absent"));
        assertNull(resp2().get("get:absent"));
        assertNull(resp3().get("get:absent"));
    }

    @Test
    void getOfANonStringIsWrongType() {
        putJson("get:json", "{}");
        assertEquals(WRONGTYPE, call2("GET", "get:json"));
    }

    @Test
    void getOfAnEmptyStringIsAnEmptyBulk() {
        resp2().set("get:empty", "");
        assertEquals(EMPTY_BULK, call2("GET", "get:empty"));
    }

    @Test
    void getCountsKeyspaceHitsAndMisses() {
        resp2().set("get:hits", "v");
        long hits = hits();
        long misses = misses();
        resp2().get("get:hits");
        resp2().get("get:no-such-key");
        assertEquals(hits + 1, hits());
        assertEquals(misses + 1, misses());
    }

    @Test
    void getThroughLettuceAsyncInResp3() throws Exception {
        resp2().set("get:async3", "x");
        assertEquals("x", async3().get("get:async3").get(5, TimeUnit.SECONDS));
    }

    // ---- GETDEL -----------------------------------------------------------------------------

    @Test
    void getdelRepliesTheValueAndDeletesTheKey() {
        resp2().set("getdel:k", "v");
        assertEquals(bulk("v"), call2("GETDEL", "getdel:k"));
        assertNull(entry("getdel:k"));
        assertEquals(NIL2, call2("GETDEL", "getdel:k"));
        assertEquals(NIL3, call3("GETDEL", "getdel:k"));
    }

    @Test
    void getdelThroughLettuce() {
        resp3().set("getdel:l", "v");
        assertEquals("v", resp3().getdel("getdel:l"));
        assertNull(resp2().getdel("getdel:l"));
    }

    @Test
    void getdelOfANonStringIsWrongTypeAndKeepsTheKey() {
        putJson("getdel:json", "{}");
        assertEquals(WRONGTYPE, call2("GETDEL", "getdel:json"));
        assertEquals("ReJSON-RL", typeOf("getdel:json"));
    }

    // ---- GETEX ------------------------------------------------------------------------------

    @Test
    void getexWithoutOptionsIsAGetThatChangesNothing() {
        resp2().set("getex:plain", "v");
        long gen = generation("getex:plain");
        assertEquals(bulk("v"), call2("GETEX", "getex:plain"));
        assertEquals(gen, generation("getex:plain"));
    }

    @Test
    void getexExSetsATtlAndKeepsValueAndMetadata() {
        putWithMeta("getex:ex", "v", Entry.NO_EXPIRY, "m");
        long before = nowMillis();
        assertEquals(bulk("v"), call2("GETEX", "getex:ex", "EX", "100"));
        assertTrue(expireAt("getex:ex") >= before + 100_000 && expireAt("getex:ex") <= nowMillis() + 100_000);
        assertEquals("m", meta("getex:ex"));
        assertEquals("v", resp2().get("getex:ex"));
    }

    @Test
    void getexPxExatPxatSetTheMatchingDeadlines() {
        resp2().set("getex:units", "v");
        long before = nowMillis();
        assertEquals("v", resp2().getex("getex:units", GetExArgs.Builder.px(300_000)));
        assertTrue(expireAt("getex:units") >= before + 300_000);
        long seconds = nowMillis() / 1000 + 5000;
        assertEquals("v", resp3().getex("getex:units", GetExArgs.Builder.exAt(seconds)));
        assertEquals(seconds * 1000, expireAt("getex:units"));
        long millis = nowMillis() + 999_999;
        assertEquals(bulk("v"), call2("GETEX", "getex:units", "PXAT", Long.toString(millis)));
        assertEquals(millis, expireAt("getex:units"));
    }

    @Test
    void getexPersistRemovesTheTtl() {
        putWithMeta("getex:persist", "v", nowMillis() + 100_000, "m");
        assertEquals(bulk("v"), call2("GETEX", "getex:persist", "PERSIST"));
        assertEquals(Entry.NO_EXPIRY, expireAt("getex:persist"));
        assertEquals("m", meta("getex:persist"));
    }

    @Test
    void getexPersistOnAKeyWithoutTtlWritesNothing() {
        resp2().set("getex:persist2", "v");
        long gen = generation("getex:persist2");
        assertEquals(bulk("v"), call2("GETEX", "getex:persist2", "persist"));
        assertEquals(gen, generation("getex:persist2"));
    }

    @Test
    void getexWithAPastAbsoluteDeadlineRepliesTheValueAndDeletesTheKey() {
        resp2().set("getex:past", "v");
        assertEquals(bulk("v"), call2("GETEX", "getex:past", "EXAT", "1"));
        assertNull(entry("getex:past"));
        resp2().set("getex:past", "w");
        assertEquals(bulk("w"), call2("GETEX", "getex:past", "PXAT", "1000"));
        assertNull(entry("getex:past"));
    }

    @Test
    void getexOfAnAbsentKeyIsNilEvenWithABadExpireValue() {
        assertEquals(NIL2, call2("GETEX", "getex:absent", "EX", "abc"));
        assertEquals(NIL3, call3("GETEX", "getex:absent", "EX", "0"));
    }

    @Test
    void getexInvalidExpireOnAnExistingKeyIsRefusedAndChangesNothing() {
        resp2().set("getex:bad", "v");
        assertEquals(error("ERR invalid expire time in 'getex' command"), call2("GETEX", "getex:bad", "EX", "0"));
        assertEquals(error("ERR invalid expire time in 'getex' command"), call2("GETEX", "getex:bad", "PX", "-1"));
        assertEquals(error("ERR invalid expire time in 'getex' command"),
                call2("GETEX", "getex:bad", "EX", "9223372036854775"));
        assertEquals(NOT_INTEGER, call2("GETEX", "getex:bad", "EX", "abc"));
        assertEquals(Entry.NO_EXPIRY, expireAt("getex:bad"));
        assertEquals("v", resp2().get("getex:bad"));
    }

    @Test
    void getexRefusesSetOnlyOptionsAndBadCombinations() {
        resp2().set("getex:syntax", "v");
        String[][] bad = {{"KEEPTTL"}, {"NX"}, {"XX"}, {"GET"}, {"EX"}, {"PERSIST", "EX", "10"},
                {"EX", "10", "PERSIST"}, {"EX", "10", "PX", "10"}, {"FOO"}};
        for (String[] opts : bad) {
            String[] cmd = new String[2 + opts.length];
            cmd[0] = "GETEX";
            cmd[1] = "getex:syntax";
            System.arraycopy(opts, 0, cmd, 2, opts.length);
            assertEquals(SYNTAX, call2(cmd), String.join(" ", opts));
        }
        assertEquals(SYNTAX, call2("GETEX", "getex:absent-syntax", "KEEPTTL"));
        assertEquals(Entry.NO_EXPIRY, expireAt("getex:syntax"));
    }

    @Test
    void getexOfANonStringIsWrongTypeAndKeepsItsTtl() {
        putJson("getex:json", "{}");
        assertEquals(WRONGTYPE, call2("GETEX", "getex:json", "EX", "100"));
        assertEquals(Entry.NO_EXPIRY, expireAt("getex:json"));
    }

    // ---- MGET -------------------------------------------------------------------------------

    @Test
    void mgetRepliesOneEntryPerKeyWithNilForMissingAndNonStrings() {
        resp2().set("mget:a", "1");
        resp2().set("mget:c", "3");
        putJson("mget:json", "{}");
        assertEquals("*4\r\n" + bulk("1") + NIL2 + bulk("3") + NIL2,
                call2("MGET", "mget:a", "mget:b", "mget:c", "mget:json"));
        assertEquals("*4\r\n" + bulk("1") + NIL3 + bulk("3") + NIL3,
                call3("MGET", "mget:a", "mget:b", "mget:c", "mget:json"));
    }

    @Test
    void mgetCountsAHitOrAMissPerKey() {
        resp2().set("mget:hit", "1");
        long hits = hits();
        long misses = misses();
        call2("MGET", "mget:hit", "mget:miss1", "mget:hit", "mget:miss2");
        assertEquals(hits + 2, hits());
        assertEquals(misses + 2, misses());
    }

    @Test
    void writesDoNotCountAsKeyspaceReads() {
        resp2().set("get:writes", "1");
        long hits = hits();
        long misses = misses();
        call2("INCR", "get:writes");
        call2("APPEND", "get:writes", "0");
        call2("SET", "get:writes", "2");
        call2("SETRANGE", "get:absent-write", "0", "x");
        assertEquals(hits, hits());
        assertEquals(misses, misses());
    }

    @Test
    void mgetThroughLettuce() {
        resp2().set("mget:l1", "x");
        List<KeyValue<String, String>> got = resp3().mget("mget:l1", "mget:l2");
        assertEquals(KeyValue.just("mget:l1", "x"), got.get(0));
        assertTrue(got.get(1).isEmpty());
        assertEquals("x", resp2().mget("mget:l1").get(0).getValue());
    }

    // ---- STRLEN -----------------------------------------------------------------------------

    @Test
    void strlenCountsBytes() {
        resp2().set("strlen:k", "héllo");
        assertEquals(integer(6), call2("STRLEN", "strlen:k"));
        assertEquals(6L, resp3().strlen("strlen:k"));
    }

    @Test
    void strlenOfAnAbsentKeyIsZero() {
        assertEquals(integer(0), call2("STRLEN", "strlen:absent"));
    }

    @Test
    void strlenOfANonStringIsWrongType() {
        putJson("strlen:json", "{}");
        assertEquals(WRONGTYPE, call2("STRLEN", "strlen:json"));
    }

    // ---- GETRANGE / SUBSTR ------------------------------------------------------------------

    @Test
    void getrangeTakesInclusiveBoundsCountingNegativeOnesFromTheEnd() {
        resp2().set("range:k", "This is a string");
        assertEquals(bulk("This"), call2("GETRANGE", "range:k", "0", "3"));
        assertEquals(bulk("ing"), call2("GETRANGE", "range:k", "-3", "-1"));
        assertEquals(bulk("This is a string"), call2("GETRANGE", "range:k", "0", "-1"));
        assertEquals(bulk("string"), call2("GETRANGE", "range:k", "10", "100"));
        assertEquals(bulk("T"), call2("GETRANGE", "range:k", "0", "0"));
        assertEquals("This is a string", resp3().getrange("range:k", -100, 100));
    }

    @Test
    void getrangeGivesAnEmptyStringForEmptyOrInvertedRanges() {
        resp2().set("range:e", "abcdef");
        assertEquals(EMPTY_BULK, call2("GETRANGE", "range:e", "-1", "-5"));
        assertEquals(EMPTY_BULK, call2("GETRANGE", "range:e", "4", "2"));
        assertEquals(EMPTY_BULK, call2("GETRANGE", "range:e", "100", "200"));
        assertEquals(EMPTY_BULK, call2("GETRANGE", "range:e", "3", "-100"));
        assertEquals(bulk("abc"), call2("GETRANGE", "range:e", "-100", "2"));
        assertEquals(bulk("abcdef"), call2("GETRANGE", "range:e", "-9223372036854775808", "9223372036854775807"));
    }

    @Test
    void getrangeOfAnAbsentKeyOrEmptyValueIsAnEmptyString() {
        assertEquals(EMPTY_BULK, call2("GETRANGE", "range:absent", "0", "-1"));
        assertEquals(EMPTY_BULK, call3("GETRANGE", "range:absent", "0", "-1"));
        resp2().set("range:emptyval", "");
        assertEquals(EMPTY_BULK, call2("GETRANGE", "range:emptyval", "0", "0"));
    }

    @Test
    void getrangeChecksItsIndexesBeforeTheKey() {
        resp2().set("range:int", "abc");
        assertEquals(NOT_INTEGER, call2("GETRANGE", "range:int", "x", "1"));
        assertEquals(NOT_INTEGER, call2("GETRANGE", "range:int", "0", "1.0"));
        assertEquals(NOT_INTEGER, call2("GETRANGE", "range:absent-int", "0", "z"));
        putJson("range:json", "{}");
        assertEquals(NOT_INTEGER, call2("GETRANGE", "range:json", "a", "1"));
        assertEquals(WRONGTYPE, call2("GETRANGE", "range:json", "0", "1"));
    }

    @Test
    void substrIsGetrangeUnderItsOldName() {
        resp2().set("substr:k", "Hello World");
        assertEquals(bulk("Hello"), call2("SUBSTR", "substr:k", "0", "4"));
        assertEquals(bulk("World"), call2("SUBSTR", "substr:k", "-5", "-1"));
        assertEquals(EMPTY_BULK, call2("SUBSTR", "substr:absent", "0", "4"));
        assertEquals(error("ERR wrong number of arguments for 'substr' command"), call2("SUBSTR", "substr:k", "0"));
    }
}
