package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.cairn.storage.Entry;
import io.lettuce.core.KeyValue;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;

/** SET with every option, SETNX, SETEX, PSETEX, GETSET, MSET, MSETNX. */
class StringSetTest extends StringTestSupport {

    @Test
    void setStoresTheValueAndRepliesOk() {
        assertEquals(OK, call2("SET", "set:plain", "hello"));
        assertEquals("hello", resp2().get("set:plain"));
        assertEquals("hello", resp3().get("set:plain"));
    }

    @Test
    void setThroughLettuceAsyncIsSeenBySyncReaders() throws Exception {
        RedisAsyncCommands<String, String> async = async2();
        assertEquals("OK", async.set("set:async", "v1").get(5, TimeUnit.SECONDS));
        assertEquals("v1", async.get("set:async").get(5, TimeUnit.SECONDS));
        assertEquals("v1", resp3().get("set:async"));
    }

    @Test
    void setStoresBinarySafeValues() {
        try (RawClient c = server.raw()) {
            c.sendRaw("*3\r\n$3\r\nSET\r\n$7\r\nset:bin\r\n$5\r\na\0\r\nb\r\n");
            assertEquals(OK, c.readReply());
            assertEquals("$5\r\na\0\r\nb\r\n", c.call("GET", "set:bin"));
        }
    }

    @Test
    void setOverwritesAJsonDocument() {
        putJson("set:json", "{\"a\":1}");
        assertEquals(OK, call2("SET", "set:json", "text"));
        assertEquals("string", typeOf("set:json"));
        assertEquals("text", resp2().get("set:json"));
    }

    @Test
    void setClearsMetadata() {
        putWithMeta("set:meta", "v", Entry.NO_EXPIRY, "owner=alice");
        resp2().set("set:meta", "w");
        assertNull(meta("set:meta"));
    }

    @Test
    void setWithoutKeepttlClearsTheTtl() {
        resp2().set("set:ttl", "v", SetArgs.Builder.ex(100));
        resp2().set("set:ttl", "w");
        assertEquals(Entry.NO_EXPIRY, expireAt("set:ttl"));
    }

    @Test
    void setKeepttlKeepsTheDeadline() {
        resp2().set("set:keepttl", "v", SetArgs.Builder.ex(100));
        long deadline = expireAt("set:keepttl");
        assertEquals("OK", resp2().set("set:keepttl", "w", SetArgs.Builder.keepttl()));
        assertEquals(deadline, expireAt("set:keepttl"));
        assertEquals("w", resp2().get("set:keepttl"));
    }

    @Test
    void setKeepttlOnAKeyWithoutTtlLeavesItPersistent() {
        assertEquals(OK, call2("SET", "set:keepttl2", "v", "KEEPTTL"));
        assertEquals(Entry.NO_EXPIRY, expireAt("set:keepttl2"));
    }

    @Test
    void setExSetsADeadlineInSeconds() {
        long before = nowMillis();
        assertEquals(OK, call2("SET", "set:ex", "v", "EX", "100"));
        long at = expireAt("set:ex");
        assertTrue(at >= before + 100_000 && at <= nowMillis() + 100_000, "deadline " + at);
    }

    @Test
    void setPxSetsADeadlineInMilliseconds() {
        long before = nowMillis();
        assertEquals(OK, call2("SET", "set:px", "v", "px", "123456"));
        long at = expireAt("set:px");
        assertTrue(at >= before + 123_456 && at <= nowMillis() + 123_456, "deadline " + at);
    }

    @Test
    void setExatAndPxatSetAbsoluteDeadlines() {
        long seconds = nowMillis() / 1000 + 1000;
        assertEquals(OK, call2("SET", "set:exat", "v", "EXAT", Long.toString(seconds)));
        assertEquals(seconds * 1000, expireAt("set:exat"));
        long millis = nowMillis() + 777_777;
        assertEquals(OK, call2("SET", "set:pxat", "v", "PXAT", Long.toString(millis)));
        assertEquals(millis, expireAt("set:pxat"));
    }

    @Test
    void setWithARepeatedExpireOptionTakesTheLastOne() {
        long before = nowMillis();
        assertEquals(OK, call2("SET", "set:exex", "v", "EX", "10", "EX", "2000"));
        assertTrue(expireAt("set:exex") >= before + 2_000_000);
    }

    @Test
    void setWithAPastExatLeavesNoKey() {
        resp2().set("set:pastexat", "old");
        assertEquals(OK, call2("SET", "set:pastexat", "v", "EXAT", "1"));
        assertNull(resp2().get("set:pastexat"));
        assertEquals(NIL2, call2("GET", "set:pastexat"));
    }

    @Test
    void aKeySetWithPxIsGoneAfterItsDeadline() throws Exception {
        assertEquals(OK, call2("SET", "set:short", "v", "PX", "50"));
        assertEquals("v", resp2().get("set:short"));
        Thread.sleep(120);
        assertNull(resp2().get("set:short"));
    }

    @Test
    void setNxWritesOnlyWhenTheKeyIsAbsent() {
        assertEquals(OK, call2("SET", "set:nx", "first", "NX"));
        assertEquals(NIL2, call2("SET", "set:nx", "second", "NX"));
        assertEquals(NIL3, call3("SET", "set:nx", "third", "nx"));
        assertNull(resp2().set("set:nx", "fourth", SetArgs.Builder.nx()));
        assertEquals("first", resp2().get("set:nx"));
    }

    @Test
    void setXxWritesOnlyWhenTheKeyExists() {
        assertEquals(NIL2, call2("SET", "set:xx", "v", "XX"));
        assertEquals(NIL2, call2("GET", "set:xx"));
        resp2().set("set:xx", "a");
        assertEquals(OK, call2("SET", "set:xx", "b", "XX"));
        assertEquals("b", resp2().get("set:xx"));
    }

    @Test
    void setNxTogetherWithXxIsASyntaxErrorThatWritesNothing() {
        resp2().set("set:nxxx", "kept");
        assertEquals(SYNTAX, call2("SET", "set:nxxx", "v", "NX", "XX"));
        assertEquals(SYNTAX, call2("SET", "set:nxxx", "v", "XX", "NX"));
        assertEquals(SYNTAX, call2("SET", "set:absent-nxxx", "v", "NX", "XX"));
        assertEquals("kept", resp2().get("set:nxxx"));
        assertNull(resp2().get("set:absent-nxxx"));
    }

    @Test
    void setGetRepliesTheOldValueAndWrites() {
        resp2().set("set:get", "old");
        assertEquals(bulk("old"), call2("SET", "set:get", "new", "GET"));
        assertEquals("new", resp2().get("set:get"));
        assertEquals("new", resp2().setGet("set:get", "newer"));
        assertEquals("newer", resp2().get("set:get"));
    }

    @Test
    void setGetOnAnAbsentKeyRepliesNilInBothProtocols() {
        assertEquals(NIL2, call2("SET", "set:get-absent2", "v", "GET"));
        assertEquals(NIL3, call3("SET", "set:get-absent3", "v", "GET"));
        assertEquals("v", resp2().get("set:get-absent2"));
        assertEquals("v", resp2().get("set:get-absent3"));
    }

    @Test
    void setGetOnANonStringIsWrongTypeAndWritesNothing() {
        putJson("set:get-json", "[1]");
        assertEquals(WRONGTYPE, call2("SET", "set:get-json", "v", "GET"));
        assertEquals("ReJSON-RL", typeOf("set:get-json"));
    }

    @Test
    void setGetWithNxRepliesTheOldValueWithoutWriting() {
        resp2().set("set:getnx", "old");
        assertEquals(bulk("old"), call2("SET", "set:getnx", "new", "NX", "GET"));
        assertEquals("old", resp2().get("set:getnx"));
    }

    @Test
    void setGetWithXxOnAnAbsentKeyRepliesNilWithoutWriting() {
        assertEquals(NIL2, call2("SET", "set:getxx", "new", "XX", "GET"));
        assertNull(resp2().get("set:getxx"));
    }

    @Test
    void setGetKeepttlKeepsTheDeadline() {
        resp2().set("set:getkeep", "old", SetArgs.Builder.px(500_000));
        long deadline = expireAt("set:getkeep");
        assertEquals(bulk("old"), call2("SET", "set:getkeep", "new", "GET", "KEEPTTL"));
        assertEquals(deadline, expireAt("set:getkeep"));
    }

    @Test
    void setZeroOrNegativeExpireIsInvalidAndWritesNothing() {
        resp2().set("set:badexpire", "kept");
        String invalid = error("ERR invalid expire time in 'set' command");
        for (String[] opt : new String[][] {{"EX", "0"}, {"EX", "-1"}, {"PX", "0"}, {"PX", "-100"},
                {"EXAT", "0"}, {"PXAT", "-5"}}) {
            assertEquals(invalid, call2("SET", "set:badexpire", "v", opt[0], opt[1]), String.join(" ", opt));
        }
        assertEquals("kept", resp2().get("set:badexpire"));
        assertEquals(Entry.NO_EXPIRY, expireAt("set:badexpire"));
    }

    @Test
    void setExpireThatOverflowsMillisecondsIsInvalid() {
        String invalid = error("ERR invalid expire time in 'set' command");
        assertEquals(invalid, call2("SET", "set:overflow", "v", "EX", "9223372036854775"));
        assertEquals(invalid, call2("SET", "set:overflow", "v", "PX", "9223372036854775807"));
        assertEquals(invalid, call2("SET", "set:overflow", "v", "EXAT", "9223372036854775807"));
        assertEquals(NIL2, call2("GET", "set:overflow"));
    }

    @Test
    void setExpireThatIsNotAnIntegerIsRefused() {
        assertEquals(NOT_INTEGER, call2("SET", "set:nonint", "v", "EX", "ten"));
        assertEquals(NOT_INTEGER, call2("SET", "set:nonint", "v", "PX", "1.5"));
        assertEquals(NOT_INTEGER, call2("SET", "set:nonint", "v", "EX", " 10"));
        assertEquals(NIL2, call2("GET", "set:nonint"));
    }

    @Test
    void setOptionsThatCannotCombineAreSyntaxErrors() {
        resp2().set("set:combo", "kept");
        String[][] bad = {{"EX", "10", "PX", "100"}, {"KEEPTTL", "EX", "10"}, {"EX", "10", "KEEPTTL"},
                {"EXAT", "1", "PXAT", "1"}, {"PERSIST"}, {"EX"}, {"PX"}, {"FOO"}, {"NX", "EX"}};
        for (String[] opts : bad) {
            String[] cmd = new String[3 + opts.length];
            cmd[0] = "SET";
            cmd[1] = "set:combo";
            cmd[2] = "v";
            System.arraycopy(opts, 0, cmd, 3, opts.length);
            assertEquals(SYNTAX, call2(cmd), String.join(" ", opts));
        }
        assertEquals("kept", resp2().get("set:combo"));
    }

    @Test
    void setOptionsAreCaseInsensitive() {
        assertEquals(NIL2, call2("set", "set:case", "v", "nX", "Px", "100000", "gEt"));
        assertEquals("v", resp2().get("set:case"));
        assertTrue(expireAt("set:case") > nowMillis());
    }

    @Test
    void setWithTooFewArgumentsIsAnArityError() {
        assertEquals(error("ERR wrong number of arguments for 'set' command"), call2("SET", "set:arity"));
    }

    @Test
    void everyWriteGivesTheKeyANewGeneration() {
        resp2().set("set:gen", "a");
        long first = generation("set:gen");
        resp2().set("set:gen", "a");
        assertTrue(generation("set:gen") > first);
    }

    // ---- SETNX SETEX PSETEX GETSET ----------------------------------------------------------

    @Test
    void setnxRepliesOneWhenItWritesAndZeroWhenTheKeyExists() {
        assertEquals(integer(1), call2("SETNX", "set:setnx", "a"));
        assertEquals(integer(0), call2("SETNX", "set:setnx", "b"));
        assertEquals(Boolean.FALSE, resp3().setnx("set:setnx", "c"));
        assertEquals("a", resp2().get("set:setnx"));
    }

    @Test
    void setnxTakesNoOptions() {
        assertEquals(error("ERR wrong number of arguments for 'setnx' command"), call2("SETNX", "set:setnx2", "a", "EX"));
    }

    @Test
    void setexSetsValueAndTtlInSeconds() {
        long before = nowMillis();
        assertEquals(OK, call2("SETEX", "set:setex", "100", "v"));
        assertEquals("v", resp2().get("set:setex"));
        assertTrue(expireAt("set:setex") >= before + 100_000 && expireAt("set:setex") <= nowMillis() + 100_000);
        assertEquals("OK", resp2().setex("set:setex", 50, "w"));
        assertTrue(expireAt("set:setex") <= nowMillis() + 50_000);
    }

    @Test
    void psetexSetsValueAndTtlInMilliseconds() {
        long before = nowMillis();
        assertEquals(OK, call2("PSETEX", "set:psetex", "100000", "v"));
        assertTrue(expireAt("set:psetex") >= before + 100_000 && expireAt("set:psetex") <= nowMillis() + 100_000);
    }

    @Test
    void setexAndPsetexNameThemselvesInInvalidExpireErrors() {
        resp2().set("set:setexbad", "kept");
        assertEquals(error("ERR invalid expire time in 'setex' command"), call2("SETEX", "set:setexbad", "0", "v"));
        assertEquals(error("ERR invalid expire time in 'setex' command"), call2("SETEX", "set:setexbad", "-5", "v"));
        assertEquals(error("ERR invalid expire time in 'psetex' command"), call2("PSETEX", "set:setexbad", "0", "v"));
        assertEquals(error("ERR invalid expire time in 'setex' command"),
                call2("SETEX", "set:setexbad", "9223372036854775807", "v"));
        assertEquals(NOT_INTEGER, call2("SETEX", "set:setexbad", "soon", "v"));
        assertEquals("kept", resp2().get("set:setexbad"));
    }

    @Test
    void setexOverwritesANonString() {
        putJson("set:setexjson", "{}");
        assertEquals(OK, call2("SETEX", "set:setexjson", "100", "v"));
        assertEquals("string", typeOf("set:setexjson"));
    }

    @Test
    void getsetRepliesTheOldValueAndClearsTtlAndMetadata() {
        putWithMeta("set:getset", "old", nowMillis() + 100_000, "m");
        assertEquals(bulk("old"), call2("GETSET", "set:getset", "new"));
        assertEquals("new", resp2().get("set:getset"));
        assertEquals(Entry.NO_EXPIRY, expireAt("set:getset"));
        assertNull(meta("set:getset"));
    }

    @Test
    void getsetOnAnAbsentKeyRepliesNilAndWrites() {
        assertEquals(NIL2, call2("GETSET", "set:getset2", "v"));
        assertEquals(NIL3, call3("GETSET", "set:getset3", "v"));
        assertEquals("v", resp2().getset("set:getset2", "w"));
    }

    @Test
    void getsetOnANonStringIsWrongTypeAndWritesNothing() {
        putJson("set:getsetjson", "1");
        assertEquals(WRONGTYPE, call2("GETSET", "set:getsetjson", "v"));
        assertEquals("ReJSON-RL", typeOf("set:getsetjson"));
    }

    // ---- MSET MSETNX ------------------------------------------------------------------------

    @Test
    void msetWritesEveryPair() {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) pairs.put("mset:k" + i, "v" + i);
        assertEquals("OK", resp2().mset(pairs));
        List<KeyValue<String, String>> got = resp3().mget(pairs.keySet().toArray(new String[0]));
        for (int i = 0; i < 20; i++) assertEquals("v" + i, got.get(i).getValue());
    }

    @Test
    void msetWithARepeatedKeyKeepsTheLastValue() {
        assertEquals(OK, call2("MSET", "mset:dup", "1", "mset:other", "2", "mset:dup", "3"));
        assertEquals("3", resp2().get("mset:dup"));
    }

    @Test
    void msetOverwritesTtlMetadataAndOtherTypes() {
        putWithMeta("mset:meta", "old", nowMillis() + 100_000, "m");
        putJson("mset:json", "{}");
        assertEquals(OK, call2("MSET", "mset:meta", "a", "mset:json", "b"));
        assertEquals(Entry.NO_EXPIRY, expireAt("mset:meta"));
        assertNull(meta("mset:meta"));
        assertEquals("string", typeOf("mset:json"));
    }

    @Test
    void msetWithAnOddArgumentCountIsAnArityErrorAndWritesNothing() {
        assertEquals(error("ERR wrong number of arguments for 'mset' command"), call2("MSET", "mset:odd1", "a", "mset:odd2"));
        assertEquals(error("ERR wrong number of arguments for 'mset' command"), call2("MSET", "mset:odd1"));
        assertEquals(NIL2, call2("GET", "mset:odd1"));
    }

    @Test
    void msetGivesEveryKeyItsOwnNewGeneration() {
        call2("MSET", "mset:g1", "a", "mset:g2", "b");
        long g1 = generation("mset:g1");
        long g2 = generation("mset:g2");
        assertNotEquals(0, g1);
        assertNotEquals(g1, g2);
    }

    @Test
    void msetnxWritesAllWhenNoKeyExists() {
        assertEquals(integer(1), call2("MSETNX", "msetnx:a", "1", "msetnx:b", "2"));
        assertEquals("1", resp2().get("msetnx:a"));
        assertEquals("2", resp2().get("msetnx:b"));
    }

    @Test
    void msetnxWritesNothingWhenAnyKeyExists() {
        resp2().set("msetnx:exists", "kept");
        assertEquals(integer(0), call2("MSETNX", "msetnx:fresh", "1", "msetnx:exists", "2"));
        assertNull(resp2().get("msetnx:fresh"));
        assertEquals("kept", resp2().get("msetnx:exists"));
        Map<String, String> pairs = Map.of("msetnx:fresh", "x", "msetnx:exists", "y");
        assertEquals(Boolean.FALSE, resp3().msetnx(pairs));
    }

    @Test
    void msetnxCountsANonStringAsExisting() {
        putJson("msetnx:json", "{}");
        assertEquals(integer(0), call2("MSETNX", "msetnx:json", "1"));
        assertEquals("ReJSON-RL", typeOf("msetnx:json"));
    }

    @Test
    void msetnxWithAnOddArgumentCountIsAnArityError() {
        assertEquals(error("ERR wrong number of arguments for 'msetnx' command"), call2("MSETNX", "msetnx:odd", "1", "x"));
        assertNull(resp2().get("msetnx:odd"));
    }
}
