package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.protocol.ProtocolVersion;

/**
 * The string commands as a whole: many clients at once, pipelining, both protocols side by
 * side, and values surviving a restart.
 */
class StringCommandsTest extends StringTestSupport {

    @Test
    void incrFrom50ConnectionsAtOnceIsExact() throws Exception {
        int clients = 50;
        int perClient = 200;
        RedisClient client = client(ProtocolVersion.RESP2);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();
            for (int i = 0; i < clients; i++) connections.add(client.connect());
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (StatefulRedisConnection<String, String> c : connections) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int n = 0; n < perClient; n++) c.sync().incr("all:counter");
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
            assertEquals("10000", resp2().get("all:counter"));
        } finally {
            pool.shutdownNow();
            client.shutdown();
        }
    }

    @Test
    void incrbyfloatFromManyConnectionsAtOnceIsExact() throws Exception {
        RedisClient client = client(ProtocolVersion.RESP2);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                StatefulRedisConnection<String, String> c = client.connect();
                done.add(pool.submit(() -> {
                    for (int n = 0; n < 100; n++) c.sync().incrbyfloat("all:float", 0.5);
                    return null;
                }));
            }
            for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
            assertEquals("500", resp2().get("all:float"));
        } finally {
            pool.shutdownNow();
            client.shutdown();
        }
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrder() {
        try (RawClient c = server.raw()) {
            StringBuilder batch = new StringBuilder();
            for (String[] cmd : new String[][] {{"SET", "all:pipe", "1"}, {"INCR", "all:pipe"}, {"APPEND", "all:pipe", "x"},
                    {"INCR", "all:pipe"}, {"GETDEL", "all:pipe"}, {"GET", "all:pipe"}}) {
                batch.append('*').append(cmd.length).append("\r\n");
                for (String a : cmd) batch.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
            }
            c.sendRaw(batch.toString());
            assertEquals(OK, c.readReply());
            assertEquals(integer(2), c.readReply());
            assertEquals(integer(2), c.readReply());
            assertEquals(NOT_INTEGER, c.readReply());
            assertEquals(bulk("2x"), c.readReply());
            assertEquals(NIL2, c.readReply());
        }
    }

    @Test
    void lettuceAsyncCommandsInResp3SeeEachOthersWrites() throws Exception {
        RedisAsyncCommands<String, String> async = async3();
        RedisFuture<String> set = async.set("all:async", "10", SetArgs.Builder.nx());
        RedisFuture<Long> incr = async.incrby("all:async", 5);
        RedisFuture<Long> append = async.append("all:async", "0");
        RedisFuture<String> get = async.get("all:async");
        assertEquals("OK", set.get(5, TimeUnit.SECONDS));
        assertEquals(15L, incr.get(5, TimeUnit.SECONDS));
        assertEquals(3L, append.get(5, TimeUnit.SECONDS));
        assertEquals("150", get.get(5, TimeUnit.SECONDS));
    }

    @Test
    void eachDatabaseHasItsOwnStrings() {
        try (RawClient db1 = server.raw()) {
            assertEquals(OK, db1.call("SELECT", "1"));
            assertEquals(OK, db1.call("MSET", "all:db-a", "1", "all:db-b", "2"));
            assertEquals(integer(2), db1.call("INCR", "all:db-a"));
            assertEquals(bulk("1.5"), db1.call("INCRBYFLOAT", "all:db-c", "1.5"));
            assertEquals("*3\r\n" + bulk("2") + bulk("2") + bulk("1.5"), db1.call("MGET", "all:db-a", "all:db-b", "all:db-c"));
        }
        assertEquals("*3\r\n" + NIL2 + NIL2 + NIL2, call2("MGET", "all:db-a", "all:db-b", "all:db-c"));
    }

    @Test
    void stringCommandsQueuedInMultiRunInOrderOnExec() {
        try (RawClient c = server.raw()) {
            assertEquals(OK, c.call("MULTI"));
            for (String[] cmd : new String[][] {{"SET", "all:multi", "1"}, {"INCR", "all:multi"},
                    {"INCRBYFLOAT", "all:multi", "0.5"}, {"APPEND", "all:multi", "x"}, {"INCR", "all:multi"}}) {
                assertEquals("+QUEUED\r\n", c.call(cmd));
            }
            assertEquals("*5\r\n" + OK + integer(2) + bulk("2.5") + integer(4) + NOT_INTEGER, c.call("EXEC"));
        }
        assertEquals("2.5x", resp2().get("all:multi"));
    }

    @Test
    void writesInOneProtocolAreReadInTheOther() {
        resp2().mset(Map.of("all:p1", "a", "all:p2", "b"));
        assertEquals("a", resp3().get("all:p1"));
        resp3().append("all:p2", "c");
        assertEquals("bc", resp2().get("all:p2"));
    }

    @Test
    void valuesSurviveARestart() {
        resp2().set("restart:plain", "value");
        resp2().incrby("restart:counter", 41);
        resp2().incr("restart:counter");
        resp2().incrbyfloat("restart:float", 0.1);
        resp2().incrbyfloat("restart:float", 0.2);
        resp2().append("restart:appended", "ab");
        resp2().append("restart:appended", "cd");
        resp2().setrange("restart:ranged", 3, "x");
        resp2().mset(Map.of("restart:m1", "1", "restart:m2", "2"));
        resp2().set("restart:ttl", "t", SetArgs.Builder.ex(1000));
        long deadline = expireAt("restart:ttl");
        resp2().set("restart:deleted", "gone");
        resp2().getdel("restart:deleted");

        restart();

        assertEquals("value", resp2().get("restart:plain"));
        assertEquals("42", resp2().get("restart:counter"));
        assertEquals("0.3", resp2().get("restart:float"));
        assertEquals("abcd", resp2().get("restart:appended"));
        assertEquals("$4\r\n\0\0\0x\r\n", call2("GET", "restart:ranged"));
        assertEquals("1", resp3().get("restart:m1"));
        assertEquals("2", resp3().get("restart:m2"));
        assertEquals("t", resp2().get("restart:ttl"));
        assertEquals(deadline, expireAt("restart:ttl"));
        assertNull(resp2().get("restart:deleted"));
        assertEquals(43L, resp2().incr("restart:counter"));
    }

    @Test
    void aValueThatExpiredWhileTheServerWasDownIsGone() throws Exception {
        resp2().set("restart:short", "v", SetArgs.Builder.px(300));
        restart();
        Thread.sleep(400);
        assertNull(resp2().get("restart:short"));
        assertEquals(NIL2, call2("GET", "restart:short"));
    }

    @Test
    void metadataSurvivesInPlaceEditsAndARestart() {
        putWithMeta("restart:meta", "1", io.cairn.storage.Entry.NO_EXPIRY, "tag");
        resp2().incr("restart:meta");
        resp2().append("restart:meta", "0");
        restart();
        assertEquals("20", resp2().get("restart:meta"));
        assertEquals("tag", meta("restart:meta"));
    }
}
