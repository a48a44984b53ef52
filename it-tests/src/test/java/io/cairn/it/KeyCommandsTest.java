package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.cairn.storage.Entry;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.CopyArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;

/** DEL UNLINK EXISTS TYPE RENAME RENAMENX COPY MOVE KEYS RANDOMKEY TOUCH OBJECT, as Redis 7 answers them. */
class KeyCommandsTest extends KeyspaceFixture {

    // ---- DEL / UNLINK ----

    @Test
    void delCountsOnlyKeysThatExisted() {
        seed.string("a", "1");
        seed.string("b", "2");
        assertEquals(2L, redis.del("a", "b", "missing"));
        assertNull(seed.entry("a"));
        assertNull(seed.entry("b"));
    }

    @Test
    void delOfARepeatedKeyCountsItOnce() {
        seed.string("a", "1");
        assertEquals(":1\r\n", call("DEL", "a", "a"));
    }

    @Test
    void unlinkDeletesLikeDel() {
        seed.string("a", "1");
        assertEquals(1L, redis.unlink("a", "missing"));
        assertNull(seed.entry("a"));
    }

    @Test
    void delWithoutKeysIsAnArityError() {
        assertEquals("-ERR wrong number of arguments for 'del' command\r\n", call("DEL"));
    }

    // ---- EXISTS / TOUCH ----

    @Test
    void existsCountsAKeyAsOftenAsItIsNamed() {
        seed.string("a", "1");
        assertEquals(":2\r\n", call("EXISTS", "a", "a", "missing"));
    }

    @Test
    void existsIgnoresAnExpiredKey() {
        seed.expiring("gone", "v", -1);
        assertEquals(0L, redis.exists("gone"));
    }

    @Test
    void touchCountsExistingKeys() {
        seed.string("a", "1");
        seed.string("b", "1");
        assertEquals(2L, redis.touch("a", "b", "missing"));
    }

    // ---- TYPE ----

    @Test
    void typeOfAMissingKeyIsNone() {
        assertEquals("+none\r\n", call("TYPE", "missing"));
    }

    @Test
    void typeOfAStringIsString() {
        seed.string("a", "1");
        assertEquals("+string\r\n", call("TYPE", "a"));
    }

    @Test
    void typeOfAJsonDocumentIsRedisJsonsTypeName() {
        seed.json("doc", "{\"a\":1}");
        assertEquals("ReJSON-RL", redis.type("doc"));
    }

    // ---- RENAME / RENAMENX ----

    @Test
    void renameMovesTheValueAndRemovesTheSource() {
        seed.string("from", "v");
        assertEquals("OK", redis.rename("from", "to"));
        assertNull(seed.entry("from"));
        assertEquals("v", seed.value("to"));
    }

    @Test
    void renameOverwritesAnExistingDestination() {
        seed.string("from", "new");
        seed.string("to", "old");
        redis.rename("from", "to");
        assertEquals("new", seed.value("to"));
    }

    @Test
    void renameOfAMissingKeyIsNoSuchKey() {
        assertEquals("-ERR no such key\r\n", call("RENAME", "missing", "x"));
        assertNull(seed.entry("x"));
    }

    @Test
    void renameOfAKeyToItselfIsOkAndChangesNothing() {
        Entry before = seed.withMeta("a", "v", "m", System.currentTimeMillis() + 100_000);
        assertEquals("+OK\r\n", call("RENAME", "a", "a"));
        assertEquals(before, seed.entry("a"));
    }

    @Test
    void renameOfAMissingKeyToItselfIsNoSuchKey() {
        assertEquals("-ERR no such key\r\n", call("RENAME", "missing", "missing"));
    }

    @Test
    void renameKeepsTheDeadlineAndMetadata() {
        Entry before = seed.withMeta("from", "v", "meta", System.currentTimeMillis() + 100_000);
        redis.rename("from", "to");
        Entry after = seed.entry("to");
        assertEquals(before.expireAt(), after.expireAt());
        assertArrayEquals(before.meta(), after.meta());
    }

    @Test
    void renameGivesTheDestinationANewGeneration() {
        Entry before = seed.string("from", "v");
        redis.rename("from", "to");
        assertTrue(seed.entry("to").generation() > before.generation());
    }

    @Test
    void renamenxRefusesAnExistingDestinationAndChangesNothing() {
        seed.string("from", "1");
        seed.string("to", "2");
        assertEquals(":0\r\n", call("RENAMENX", "from", "to"));
        assertEquals("1", seed.value("from"));
        assertEquals("2", seed.value("to"));
    }

    @Test
    void renamenxToAFreshKeyAnswersOne() {
        seed.string("from", "1");
        assertTrue(redis.renamenx("from", "to"));
        assertEquals("1", seed.value("to"));
        assertNull(seed.entry("from"));
    }

    @Test
    void renamenxOfAKeyToItselfAnswersZero() {
        seed.string("a", "1");
        assertEquals(":0\r\n", call("RENAMENX", "a", "a"));
        assertEquals("1", seed.value("a"));
    }

    @Test
    void renamenxOfAMissingKeyIsNoSuchKey() {
        assertEquals("-ERR no such key\r\n", call("RENAMENX", "missing", "x"));
    }

    // ---- COPY ----

    @Test
    void copyDuplicatesValueDeadlineAndMetadata() {
        Entry src = seed.withMeta("src", "v", "m", System.currentTimeMillis() + 100_000);
        assertTrue(redis.copy("src", "dst"));
        Entry dst = seed.entry("dst");
        assertEquals("v", seed.value("dst"));
        assertEquals(src.expireAt(), dst.expireAt());
        assertArrayEquals(src.meta(), dst.meta());
        assertEquals(src, seed.entry("src"));
    }

    @Test
    void copyGivesTheCopyANewGeneration() {
        Entry src = seed.string("src", "v");
        redis.copy("src", "dst");
        assertTrue(seed.entry("dst").generation() > src.generation());
    }

    @Test
    void copyRefusesAnExistingDestinationWithoutReplace() {
        seed.string("src", "new");
        seed.string("dst", "old");
        assertEquals(":0\r\n", call("COPY", "src", "dst"));
        assertEquals("old", seed.value("dst"));
    }

    @Test
    void copyWithReplaceOverwritesTheDestination() {
        seed.string("src", "new");
        seed.string("dst", "old");
        assertTrue(redis.copy("src", "dst", CopyArgs.Builder.replace(true)));
        assertEquals("new", seed.value("dst"));
    }

    @Test
    void copyOfAMissingSourceAnswersZero() {
        assertEquals(":0\r\n", call("COPY", "missing", "dst"));
    }

    @Test
    void copyOfAKeyOntoItselfIsAnError() {
        seed.string("a", "1");
        assertEquals("-ERR source and destination objects are the same\r\n", call("COPY", "a", "a"));
    }

    @Test
    void copyToTheSameNameInAnotherDatabaseWorks() {
        seed.string("a", "1");
        assertEquals(":1\r\n", call("COPY", "a", "a", "DB", "3"));
        assertEquals("1", seed.value(3, "a"));
        assertEquals("1", seed.value(0, "a"));
    }

    @Test
    void copyToADatabaseOutOfRangeIsAnError() {
        seed.string("a", "1");
        assertEquals("-ERR DB index is out of range\r\n", call("COPY", "a", "b", "DB", "16"));
        assertEquals("-ERR DB index is out of range\r\n", call("COPY", "a", "b", "DB", "-1"));
    }

    @Test
    void copyToANonNumericDatabaseIsAnError() {
        seed.string("a", "1");
        assertEquals("-ERR value is not an integer or out of range\r\n", call("COPY", "a", "b", "DB", "x"));
    }

    @Test
    void copyWithAnUnknownOptionIsASyntaxError() {
        seed.string("a", "1");
        assertEquals("-ERR syntax error\r\n", call("COPY", "a", "b", "FOO"));
        assertEquals("-ERR syntax error\r\n", call("COPY", "a", "b", "DB"));
        assertNull(seed.entry("b"));
    }

    // ---- MOVE ----

    @Test
    void moveTransfersTheKeyWithItsDeadline() {
        Entry before = seed.withMeta("a", "v", "m", System.currentTimeMillis() + 100_000);
        assertTrue(redis.move("a", 2));
        assertNull(seed.entry(0, "a"));
        Entry moved = seed.entry(2, "a");
        assertEquals("v", seed.value(2, "a"));
        assertEquals(before.expireAt(), moved.expireAt());
        assertArrayEquals(before.meta(), moved.meta());
        assertTrue(moved.generation() > before.generation());
    }

    @Test
    void moveRefusesWhenTheTargetHasTheKey() {
        seed.string(0, "a", "here");
        seed.string(1, "a", "there");
        assertEquals(":0\r\n", call("MOVE", "a", "1"));
        assertEquals("here", seed.value(0, "a"));
        assertEquals("there", seed.value(1, "a"));
    }

    @Test
    void moveOfAMissingKeyAnswersZero() {
        assertEquals(":0\r\n", call("MOVE", "missing", "1"));
    }

    @Test
    void moveToTheCurrentDatabaseIsAnError() {
        seed.string("a", "1");
        assertEquals("-ERR source and destination objects are the same\r\n", call("MOVE", "a", "0"));
    }

    @Test
    void moveToADatabaseOutOfRangeIsAnError() {
        seed.string("a", "1");
        assertEquals("-ERR DB index is out of range\r\n", call("MOVE", "a", "16"));
        assertEquals("1", seed.value("a"));
    }

    @Test
    void moveToANonNumericDatabaseIsAnError() {
        assertEquals("-ERR value is not an integer or out of range\r\n", call("MOVE", "a", "one"));
    }

    @Test
    void moveAndCopyWorkFromTheSelectedDatabase() {
        assumeTrue(seed.serves("select"), "needs SELECT from the connection commands");
        seed.string(4, "k", "v");
        try (RawClient c = server.raw()) {
            assertEquals("+OK\r\n", c.call("SELECT", "4"));
            assertEquals(":1\r\n", c.call("COPY", "k", "k", "DB", "0"));
            assertEquals(":1\r\n", c.call("MOVE", "k", "7"));
        }
        assertEquals("v", seed.value(0, "k"));
        assertEquals("v", seed.value(7, "k"));
        assertNull(seed.entry(4, "k"));
    }

    // ---- KEYS ----

    @Test
    void keysAnswersEveryMatchInByteOrder() {
        for (String k : List.of("b", "a:2", "a:10", "c", "a:1")) seed.string(k, "v");
        assertEquals(List.of("a:1", "a:10", "a:2"), redis.keys("a:*"));
        assertEquals(List.of("a:1", "a:10", "a:2", "b", "c"), redis.keys("*"));
    }

    @Test
    void keysOrdersBytesUnsigned() {
        seed.put(0, new byte[] {(byte) 0xC3, (byte) 0xA9}, io.cairn.storage.ValueType.STRING, new byte[] {1}, 0, null);
        seed.string("z", "v");
        seed.string("A", "v");
        assertEquals(List.of("A", "z", "é"), redis.keys("*"));
    }

    @Test
    void keysWithALiteralPatternFindsJustThatKey() {
        seed.string("exact", "v");
        seed.string("exactly", "v");
        assertEquals(List.of("exact"), redis.keys("exact"));
        assertEquals(List.of(), redis.keys("nothing"));
    }

    @Test
    void keysLeavesOutKeysOutsideThePrefixThatLookAlike() {
        for (String k : List.of("user:42", "user:42:a", "user:42:b", "user:420:a", "user:41:a")) seed.string(k, "v");
        assertEquals(List.of("user:42:a", "user:42:b"), redis.keys("user:42:*"));
    }

    @Test
    void keysAppliesTheWholeGlobWithinTheRange() {
        for (String k : List.of("h1llo", "hallo", "hello", "hxllo", "heeeello")) seed.string(k, "v");
        assertEquals(List.of("hallo", "hello"), redis.keys("h[ae]llo"));
        assertEquals(List.of("h1llo", "hallo", "hello", "hxllo"), redis.keys("h?llo"));
        assertEquals(List.of("heeeello", "hello"), redis.keys("he*llo"));
    }

    @Test
    void keysHonoursEscapedWildcards() {
        seed.string("a*b", "v");
        seed.string("axb", "v");
        assertEquals(List.of("a*b"), redis.keys("a\\*b"));
    }

    @Test
    void keysLeavesOutExpiredKeys() {
        seed.expiring("gone", "v", -1);
        seed.string("here", "v");
        assertEquals(List.of("here"), redis.keys("*"));
    }

    // ---- RANDOMKEY ----

    @Test
    void randomkeyOfAnEmptyDatabaseIsANullBulk() {
        assertEquals("$-1\r\n", call("RANDOMKEY"));
    }

    @Test
    void randomkeyAnswersSomeExistingKey() {
        Set<String> keys = Set.of("k1", "k2", "k3", "zz");
        for (String k : keys) seed.string(k, "v");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) seen.add(redis.randomkey());
        assertTrue(keys.containsAll(seen), "only existing keys: " + seen);
        assertFalse(seen.isEmpty());
    }

    // ---- OBJECT ----

    @Test
    void objectEncodingOfASmallIntegerIsInt() {
        seed.string("n", "12345");
        seed.string("neg", "-7");
        assertEquals("int", redis.objectEncoding("n"));
        assertEquals("int", redis.objectEncoding("neg"));
    }

    @Test
    void objectEncodingOfNumbersRedisWouldNotStoreAsIntegersIsEmbstr() {
        seed.string("leadingZero", "007");
        seed.string("tooBig", "12345678901234567890");
        seed.string("plus", "+1");
        assertEquals("embstr", redis.objectEncoding("leadingZero"));
        assertEquals("embstr", redis.objectEncoding("tooBig"));
        assertEquals("embstr", redis.objectEncoding("plus"));
    }

    @Test
    void objectEncodingOfAShortStringIsEmbstrUpTo44Bytes() {
        seed.string("s44", "x".repeat(44));
        seed.string("s45", "x".repeat(45));
        assertEquals("embstr", redis.objectEncoding("s44"));
        assertEquals("raw", redis.objectEncoding("s45"));
    }

    @Test
    void objectEncodingOfAMissingKeyIsNull() {
        assertEquals("$-1\r\n", call("OBJECT", "ENCODING", "missing"));
    }

    @Test
    void objectRefcountOfASharedIntegerIsIntMax() {
        seed.string("small", "9999");
        seed.string("large", "10000");
        seed.string("text", "abc");
        assertEquals(":2147483647\r\n", call("OBJECT", "REFCOUNT", "small"));
        assertEquals(":1\r\n", call("OBJECT", "REFCOUNT", "large"));
        assertEquals(":1\r\n", call("OBJECT", "REFCOUNT", "text"));
    }

    @Test
    void objectFreqWithoutAnLfuPolicyIsAnError() {
        seed.string("a", "1");
        assertEquals("-ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that"
                + " when switching between policies at runtime LRU and LFU data will take some time to adjust.\r\n",
                call("OBJECT", "FREQ", "a"));
    }

    @Test
    void objectFreqOfAMissingKeyIsNullBeforeAnyPolicyCheck() {
        assertEquals("$-1\r\n", call("OBJECT", "FREQ", "missing"));
    }

    @Test
    void objectIdletimeIsAnInteger() {
        seed.string("a", "1");
        assertEquals(0L, redis.objectIdletime("a"));
    }

    @Test
    void objectHelpListsTheSubcommandsAsRedisDoes() {
        String help = call("OBJECT", "HELP");
        assertTrue(help.startsWith("*15\r\n+OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n"
                + "+ENCODING <key>\r\n"), help);
        assertTrue(help.endsWith("+HELP\r\n+    Prints this help.\r\n"), help);
    }

    @Test
    void objectWithAnUnknownSubcommandPointsToHelp() {
        assertEquals("-ERR unknown subcommand 'foo'. Try OBJECT HELP.\r\n", call("OBJECT", "foo"));
    }

    @Test
    void objectEncodingWithoutAKeyIsAnArityError() {
        assertEquals("-ERR wrong number of arguments for 'object|encoding' command\r\n", call("OBJECT", "ENCODING"));
    }

    // ---- errors through Lettuce, and RESP3 ----

    @Test
    void lettuceSeesRedisErrorTextForRenameOfAMissingKey() {
        RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class,
                () -> redis.rename("missing", "x"));
        assertEquals("ERR no such key", e.getMessage());
    }

    @Test
    void resp3NullsForRandomkeyAndObjectEncoding() {
        assumeTrue(seed.speaksResp3(), "RESP3 needs HELLO from the connection commands");
        try (RawClient c = server.raw()) {
            c.call("HELLO", "3");
            assertEquals("_\r\n", c.call("RANDOMKEY"));
            assertEquals("_\r\n", c.call("OBJECT", "ENCODING", "missing"));
        }
    }

    @Test
    void resp3ClientsSeeTheSameKeyReplies() {
        assumeTrue(seed.speaksResp3(), "RESP3 needs HELLO from the connection commands");
        try (StatefulRedisConnection<String, String> c3 = server.connect(ProtocolVersion.RESP3)) {
            RedisCommands<String, String> r3 = c3.sync();
            seed.string("a", "1");
            assertEquals(2L, r3.exists("a", "a"));
            assertEquals("string", r3.type("a"));
            assertTrue(r3.copy("a", "b"));
            assertEquals("OK", r3.rename("b", "c"));
            assertEquals(List.of("a", "c"), r3.keys("*"));
            assertEquals("int", r3.objectEncoding("a"));
            assertEquals(2L, r3.del("a", "c"));
            assertNull(r3.randomkey());
        }
    }

    @Test
    void keysOfBinaryNamesComeBackByteExact() {
        byte[] key = {0, (byte) 0xFF, 'k'};
        seed.put(0, key, io.cairn.storage.ValueType.STRING, new byte[] {1}, 0, null);
        RedisClient client = RedisClient.create(server.uri());
        client.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP2).build());
        try (StatefulRedisConnection<byte[], byte[]> c = client.connect(ByteArrayCodec.INSTANCE)) {
            List<byte[]> keys = c.sync().keys("*");
            assertEquals(1, keys.size());
            assertArrayEquals(key, keys.get(0));
        } finally {
            client.shutdown();
        }
    }
}
