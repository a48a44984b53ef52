package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;

/** MULTI EXEC DISCARD WATCH UNWATCH, as Redis 7 runs them. */
class TransactionsTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A key no other test uses, so tests sharing the server do not see each other's writes. */
    static String key(String name) {
        return "txn:" + name + ":" + System.nanoTime();
    }

    // ---- MULTI, EXEC, DISCARD ----

    @Test
    void execRunsTheQueuedCommandsInOrderAndRepliesWithAllTheirReplies() {
        String k = key("order");
        try (RawClient c = server.raw()) {
            assertEquals("+OK\r\n", c.call("MULTI"));
            assertEquals("+QUEUED\r\n", c.call("SET", k, "1"));
            assertEquals("+QUEUED\r\n", c.call("INCR", k));
            assertEquals("+QUEUED\r\n", c.call("GET", k));
            assertEquals("*3\r\n+OK\r\n:2\r\n$1\r\n2\r\n", c.call("EXEC"));
        }
    }

    @Test
    void queuedCommandsDoNotRunBeforeExec() {
        String k = key("deferred");
        try (RawClient c = server.raw(); RawClient other = server.raw()) {
            c.call("MULTI");
            c.call("SET", k, "v");
            assertEquals("$-1\r\n", other.call("GET", k));
            c.call("EXEC");
            assertEquals("$1\r\nv\r\n", other.call("GET", k));
        }
    }

    @Test
    void execOfAnEmptyTransactionIsAnEmptyArray() {
        try (RawClient c = server.raw()) {
            c.call("MULTI");
            assertEquals("*0\r\n", c.call("EXEC"));
        }
    }

    @Test
    void nestedMultiIsAnErrorThatKeepsTheTransaction() {
        try (RawClient c = server.raw()) {
            c.call("MULTI");
            c.call("PING");
            assertEquals("-ERR MULTI calls can not be nested\r\n", c.call("MULTI"));
            assertEquals("*1\r\n+PONG\r\n", c.call("EXEC"));
        }
    }

    @Test
    void execWithoutMultiIsAnError() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR EXEC without MULTI\r\n", c.call("EXEC"));
        }
    }

    @Test
    void discardWithoutMultiIsAnError() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR DISCARD without MULTI\r\n", c.call("DISCARD"));
        }
    }

    @Test
    void discardDropsTheQueuedCommandsAndEndsTheTransaction() {
        String k = key("discard");
        try (RawClient c = server.raw()) {
            c.call("MULTI");
            c.call("SET", k, "v");
            assertEquals("+OK\r\n", c.call("DISCARD"));
            assertEquals("$-1\r\n", c.call("GET", k));
            assertEquals("-ERR EXEC without MULTI\r\n", c.call("EXEC"));
        }
    }

    @Test
    void anUnknownCommandWhileQueueingMakesExecAbortWithoutRunningAnything() {
        String k = key("abort-unknown");
        try (RawClient c = server.raw()) {
            c.call("MULTI");
            c.call("SET", k, "v");
            assertEquals("-ERR unknown command 'NOSUCH', with args beginning with: 'x' \r\n", c.call("NOSUCH", "x"));
            assertEquals("-EXECABORT Transaction discarded because of previous errors.\r\n", c.call("EXEC"));
            assertEquals("$-1\r\n", c.call("GET", k));
            assertEquals("-ERR EXEC without MULTI\r\n", c.call("EXEC"));
        }
    }

    @Test
    void aWrongArityWhileQueueingMakesExecAbortWithoutRunningAnything() {
        String k = key("abort-arity");
        try (RawClient c = server.raw()) {
            c.call("MULTI");
            c.call("SET", k, "v");
            assertEquals("-ERR wrong number of arguments for 'get' command\r\n", c.call("GET", k, "extra"));
            c.call("SET", k, "w");
            assertEquals("-EXECABORT Transaction discarded because of previous errors.\r\n", c.call("EXEC"));
            assertEquals("$-1\r\n", c.call("GET", k));
        }
    }

    @Test
    void anErrorWhileRunningIsThatCommandsReplyAndTheOthersStillRun() {
        String k = key("runtime-error");
        try (RawClient c = server.raw()) {
            c.call("MULTI");
            c.call("SET", k, "text");
            c.call("INCR", k);
            c.call("SET", k, "after");
            assertEquals("*3\r\n+OK\r\n-ERR value is not an integer or out of range\r\n+OK\r\n", c.call("EXEC"));
            assertEquals("$5\r\nafter\r\n", c.call("GET", k));
        }
    }

    @Test
    void nullRepliesInsideExecFollowTheProtocol() {
        String k = key("nulls");
        try (RawClient c = server.raw()) {
            c.call("MULTI");
            c.call("GET", k);
            assertEquals("*1\r\n$-1\r\n", c.call("EXEC"));
            c.call("HELLO", "3");
            c.call("MULTI");
            c.call("GET", k);
            assertEquals("*1\r\n_\r\n", c.call("EXEC"));
        }
    }

    @Test
    void selectInsideMultiAppliesToTheCommandsQueuedAfterIt() {
        String k = key("select");
        try (RawClient c = server.raw(); RawClient other = server.raw()) {
            c.call("MULTI");
            c.call("SELECT", "4");
            c.call("SET", k, "in-4");
            assertEquals("*2\r\n+OK\r\n+OK\r\n", c.call("EXEC"));
            assertEquals("$-1\r\n", other.call("GET", k));
            other.call("SELECT", "4");
            assertEquals("$4\r\nin-4\r\n", other.call("GET", k));
        }
    }

    // ---- WATCH, UNWATCH ----

    @Test
    void watchInsideMultiIsAnErrorThatKeepsTheTransaction() {
        try (RawClient c = server.raw()) {
            c.call("MULTI");
            assertEquals("-ERR WATCH inside MULTI is not allowed\r\n", c.call("WATCH", key("w")));
            c.call("PING");
            assertEquals("*1\r\n+PONG\r\n", c.call("EXEC"));
        }
    }

    @Test
    void watchAndUnwatchArityErrors() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR wrong number of arguments for 'watch' command\r\n", c.call("WATCH"));
            assertEquals("-ERR wrong number of arguments for 'unwatch' command\r\n", c.call("UNWATCH", "k"));
        }
    }

    @Test
    void execRunsWhenNoWatchedKeyChanged() {
        String k = key("unchanged");
        try (RawClient c = server.raw()) {
            c.call("SET", k, "1");
            assertEquals("+OK\r\n", c.call("WATCH", k, key("absent")));
            c.call("MULTI");
            c.call("INCR", k);
            assertEquals("*1\r\n:2\r\n", c.call("EXEC"));
        }
    }

    @Test
    void anotherClientsWriteToAWatchedKeyAbortsExecWithANullArray() {
        String k = key("other-write");
        try (RawClient c = server.raw(); RawClient other = server.raw()) {
            c.call("SET", k, "1");
            c.call("WATCH", k);
            other.call("SET", k, "1");
            c.call("MULTI");
            c.call("SET", k, "mine");
            assertEquals("*-1\r\n", c.call("EXEC"));
            assertEquals("$1\r\n1\r\n", c.call("GET", k));
        }
    }

    @Test
    void anAbortedExecIsTheResp3NullInResp3() {
        String k = key("resp3-abort");
        try (RawClient c = server.raw(); RawClient other = server.raw()) {
            c.call("HELLO", "3");
            c.call("WATCH", k);
            other.call("SET", k, "x");
            c.call("MULTI");
            c.call("GET", k);
            assertEquals("_\r\n", c.call("EXEC"));
        }
    }

    @Test
    void theWatchersOwnWriteBeforeMultiAlsoAbortsExec() {
        String k = key("own-write");
        try (RawClient c = server.raw()) {
            c.call("WATCH", k);
            c.call("SET", k, "1");
            c.call("MULTI");
            c.call("GET", k);
            assertEquals("*-1\r\n", c.call("EXEC"));
        }
    }

    @Test
    void creatingAWatchedAbsentKeyAbortsExec() {
        String k = key("created");
        try (RawClient c = server.raw(); RawClient other = server.raw()) {
            c.call("WATCH", k);
            other.call("SET", k, "new");
            c.call("MULTI");
            c.call("PING");
            assertEquals("*-1\r\n", c.call("EXEC"));
        }
    }

    @Test
    void aWatchedKeyExpiringBeforeExecAbortsIt() throws InterruptedException {
        String k = key("expiring");
        try (RawClient c = server.raw()) {
            c.call("SET", k, "v", "PX", "100");
            c.call("WATCH", k);
            Thread.sleep(250);
            c.call("MULTI");
            c.call("SET", k, "late");
            assertEquals("*-1\r\n", c.call("EXEC"));
            assertEquals("$-1\r\n", c.call("GET", k));
        }
    }

    @Test
    void aWriteToTheSameKeyNameInAnotherDatabaseDoesNotAbort() {
        String k = key("other-db");
        try (RawClient c = server.raw(); RawClient other = server.raw()) {
            c.call("WATCH", k);
            other.call("SELECT", "7");
            other.call("SET", k, "elsewhere");
            c.call("MULTI");
            c.call("PING");
            assertEquals("*1\r\n+PONG\r\n", c.call("EXEC"));
        }
    }

    @Test
    void watchKeepsWatchingAfterSelect() {
        String k = key("select-after-watch");
        try (RawClient c = server.raw(); RawClient other = server.raw()) {
            c.call("WATCH", k);
            c.call("SELECT", "2");
            other.call("SET", k, "x");
            c.call("MULTI");
            c.call("PING");
            assertEquals("*-1\r\n", c.call("EXEC"));
        }
    }

    @Test
    void unwatchForgetsEveryWatchedKey() {
        String k = key("unwatch");
        try (RawClient c = server.raw(); RawClient other = server.raw()) {
            c.call("WATCH", k);
            assertEquals("+OK\r\n", c.call("UNWATCH"));
            other.call("SET", k, "x");
            c.call("MULTI");
            c.call("PING");
            assertEquals("*1\r\n+PONG\r\n", c.call("EXEC"));
        }
    }

    @Test
    void execForgetsTheWatchesEvenWhenItAborts() {
        String k = key("exec-unwatches");
        try (RawClient c = server.raw(); RawClient other = server.raw()) {
            c.call("WATCH", k);
            other.call("SET", k, "1");
            c.call("MULTI");
            assertEquals("*-1\r\n", execAfterQueueing(c));
            other.call("SET", k, "2");
            c.call("MULTI");
            assertEquals("*1\r\n+PONG\r\n", execAfterQueueing(c));
        }
    }

    private static String execAfterQueueing(RawClient c) {
        c.call("PING");
        return c.call("EXEC");
    }

    @Test
    void discardForgetsTheWatches() {
        String k = key("discard-unwatches");
        try (RawClient c = server.raw(); RawClient other = server.raw()) {
            c.call("WATCH", k);
            c.call("MULTI");
            c.call("DISCARD");
            other.call("SET", k, "1");
            c.call("MULTI");
            assertEquals("*1\r\n+PONG\r\n", execAfterQueueing(c));
        }
    }

    @Test
    void resetForgetsTheWatches() {
        String k = key("reset-unwatches");
        try (RawClient c = server.raw(); RawClient other = server.raw()) {
            c.call("WATCH", k);
            c.call("RESET");
            other.call("SET", k, "1");
            c.call("MULTI");
            assertEquals("*1\r\n+PONG\r\n", execAfterQueueing(c));
        }
    }

    @Test
    void flushdbByAnotherClientAbortsAWatcherOfAnExistingKey() {
        String k = key("flushdb");
        try (RawClient c = server.raw(); RawClient other = server.raw()) {
            c.call("SELECT", "9");
            other.call("SELECT", "9");
            c.call("SET", k, "v");
            c.call("WATCH", k);
            assertEquals("+OK\r\n", other.call("FLUSHDB"));
            c.call("MULTI");
            assertEquals("*-1\r\n", execAfterQueueing(c));
        }
    }

    @Test
    void flushallByAnotherClientDoesNotAbortAWatcherOfAnAbsentKey() {
        String k = key("flushall-absent");
        try (RawClient c = server.raw(); RawClient other = server.raw()) {
            c.call("WATCH", k);
            assertEquals("+OK\r\n", other.call("FLUSHALL"));
            c.call("MULTI");
            assertEquals("*1\r\n+PONG\r\n", execAfterQueueing(c));
        }
    }

    @Test
    void swapdbBringingAnotherValueUnderAWatchedKeyAbortsExec() {
        String k = key("swapdb");
        try (RawClient c = server.raw(); RawClient other = server.raw()) {
            c.call("SELECT", "10");
            c.call("WATCH", k);
            other.call("SELECT", "11");
            other.call("SET", k, "from-11");
            assertEquals("+OK\r\n", other.call("SWAPDB", "10", "11"));
            c.call("MULTI");
            c.call("GET", k);
            assertEquals("*-1\r\n", c.call("EXEC"));
        }
    }

    // ---- isolation ----

    @Test
    void noOtherClientsCommandRunsBetweenTheCommandsOfAnExec() throws Exception {
        String k = key("isolation");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong hammered = new AtomicLong();
        Thread hammer = new Thread(() -> {
            try (RawClient h = server.raw()) {
                while (!stop.get()) {
                    h.call("INCR", k);
                    hammered.incrementAndGet();
                }
            }
        });
        hammer.start();
        try (RawClient c = server.raw()) {
            for (int round = 0; round < 200; round++) {
                c.call("MULTI");
                for (int i = 0; i < 5; i++) c.call("INCR", k);
                String reply = c.call("EXEC");
                String[] lines = reply.split("\r\n");
                assertEquals("*5", lines[0]);
                long first = Long.parseLong(lines[1].substring(1));
                for (int i = 1; i < 5; i++) {
                    assertEquals(":" + (first + i), lines[1 + i], "round " + round + ": " + reply);
                }
            }
        } finally {
            stop.set(true);
            hammer.join(10_000);
        }
        assertTrue(hammered.get() > 0, "the hammer ran");
    }

    // ---- Lettuce ----

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void lettuceSyncTransaction(ProtocolVersion version) {
        String k = key("lettuce-sync");
        try (StatefulRedisConnection<String, String> conn = server.connect(version)) {
            RedisCommands<String, String> r = conn.sync();
            assertEquals("OK", r.multi());
            assertNull(r.set(k, "10"));
            assertNull(r.incr(k));
            assertNull(r.get(k));
            TransactionResult result = r.exec();
            assertFalse(result.wasDiscarded());
            assertEquals(List.of("OK", 11L, "11"), result.stream().toList());
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void lettuceSyncWatchAbortIsADiscardedResult(ProtocolVersion version) {
        String k = key("lettuce-watch");
        try (StatefulRedisConnection<String, String> conn = server.connect(version);
             StatefulRedisConnection<String, String> other = server.connect(version)) {
            RedisCommands<String, String> r = conn.sync();
            assertEquals("OK", r.watch(k));
            other.sync().set(k, "changed");
            r.multi();
            r.set(k, "mine");
            TransactionResult result = r.exec();
            assertTrue(result.wasDiscarded());
            assertEquals("changed", r.get(k));
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void lettuceAsyncTransactionCompletesEachCommandsFutureOnExec(ProtocolVersion version) throws Exception {
        String k = key("lettuce-async");
        try (StatefulRedisConnection<String, String> conn = server.connect(version)) {
            RedisAsyncCommands<String, String> r = conn.async();
            assertEquals("OK", r.multi().get(5, TimeUnit.SECONDS));
            RedisFuture<Long> one = r.incr(k);
            RedisFuture<Long> two = r.incrby(k, 5);
            RedisFuture<String> discardedNot = r.get(k);
            TransactionResult result = r.exec().get(5, TimeUnit.SECONDS);
            assertFalse(result.wasDiscarded());
            assertEquals(1L, one.get(5, TimeUnit.SECONDS));
            assertEquals(6L, two.get(5, TimeUnit.SECONDS));
            assertEquals("6", discardedNot.get(5, TimeUnit.SECONDS));
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void lettuceDiscard(ProtocolVersion version) {
        String k = key("lettuce-discard");
        try (StatefulRedisConnection<String, String> conn = server.connect(version)) {
            RedisCommands<String, String> r = conn.sync();
            r.multi();
            r.set(k, "v");
            assertEquals("OK", r.discard());
            assertNull(r.get(k));
        }
    }
}
