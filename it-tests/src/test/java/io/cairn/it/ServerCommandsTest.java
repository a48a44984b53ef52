package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lettuce.core.FlushMode;
import io.lettuce.core.api.sync.RedisCommands;

/** DBSIZE FLUSHDB FLUSHALL TIME SAVE BGSAVE LASTSAVE SHUTDOWN SLOWLOG MEMORY SWAPDB, as Redis 7 answers them. */
class ServerCommandsTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A raw connection on database {@code db}. */
    static RawClient on(int db) {
        RawClient c = server.raw();
        assertEquals("+OK\r\n", c.call("SELECT", String.valueOf(db)));
        return c;
    }

    // ---- DBSIZE, FLUSHDB, FLUSHALL ----

    @Test
    void dbsizeCountsTheKeysOfTheSelectedDatabase() {
        try (RawClient c = on(3)) {
            assertEquals(":0\r\n", c.call("DBSIZE"));
            c.call("SET", "a", "1");
            c.call("SET", "b", "2");
            assertEquals(":2\r\n", c.call("DBSIZE"));
            c.call("FLUSHDB");
        }
    }

    @Test
    void dbsizeWithArgumentIsAnArityError() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR wrong number of arguments for 'dbsize' command\r\n", c.call("DBSIZE", "x"));
        }
    }

    @Test
    void flushdbEmptiesOnlyTheSelectedDatabase() {
        try (RawClient four = on(4); RawClient five = on(5)) {
            four.call("SET", "k", "v");
            five.call("SET", "k", "v");
            assertEquals("+OK\r\n", four.call("FLUSHDB"));
            assertEquals(":0\r\n", four.call("DBSIZE"));
            assertEquals(":1\r\n", five.call("DBSIZE"));
            assertEquals("+OK\r\n", five.call("FLUSHDB", "ASYNC"));
            assertEquals(":0\r\n", five.call("DBSIZE"));
        }
    }

    @Test
    void flushWithUnknownModeIsASyntaxErrorAndKeepsData() {
        try (RawClient c = on(6)) {
            c.call("SET", "k", "v");
            assertEquals("-ERR syntax error\r\n", c.call("FLUSHDB", "foo"));
            assertEquals("-ERR syntax error\r\n", c.call("FLUSHDB", "ASYNC", "SYNC"));
            assertEquals("-ERR syntax error\r\n", c.call("FLUSHALL", "foo"));
            assertEquals(":1\r\n", c.call("DBSIZE"));
            c.call("FLUSHDB", "sync");
        }
    }

    @Test
    void flushallEmptiesEveryDatabase() {
        TestServer own = TestServer.start();
        try (RawClient c = own.raw()) {
            for (int db : new int[] {0, 9, 15}) {
                c.call("SELECT", String.valueOf(db));
                c.call("SET", "k", "v");
            }
            assertEquals("+OK\r\n", c.call("FLUSHALL", "SYNC"));
            for (int db : new int[] {0, 9, 15}) {
                c.call("SELECT", String.valueOf(db));
                assertEquals(":0\r\n", c.call("DBSIZE"));
            }
        } finally {
            own.close();
        }
    }

    @Test
    void lettuceDbsizeAndFlushdbInBothProtocols() {
        for (RedisCommands<String, String> cmd : List.of(server.resp2(), server.resp3())) {
            cmd.select(8);
            cmd.set("x", "1");
            assertEquals(1L, cmd.dbsize());
            assertEquals("OK", cmd.flushdb(FlushMode.SYNC));
            assertEquals(0L, cmd.dbsize());
        }
    }

    // ---- TIME ----

    @Test
    void timeAnswersSecondsAndMicrosecondsAsBulkStrings() {
        try (RawClient c = server.raw()) {
            long before = System.currentTimeMillis() / 1000;
            String reply = c.call("TIME");
            assertTrue(reply.matches("\\*2\r\n\\$10\r\n\\d{10}\r\n\\$\\d\r\n\\d{1,6}\r\n"), reply);
            long seconds = Long.parseLong(reply.split("\r\n")[2]);
            assertTrue(Math.abs(seconds - before) <= 1, reply);
        }
    }

    @Test
    void lettuceTimeInBothProtocols() {
        for (RedisCommands<String, String> cmd : List.of(server.resp2(), server.resp3())) {
            List<String> time = cmd.time();
            assertEquals(2, time.size());
            assertTrue(Long.parseLong(time.get(1)) < 1_000_000);
        }
    }

    // ---- SAVE, BGSAVE, LASTSAVE ----

    @Test
    void saveAnswersOkAndMovesLastsave() throws InterruptedException {
        try (RawClient c = server.raw()) {
            long start = System.currentTimeMillis() / 1000;
            assertEquals("+OK\r\n", c.call("SAVE"));
            String last = c.call("LASTSAVE");
            assertTrue(Long.parseLong(last.substring(1, last.length() - 2)) >= start, last);
        }
    }

    @Test
    void saveThenRestartKeepsTheData() {
        TestServer own = TestServer.start();
        try {
            try (RawClient c = own.raw()) {
                c.call("SET", "durable", "yes");
                c.call("SELECT", "2");
                c.call("SET", "other", "db");
                assertEquals("+OK\r\n", c.call("SAVE"));
            }
            own.restart();
            try (RawClient c = own.raw()) {
                assertEquals("$3\r\nyes\r\n", c.call("GET", "durable"));
                c.call("SELECT", "2");
                assertEquals("$2\r\ndb\r\n", c.call("GET", "other"));
            }
        } finally {
            own.close();
        }
    }

    @Test
    void bgsaveStartsASaveThatCompletes() throws InterruptedException {
        try (RawClient c = server.raw()) {
            awaitNoBackgroundSave(c);
            assertEquals("+Background saving started\r\n", c.call("BGSAVE"));
            awaitNoBackgroundSave(c);
            assertEquals("ok", InfoTest.fields(InfoTest.body(c.call("INFO", "persistence"))).get("rdb_last_bgsave_status"));
        }
    }

    @Test
    void bgsaveScheduleStartsASaveWhenNoneIsRunning() throws InterruptedException {
        try (RawClient c = server.raw()) {
            awaitNoBackgroundSave(c);
            assertEquals("+Background saving started\r\n", c.call("BGSAVE", "SCHEDULE"));
            awaitNoBackgroundSave(c);
        }
    }

    private static void awaitNoBackgroundSave(RawClient c) throws InterruptedException {
        String progress = "";
        for (int i = 0; i < 100; i++) {
            progress = InfoTest.fields(InfoTest.body(c.call("INFO", "persistence"))).get("rdb_bgsave_in_progress");
            if (progress.equals("0")) return;
            Thread.sleep(50);
        }
        assertEquals("0", progress);
    }

    @Test
    void bgsaveWithOtherArgumentIsASyntaxError() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR syntax error\r\n", c.call("BGSAVE", "foo"));
            assertEquals("-ERR syntax error\r\n", c.call("BGSAVE", "SCHEDULE", "x"));
        }
    }

    @Test
    void lettuceSaveBgsaveLastsave() {
        for (RedisCommands<String, String> cmd : List.of(server.resp2(), server.resp3())) {
            assertEquals("OK", cmd.save());
            assertTrue(cmd.lastsave().getTime() / 1000 >= System.currentTimeMillis() / 1000 - 2);
        }
    }

    @Test
    void saveAndLastsaveRefuseArguments() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR wrong number of arguments for 'save' command\r\n", c.call("SAVE", "x"));
            assertEquals("-ERR wrong number of arguments for 'lastsave' command\r\n", c.call("LASTSAVE", "x"));
            assertEquals("-ERR wrong number of arguments for 'time' command\r\n", c.call("TIME", "x"));
        }
    }

    // ---- SHUTDOWN ----

    @Test
    void shutdownClosesTheConnectionWithoutReplyAndStopsTheServer() throws InterruptedException {
        TestServer own = TestServer.start();
        try {
            try (RawClient writer = own.raw()) {
                writer.call("SET", "before-shutdown", "kept");
            }
            try (RawClient c = own.raw()) {
                c.send("SHUTDOWN");
                assertTrue(c.isClosedByServer());
            }
            for (int i = 0; i < 100 && !own.cairn().isClosed(); i++) Thread.sleep(50);
            assertTrue(own.cairn().isClosed());
            own.restart();
            try (RawClient c = own.raw()) {
                assertEquals("$4\r\nkept\r\n", c.call("GET", "before-shutdown"));
            }
        } finally {
            own.close();
        }
    }

    @Test
    void shutdownNosaveAlsoStopsTheServer() throws InterruptedException {
        TestServer own = TestServer.start();
        try (RawClient c = own.raw()) {
            c.send("SHUTDOWN", "NOSAVE", "NOW");
            assertTrue(c.isClosedByServer());
            for (int i = 0; i < 100 && !own.cairn().isClosed(); i++) Thread.sleep(50);
            assertTrue(own.cairn().isClosed());
        } finally {
            own.close();
        }
    }

    @Test
    void shutdownWithBadArgumentsIsRefusedAndTheServerStaysUp() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR syntax error\r\n", c.call("SHUTDOWN", "foo"));
            assertEquals("-ERR syntax error\r\n", c.call("SHUTDOWN", "NOSAVE", "SAVE"));
            assertEquals("-ERR syntax error\r\n", c.call("SHUTDOWN", "ABORT", "NOSAVE"));
            assertEquals("-ERR No shutdown in progress.\r\n", c.call("SHUTDOWN", "ABORT"));
            assertEquals("+PONG\r\n", c.call("PING"));
        }
    }

    // ---- SLOWLOG ----

    @Test
    void slowlogRecordsCommandsAboveTheThreshold() {
        TestServer own = TestServer.start("--slowlog-log-slower-than", "0");
        try (RawClient c = own.raw()) {
            c.call("SLOWLOG", "RESET");
            c.call("ECHO", "hello");
            String reply = c.call("SLOWLOG", "GET", "1");
            assertTrue(reply.matches("\\*1\r\n\\*6\r\n:\\d+\r\n:\\d+\r\n:\\d+\r\n\\*2\r\n\\$4\r\nECHO\r\n\\$5\r\nhello\r\n"
                    + "\\$\\d+\r\n127\\.0\\.0\\.1:\\d+\r\n\\$0\r\n\r\n"), reply);
            assertTrue(!c.call("SLOWLOG", "LEN").equals(":0\r\n"));
            assertEquals("+OK\r\n", c.call("SLOWLOG", "RESET"));
            assertEquals(":1\r\n", c.call("SLOWLOG", "LEN")); // the RESET itself was slow enough
        } finally {
            own.close();
        }
    }

    @Test
    void slowlogGetMinusOneAnswersEverything() {
        TestServer own = TestServer.start("--slowlog-log-slower-than", "0");
        try (RawClient c = own.raw()) {
            for (int i = 0; i < 12; i++) c.call("PING");
            assertTrue(c.call("SLOWLOG", "GET").startsWith("*10\r\n"));
            assertTrue(Integer.parseInt(c.call("SLOWLOG", "GET", "-1").split("\r\n")[0].substring(1)) >= 13);
        } finally {
            own.close();
        }
    }

    @Test
    void slowlogIsEmptyBelowTheThreshold() {
        try (RawClient c = server.raw()) {
            c.call("SLOWLOG", "RESET");
            assertEquals(":0\r\n", c.call("SLOWLOG", "LEN"));
            assertEquals("*0\r\n", c.call("SLOWLOG", "GET"));
        }
    }

    @Test
    void slowlogErrorsAreRedis() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR count should be greater than or equal to -1\r\n", c.call("SLOWLOG", "GET", "-2"));
            assertEquals("-ERR count should be greater than or equal to -1\r\n", c.call("SLOWLOG", "GET", "x"));
            assertEquals("-ERR unknown subcommand or wrong number of arguments for 'GET'. Try SLOWLOG HELP.\r\n",
                    c.call("SLOWLOG", "GET", "1", "2"));
            assertEquals("-ERR wrong number of arguments for 'slowlog|len' command\r\n", c.call("SLOWLOG", "LEN", "x"));
            assertEquals("-ERR unknown subcommand 'foo'. Try SLOWLOG HELP.\r\n", c.call("SLOWLOG", "foo"));
        }
    }

    @Test
    void slowlogHelpIsRedisText() {
        try (RawClient c = server.raw()) {
            String reply = c.call("SLOWLOG", "HELP");
            assertTrue(reply.startsWith("*12\r\n+SLOWLOG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n"
                    + "+GET [<count>]\r\n"), reply);
        }
    }

    @Test
    void lettuceSlowlogCommands() {
        RedisCommands<String, String> cmd = server.resp3();
        assertEquals("OK", cmd.slowlogReset());
        assertEquals(0L, cmd.slowlogLen());
        assertEquals(List.of(), cmd.slowlogGet(5));
    }

    // ---- MEMORY ----

    @Test
    void memoryUsageOfAbsentKeyIsNil() {
        try (RawClient c = server.raw()) {
            assertEquals("$-1\r\n", c.call("MEMORY", "USAGE", "memory:absent"));
            c.call("HELLO", "3");
            assertEquals("_\r\n", c.call("MEMORY", "USAGE", "memory:absent"));
        }
    }

    @Test
    void memoryUsageEstimatesLikeRedisForStrings() {
        try (RawClient c = on(10)) {
            // Redis 7.0.15 answers these for the same keys and values.
            c.call("SET", "a", "1");
            assertEquals(":48\r\n", c.call("MEMORY", "USAGE", "a"));
            c.call("SET", "abc", "hello");
            assertEquals(":64\r\n", c.call("MEMORY", "USAGE", "abc"));
            c.call("SET", "k", "x".repeat(100));
            assertEquals(":160\r\n", c.call("MEMORY", "USAGE", "k", "SAMPLES", "0"));
            c.call("SET", "k", "x".repeat(1000));
            assertEquals(":1072\r\n", c.call("MEMORY", "USAGE", "k"));
            c.call("FLUSHDB");
        }
    }

    @Test
    void memoryUsageWithBadOptionsIsRefusedBeforeTheLookup() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR value is not an integer or out of range\r\n", c.call("MEMORY", "USAGE", "k", "SAMPLES", "x"));
            assertEquals("-ERR syntax error\r\n", c.call("MEMORY", "USAGE", "k", "SAMPLES", "-1"));
            assertEquals("-ERR syntax error\r\n", c.call("MEMORY", "USAGE", "k", "SAMPLES"));
            assertEquals("-ERR syntax error\r\n", c.call("MEMORY", "USAGE", "k", "foo"));
            assertEquals("-ERR wrong number of arguments for 'memory|usage' command\r\n", c.call("MEMORY", "USAGE"));
        }
    }

    @Test
    void lettuceMemoryUsage() {
        RedisCommands<String, String> cmd = server.resp2();
        cmd.select(11);
        cmd.set("m", "hello");
        assertEquals(64L, cmd.memoryUsage("m")); // as Redis 7.0.15
        assertNull(cmd.memoryUsage("absent"));
        cmd.flushdb();
    }

    @Test
    void memoryHelpAndStats() {
        try (RawClient c = server.raw()) {
            assertTrue(c.call("MEMORY", "HELP").startsWith("*14\r\n+MEMORY <subcommand>"));
            c.call("HELLO", "3");
            String stats = c.call("MEMORY", "STATS");
            assertTrue(stats.startsWith("%"), stats);
            assertTrue(stats.contains("$10\r\nkeys.count\r\n:"), stats);
        }
    }

    // ---- SWAPDB ----

    @Test
    void swapdbExchangesTwoDatabases() {
        try (RawClient twelve = on(12); RawClient thirteen = on(13)) {
            twelve.call("SET", "only-in-12", "v");
            assertEquals("+OK\r\n", thirteen.call("SWAPDB", "12", "13"));
            assertEquals("$1\r\nv\r\n", thirteen.call("GET", "only-in-12"));
            assertEquals(":0\r\n", twelve.call("DBSIZE"));
            assertEquals("+OK\r\n", twelve.call("SWAPDB", "13", "12"));
            assertEquals("$1\r\nv\r\n", twelve.call("GET", "only-in-12"));
            twelve.call("FLUSHDB");
        }
    }

    @Test
    void swapdbOfADatabaseWithItselfChangesNothing() {
        try (RawClient c = on(14)) {
            c.call("SET", "k", "v");
            assertEquals("+OK\r\n", c.call("SWAPDB", "14", "14"));
            assertEquals("$1\r\nv\r\n", c.call("GET", "k"));
            c.call("FLUSHDB");
        }
    }

    @Test
    void swapdbErrorsNameTheBadIndexAndChangeNothing() {
        try (RawClient c = on(1)) {
            c.call("SET", "k", "v");
            assertEquals("-ERR invalid first DB index\r\n", c.call("SWAPDB", "x", "1"));
            assertEquals("-ERR invalid second DB index\r\n", c.call("SWAPDB", "1", "x"));
            assertEquals("-ERR DB index is out of range\r\n", c.call("SWAPDB", "1", "16"));
            assertEquals("-ERR DB index is out of range\r\n", c.call("SWAPDB", "-1", "0"));
            assertEquals("-ERR invalid second DB index\r\n", c.call("SWAPDB", "1", "99999999999999"));
            assertEquals("-ERR wrong number of arguments for 'swapdb' command\r\n", c.call("SWAPDB", "1"));
            assertEquals("$1\r\nv\r\n", c.call("GET", "k"));
            c.call("FLUSHDB");
        }
    }

    @Test
    void lettuceSwapdb() {
        RedisCommands<String, String> cmd = server.resp3();
        assertEquals("OK", cmd.swapdb(15, 15));
        assertEquals("OK", cmd.swapdb(15, 14));
        assertEquals("OK", cmd.swapdb(15, 14));
    }
}
