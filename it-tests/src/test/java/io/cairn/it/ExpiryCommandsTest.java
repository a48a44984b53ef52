package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.cairn.storage.Entry;
import io.lettuce.core.ExpireArgs;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;

/** EXPIRE PEXPIRE EXPIREAT PEXPIREAT (NX XX GT LT), TTL PTTL EXPIRETIME PEXPIRETIME PERSIST. */
class ExpiryCommandsTest extends KeyspaceFixture {

    private static long now() {
        return System.currentTimeMillis();
    }

    // ---- setting a deadline ----

    @Test
    void expireSetsATtlInSeconds() {
        seed.string("k", "v");
        assertEquals(":1\r\n", call("EXPIRE", "k", "100"));
        assertEquals(100L, redis.ttl("k"));
    }

    @Test
    void pexpireSetsATtlInMilliseconds() {
        seed.string("k", "v");
        assertTrue(redis.pexpire("k", 100_000));
        long pttl = redis.pttl("k");
        assertTrue(pttl > 99_000 && pttl <= 100_000, "pttl " + pttl);
    }

    @Test
    void expireatSetsAnAbsoluteDeadlineInSeconds() {
        seed.string("k", "v");
        long at = now() / 1000 + 1000;
        assertTrue(redis.expireat("k", at));
        assertEquals(at, redis.expiretime("k"));
        assertEquals(at * 1000, redis.pexpiretime("k"));
    }

    @Test
    void pexpireatSetsAnAbsoluteDeadlineInMilliseconds() {
        seed.string("k", "v");
        long at = now() + 1_000_123;
        assertTrue(redis.pexpireat("k", at));
        assertEquals(at, redis.pexpiretime("k"));
        assertEquals(at / 1000, redis.expiretime("k"));
    }

    @Test
    void expireOfAMissingKeyAnswersZero() {
        assertEquals(":0\r\n", call("EXPIRE", "missing", "100"));
        assertEquals(":0\r\n", call("PEXPIREAT", "missing", "1"));
    }

    @Test
    void expireKeepsValueAndMetadataAndGivesANewGeneration() {
        Entry before = seed.withMeta("k", "v", "meta", Entry.NO_EXPIRY);
        redis.expire("k", 100);
        Entry after = seed.entry("k");
        assertEquals("v", seed.value("k"));
        assertArrayEquals(before.meta(), after.meta());
        assertTrue(after.generation() > before.generation());
    }

    @Test
    void expireReplacesAnEarlierDeadline() {
        seed.expiring("k", "v", 5_000);
        redis.expire("k", 1000);
        assertEquals(1000L, redis.ttl("k"));
    }

    @Test
    void pexpireatAtTheLargestMillisecondIsAccepted() {
        seed.string("k", "v");
        assertEquals(":1\r\n", call("PEXPIREAT", "k", Long.toString(Long.MAX_VALUE)));
        assertEquals(Long.MAX_VALUE, redis.pexpiretime("k"));
    }

    // ---- times in the past delete ----

    @Test
    void aNegativeTtlDeletesTheKeyAndAnswersOne() {
        seed.string("k", "v");
        assertEquals(":1\r\n", call("EXPIRE", "k", "-1"));
        assertNull(seed.entry("k"));
    }

    @Test
    void aZeroTtlDeletesTheKey() {
        seed.string("k", "v");
        assertTrue(redis.pexpire("k", 0));
        assertEquals(0L, redis.exists("k"));
    }

    @Test
    void aDeadlineInThePastDeletesTheKey() {
        seed.string("k", "v");
        assertEquals(":1\r\n", call("EXPIREAT", "k", "1"));
        assertEquals(-2L, redis.ttl("k"));
    }

    // ---- NX XX GT LT ----

    @Test
    void nxSetsADeadlineOnlyWhenThereIsNone() {
        seed.string("k", "v");
        assertTrue(redis.expire("k", 100, ExpireArgs.Builder.nx()));
        assertFalse(redis.expire("k", 200, ExpireArgs.Builder.nx()));
        assertEquals(100L, redis.ttl("k"));
    }

    @Test
    void xxSetsADeadlineOnlyWhenThereIsOne() {
        seed.string("k", "v");
        assertFalse(redis.expire("k", 100, ExpireArgs.Builder.xx()));
        assertEquals(-1L, redis.ttl("k"));
        redis.expire("k", 100);
        assertTrue(redis.expire("k", 200, ExpireArgs.Builder.xx()));
        assertEquals(200L, redis.ttl("k"));
    }

    @Test
    void gtOnlyExtendsADeadline() {
        seed.string("k", "v");
        long at = now() + 100_000;
        redis.pexpireat("k", at);
        assertFalse(redis.pexpireat("k", at - 1, ExpireArgs.Builder.gt()));
        assertFalse(redis.pexpireat("k", at, ExpireArgs.Builder.gt()));
        assertTrue(redis.pexpireat("k", at + 1, ExpireArgs.Builder.gt()));
        assertEquals(at + 1, redis.pexpiretime("k"));
    }

    @Test
    void gtNeverBeatsAKeyWithoutDeadline() {
        seed.string("k", "v");
        assertEquals(":0\r\n", call("EXPIRE", "k", "100", "GT"));
        assertEquals(-1L, redis.ttl("k"));
    }

    @Test
    void ltOnlyShortensADeadline() {
        seed.string("k", "v");
        long at = now() + 100_000;
        redis.pexpireat("k", at);
        assertFalse(redis.pexpireat("k", at + 1, ExpireArgs.Builder.lt()));
        assertFalse(redis.pexpireat("k", at, ExpireArgs.Builder.lt()));
        assertTrue(redis.pexpireat("k", at - 1, ExpireArgs.Builder.lt()));
        assertEquals(at - 1, redis.pexpiretime("k"));
    }

    @Test
    void ltAlwaysBeatsAKeyWithoutDeadline() {
        seed.string("k", "v");
        assertEquals(":1\r\n", call("EXPIRE", "k", "100", "LT"));
        assertEquals(100L, redis.ttl("k"));
    }

    @Test
    void xxAndGtTogetherNeedAnExistingLaterDeadline() {
        seed.string("k", "v");
        assertEquals(":0\r\n", call("EXPIRE", "k", "100", "XX", "GT"));
        redis.expire("k", 10);
        assertEquals(":1\r\n", call("EXPIRE", "k", "100", "xx", "gt"));
        assertEquals(100L, redis.ttl("k"));
    }

    @Test
    void aRefusedPastDeadlineDoesNotDelete() {
        seed.string("k", "v");
        assertEquals(":0\r\n", call("EXPIRE", "k", "-1", "XX"));
        assertEquals("v", seed.value("k"));
    }

    @Test
    void nxWithXxGtOrLtIsAnError() {
        seed.string("k", "v");
        String err = "-ERR NX and XX, GT or LT options at the same time are not compatible\r\n";
        assertEquals(err, call("EXPIRE", "k", "10", "NX", "XX"));
        assertEquals(err, call("PEXPIRE", "k", "10", "NX", "GT"));
        assertEquals(err, call("EXPIREAT", "k", "10", "LT", "NX"));
        assertEquals(-1L, redis.ttl("k"));
    }

    @Test
    void optionsAreCheckedBeforeTheTime() {
        assertEquals("-ERR NX and XX, GT or LT options at the same time are not compatible\r\n",
                call("EXPIRE", "missing", "abc", "NX", "XX"));
    }

    @Test
    void gtWithLtIsAnError() {
        seed.string("k", "v");
        assertEquals("-ERR GT and LT options at the same time are not compatible\r\n",
                call("PEXPIREAT", "k", "10", "GT", "LT"));
        assertEquals("v", seed.value("k"));
    }

    @Test
    void anUnknownOptionIsNamedInTheError() {
        seed.string("k", "v");
        assertEquals("-ERR Unsupported option foo\r\n", call("EXPIRE", "k", "10", "foo"));
    }

    // ---- bad times ----

    @Test
    void aNonIntegerTimeIsAnError() {
        seed.string("k", "v");
        assertEquals("-ERR value is not an integer or out of range\r\n", call("EXPIRE", "k", "1.5"));
        assertEquals("-ERR value is not an integer or out of range\r\n", call("PEXPIRE", "k", "ten"));
        assertEquals(-1L, redis.ttl("k"));
    }

    @Test
    void aTimeThatOverflowsIsAnErrorNamingTheCommand() {
        seed.string("k", "v");
        String max = Long.toString(Long.MAX_VALUE);
        assertEquals("-ERR invalid expire time in 'expire' command\r\n", call("EXPIRE", "k", max));
        assertEquals("-ERR invalid expire time in 'pexpire' command\r\n", call("PEXPIRE", "k", max));
        assertEquals("-ERR invalid expire time in 'expireat' command\r\n", call("EXPIREAT", "k", max));
        assertEquals("-ERR invalid expire time in 'expire' command\r\n",
                call("EXPIRE", "k", Long.toString(Long.MIN_VALUE)));
        assertEquals("v", seed.value("k"));
        assertEquals(-1L, redis.ttl("k"));
    }

    @Test
    void lettuceSeesTheRedisErrorText() {
        seed.string("k", "v");
        RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class,
                () -> redis.expire("k", Long.MAX_VALUE));
        assertEquals("ERR invalid expire time in 'expire' command", e.getMessage());
    }

    // ---- reading a deadline ----

    @Test
    void ttlOfAMissingKeyIsMinusTwo() {
        assertEquals(":-2\r\n", call("TTL", "missing"));
        assertEquals(":-2\r\n", call("PTTL", "missing"));
        assertEquals(":-2\r\n", call("EXPIRETIME", "missing"));
        assertEquals(":-2\r\n", call("PEXPIRETIME", "missing"));
    }

    @Test
    void ttlOfAKeyWithoutDeadlineIsMinusOne() {
        seed.string("k", "v");
        assertEquals(":-1\r\n", call("TTL", "k"));
        assertEquals(":-1\r\n", call("PTTL", "k"));
        assertEquals(":-1\r\n", call("EXPIRETIME", "k"));
        assertEquals(":-1\r\n", call("PEXPIRETIME", "k"));
    }

    @Test
    void ttlRoundsToTheNearestSecond() {
        seed.string("k", "v");
        redis.pexpire("k", 2_700);
        assertEquals(3L, redis.ttl("k"));
    }

    // ---- PERSIST ----

    @Test
    void persistRemovesTheDeadline() {
        Entry before = seed.withMeta("k", "v", "m", now() + 100_000);
        assertEquals(":1\r\n", call("PERSIST", "k"));
        Entry after = seed.entry("k");
        assertEquals(-1L, redis.ttl("k"));
        assertArrayEquals(before.meta(), after.meta());
        assertTrue(after.generation() > before.generation());
    }

    @Test
    void persistOfAKeyWithoutDeadlineAnswersZero() {
        Entry before = seed.string("k", "v");
        assertEquals(":0\r\n", call("PERSIST", "k"));
        assertEquals(before.generation(), seed.entry("k").generation());
    }

    @Test
    void persistOfAMissingKeyAnswersZero() {
        assertEquals(":0\r\n", call("PERSIST", "missing"));
    }

    // ---- expiry happens ----

    @Test
    void aKeyIsGoneTheMomentItsDeadlinePasses() throws InterruptedException {
        seed.string("k", "v");
        long start = System.nanoTime();
        redis.pexpire("k", 50);
        long stillThere = redis.exists("k");
        // Only meaningful when the check itself ran before the deadline.
        if (System.nanoTime() - start < 40_000_000L) assertEquals(1L, stillThere);
        Thread.sleep(60);
        assertEquals(0L, redis.exists("k"));
        assertEquals("none", redis.type("k"));
        assertEquals(-2L, redis.pttl("k"));
        assertNull(seed.entry("k"));
    }

    @Test
    void anExpiredKeyCannotBeRenamedOrCopied() throws InterruptedException {
        seed.expiring("k", "v", 50);
        Thread.sleep(60);
        assertEquals("-ERR no such key\r\n", call("RENAME", "k", "k2"));
        assertEquals(":0\r\n", call("COPY", "k", "k2"));
    }

    @Test
    void expiredKeysAreReclaimedWithoutAnyRead() throws Exception {
        assertEquals(10_000, seed.strings("bulk:", 10_000));
        RedisAsyncCommands<String, String> async = connection.async();
        List<RedisFuture<Boolean>> replies = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) replies.add(async.pexpire("bulk:" + i, 100));
        for (RedisFuture<Boolean> r : replies) assertTrue(r.get(10, TimeUnit.SECONDS));
        // Generous for a loaded test machine; on an idle one this takes well under a second.
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (seed.storedKeys(0) > 0 && System.nanoTime() < deadline) Thread.sleep(50);
        assertEquals(0, seed.storedKeys(0));
    }

    @Test
    void aKeySetWithPx50IsNeverReadAfterItsDeadline() throws InterruptedException {
        assumeTrue(seed.serves("set") && seed.serves("get"), "needs SET and GET from the string commands");
        assertEquals("OK", redis.set("k", "v", SetArgs.Builder.px(50)));
        Thread.sleep(60);
        assertNull(redis.get("k"));
        assertEquals(-2L, redis.pttl("k"));
    }

    @Test
    void tenThousandKeysSetWithPx100DrainFromDbsizeWithoutAnyRead() throws Exception {
        assumeTrue(seed.serves("set") && seed.serves("dbsize"), "needs SET and DBSIZE");
        RedisAsyncCommands<String, String> async = connection.async();
        List<RedisFuture<String>> replies = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) replies.add(async.set("px:" + i, "v", SetArgs.Builder.px(100)));
        for (RedisFuture<String> r : replies) assertEquals("OK", r.get(10, TimeUnit.SECONDS));
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (redis.dbsize() > 0 && System.nanoTime() < deadline) Thread.sleep(50);
        assertEquals(0L, redis.dbsize());
    }

    @Test
    void aDeadlineSurvivesARestart() {
        seed.string("k", "v");
        redis.pexpire("k", 100_000);
        long at = redis.pexpiretime("k");
        connection.close();
        server.restart();
        connection = server.connect(ProtocolVersion.RESP2);
        redis = connection.sync();
        assertEquals(at, redis.pexpiretime("k"));
        assertTrue(redis.ttl("k") > 90);
    }

    @Test
    void resp3ClientsSeeTheSameExpiryReplies() {
        assumeTrue(seed.speaksResp3(), "RESP3 needs HELLO from the connection commands");
        try (StatefulRedisConnection<String, String> c3 = server.connect(ProtocolVersion.RESP3)) {
            RedisCommands<String, String> r3 = c3.sync();
            seed.string("k", "v");
            assertEquals(-1L, r3.ttl("k"));
            assertTrue(r3.expire("k", 100));
            assertEquals(100L, r3.ttl("k"));
            assertNotNull(r3.pexpiretime("k"));
            assertTrue(r3.persist("k"));
            assertEquals(-2L, r3.ttl("missing"));
        }
    }
}
