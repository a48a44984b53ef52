package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cairn.server.CairnServer;
import io.cairn.server.Config;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.sync.RedisCommands;

/** CONFIG GET, SET, RESETSTAT, REWRITE and HELP; error texts are Redis 7.0.15's. */
class ConfigTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String failed(String arg, String reason) {
        return "-ERR CONFIG SET failed (possibly related to argument '" + arg + "') - " + reason + "\r\n";
    }

    // ---- GET ----

    @Test
    void getAnswersNameValuePairsInResp2AndAMapInResp3() {
        try (RawClient c = server.raw()) {
            assertEquals("*2\r\n$9\r\ndatabases\r\n$2\r\n16\r\n", c.call("CONFIG", "GET", "databases"));
            c.call("HELLO", "3");
            assertEquals("%1\r\n$9\r\ndatabases\r\n$2\r\n16\r\n", c.call("CONFIG", "GET", "databases"));
        }
    }

    @Test
    void getMatchesGlobPatterns() {
        Map<String, String> found = server.resp2().configGet("slowlog-*");
        assertEquals(Map.of("slowlog-log-slower-than", "10000", "slowlog-max-len", "128"), found);
    }

    @Test
    void getTakesSeveralPatternsAndListsEachParameterOnce() {
        Map<String, String> found = server.resp3().configGet("databases", "data*", "io-threads");
        assertEquals(Map.of("databases", "16", "io-threads", "1"), found);
    }

    @Test
    void getOfUnknownNameIsEmpty() {
        try (RawClient c = server.raw()) {
            assertEquals("*0\r\n", c.call("CONFIG", "GET", "nosuch"));
        }
    }

    @Test
    void getAnswersAPlainNameAsAsked() {
        try (RawClient c = server.raw()) {
            assertEquals("*2\r\n$9\r\nDATABASES\r\n$2\r\n16\r\n", c.call("CONFIG", "GET", "DATABASES"));
        }
    }

    @Test
    void getShowsMemoryValuesInBytes() {
        try (RawClient c = server.raw()) {
            assertEquals("*2\r\n$18\r\nproto-max-bulk-len\r\n$8\r\n67108864\r\n", c.call("CONFIG", "GET", "proto-max-bulk-len"));
        }
    }

    @Test
    void getWithoutPatternIsAnArityError() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR wrong number of arguments for 'config|get' command\r\n", c.call("CONFIG", "GET"));
        }
    }

    // ---- SET ----

    @Test
    void setThenGetRoundTripsInBothProtocols() {
        for (RedisCommands<String, String> cmd : List.of(server.resp2(), server.resp3())) {
            assertEquals("OK", cmd.configSet("tcp-keepalive", "120"));
            assertEquals(Map.of("tcp-keepalive", "120"), cmd.configGet("tcp-keepalive"));
            assertEquals("OK", cmd.configSet("tcp-keepalive", "300"));
        }
    }

    @Test
    void setTakesSeveralParametersAtOnce() {
        try (RawClient c = server.raw()) {
            assertEquals("+OK\r\n", c.call("CONFIG", "SET", "timeout", "7", "tcp-keepalive", "60"));
            assertEquals("*4\r\n$7\r\ntimeout\r\n$1\r\n7\r\n$13\r\ntcp-keepalive\r\n$2\r\n60\r\n",
                    c.call("CONFIG", "GET", "timeout", "tcp-keepalive"));
            c.call("CONFIG", "SET", "timeout", "0", "tcp-keepalive", "300");
        }
    }

    @Test
    void setStoresMemoryInBytesAndEnumsInLowerCase() {
        try (RawClient c = server.raw()) {
            assertEquals("+OK\r\n", c.call("CONFIG", "SET", "maxmemory", "10MB", "appendfsync", "ALWAYS"));
            assertEquals("*2\r\n$9\r\nmaxmemory\r\n$8\r\n10485760\r\n", c.call("CONFIG", "GET", "maxmemory"));
            assertEquals("*2\r\n$11\r\nappendfsync\r\n$6\r\nalways\r\n", c.call("CONFIG", "GET", "appendfsync"));
            c.call("CONFIG", "SET", "maxmemory", "0", "appendfsync", "everysec");
        }
    }

    @Test
    void setOfUnknownParameterNamesIt() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR Unknown option or number of arguments for CONFIG SET - 'foo'\r\n",
                    c.call("CONFIG", "SET", "foo", "bar"));
        }
    }

    @Test
    void setWithAValueMissingIsASyntaxError() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR syntax error\r\n", c.call("CONFIG", "SET", "timeout", "1", "maxclients"));
            assertEquals("-ERR wrong number of arguments for 'config|set' command\r\n", c.call("CONFIG", "SET", "timeout"));
        }
    }

    @Test
    void setRefusesNonIntegers() {
        try (RawClient c = server.raw()) {
            assertEquals(failed("maxclients", "argument couldn't be parsed into an integer"),
                    c.call("CONFIG", "SET", "MAXCLIENTS", "abc"));
            assertEquals(failed("timeout", "argument couldn't be parsed into an integer"),
                    c.call("CONFIG", "SET", "timeout", "1.5"));
        }
    }

    @Test
    void setRefusesIntegersOutOfRange() {
        try (RawClient c = server.raw()) {
            assertEquals(failed("timeout", "argument must be between 0 and 2147483647 inclusive"),
                    c.call("CONFIG", "SET", "timeout", "-1"));
            assertEquals(failed("maxclients", "argument must be between 1 and 4294967295 inclusive"),
                    c.call("CONFIG", "SET", "maxclients", "0"));
            assertEquals(failed("slowlog-log-slower-than", "argument must be between -1 and 9223372036854775807 inclusive"),
                    c.call("CONFIG", "SET", "slowlog-log-slower-than", "-2"));
        }
    }

    @Test
    void setRefusesBadMemoryValues() {
        try (RawClient c = server.raw()) {
            assertEquals(failed("maxmemory", "argument must be a memory value"), c.call("CONFIG", "SET", "maxmemory", "1xx"));
            assertEquals(failed("maxmemory", "argument must be a memory value"), c.call("CONFIG", "SET", "maxmemory", "-1"));
            assertEquals(failed("proto-max-bulk-len", "argument must be between 1048576 and 9223372036854775807 inclusive"),
                    c.call("CONFIG", "SET", "proto-max-bulk-len", "1"));
        }
    }

    @Test
    void setRefusesBadBooleansAndEnums() {
        try (RawClient c = server.raw()) {
            assertEquals(failed("appendonly", "argument must be 'yes' or 'no'"), c.call("CONFIG", "SET", "appendonly", "maybe"));
            assertEquals(failed("appendfsync", "argument(s) must be one of the following: everysec, always, no"),
                    c.call("CONFIG", "SET", "appendfsync", "bad"));
            assertEquals(failed("maxmemory-policy", "argument(s) must be one of the following: volatile-lru, volatile-lfu, "
                    + "volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction"),
                    c.call("CONFIG", "SET", "maxmemory-policy", "foo"));
            assertEquals(failed("save", "Invalid save parameters"), c.call("CONFIG", "SET", "save", "foo"));
        }
    }

    @Test
    void setRefusesImmutableParametersUnderTheNameTyped() {
        try (RawClient c = server.raw()) {
            assertEquals(failed("DAEMONIZE", "can't set immutable config"), c.call("CONFIG", "SET", "DAEMONIZE", "yes"));
            assertEquals(failed("databases", "can't set immutable config"), c.call("CONFIG", "SET", "databases", "3"));
        }
    }

    @Test
    void setRefusesTheSameParameterTwice() {
        try (RawClient c = server.raw()) {
            assertEquals(failed("maxclients", "duplicate parameter"),
                    c.call("CONFIG", "SET", "maxclients", "10", "maxclients", "20"));
            assertEquals("*2\r\n$10\r\nmaxclients\r\n$5\r\n10000\r\n", c.call("CONFIG", "GET", "maxclients"));
        }
    }

    @Test
    void setIsAllOrNothing() {
        try (RawClient c = server.raw()) {
            assertEquals(failed("maxclients", "argument couldn't be parsed into an integer"),
                    c.call("CONFIG", "SET", "timeout", "5", "maxclients", "abc"));
            assertEquals("*2\r\n$7\r\ntimeout\r\n$1\r\n0\r\n", c.call("CONFIG", "GET", "timeout"));
            assertEquals("-ERR Unknown option or number of arguments for CONFIG SET - 'foo'\r\n",
                    c.call("CONFIG", "SET", "timeout", "5", "foo", "bar"));
            assertEquals("*2\r\n$7\r\ntimeout\r\n$1\r\n0\r\n", c.call("CONFIG", "GET", "timeout"));
        }
    }

    @Test
    void setErrorReachesLettuceAsAnException() {
        RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class,
                () -> server.resp3().configSet("hz", "abc"));
        assertEquals("ERR CONFIG SET failed (possibly related to argument 'hz') - argument couldn't be parsed into an integer",
                e.getMessage());
    }

    @Test
    void setOfSlowlogThresholdTakesEffect() {
        try (RawClient c = server.raw()) {
            c.call("SLOWLOG", "RESET");
            c.call("CONFIG", "SET", "slowlog-log-slower-than", "0");
            c.call("ECHO", "slow");
            c.call("CONFIG", "SET", "slowlog-log-slower-than", "10000");
            assertTrue(c.call("SLOWLOG", "GET").contains("$4\r\nECHO\r\n$4\r\nslow\r\n"));
        }
    }

    // ---- RESETSTAT ----

    @Test
    void resetstatClearsCountersButKeepsTheSlowLog() {
        try (RawClient c = server.raw()) {
            c.call("CONFIG", "SET", "slowlog-log-slower-than", "0");
            c.call("GET", "resetstat:absent");
            c.call("NOSUCHCOMMAND");
            c.call("CONFIG", "SET", "slowlog-log-slower-than", "10000");
            assertEquals("+OK\r\n", c.call("CONFIG", "RESETSTAT"));
            assertEquals("# Errorstats\r\n", InfoTest.body(c.call("INFO", "errorstats")));
            Map<String, String> stats = InfoTest.fields(InfoTest.body(c.call("INFO", "stats")));
            assertEquals("0", stats.get("keyspace_misses"));
            assertEquals("0", stats.get("total_error_replies"));
            String commandstats = InfoTest.body(c.call("INFO", "commandstats"));
            assertTrue(!commandstats.contains("cmdstat_get:"), commandstats);
            assertTrue(!c.call("SLOWLOG", "LEN").equals(":0\r\n"));
        }
    }

    // ---- REWRITE ----

    @Test
    void rewriteWithoutConfigFileIsRefused() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR The server is running without a config file\r\n", c.call("CONFIG", "REWRITE"));
        }
    }

    @Test
    void rewriteWritesCurrentValuesBackKeepingComments(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("cairn.conf");
        Files.writeString(file, "# my settings\nport 0\ntimeout 10\n\n# the end\n");
        Config config = new Config();
        config.loadArgs(new String[] {file.toString(), "--dir", tmp.resolve("data").toString()});
        try (CairnServer cairn = CairnServer.start(config); RawClient c = new RawClient("127.0.0.1", cairn.port())) {
            assertTrue(InfoTest.body(c.call("INFO", "server")).contains("config_file:" + file.toAbsolutePath() + "\r\n"));
            assertEquals("+OK\r\n", c.call("CONFIG", "SET", "timeout", "42", "maxmemory", "1mb", "requirepass", ""));
            assertEquals("+OK\r\n", c.call("CONFIG", "REWRITE"));
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals("# my settings", lines.get(0));
        assertEquals("port 0", lines.get(1));
        assertEquals("timeout 42", lines.get(2));
        assertEquals("# the end", lines.get(4));
        assertTrue(lines.contains("# Generated by CONFIG REWRITE"), lines.toString());
        assertTrue(lines.contains("maxmemory 1mb"), lines.toString());
        // Values the file did not set and that are still at their default are not written.
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("requirepass") || l.startsWith("hz")), lines.toString());

        Config reloaded = new Config();
        reloaded.loadArgs(new String[] {file.toString()});
        assertEquals("42", reloaded.get("timeout"));
        assertEquals(1048576, reloaded.getMemory("maxmemory"));
    }

    // ---- HELP ----

    @Test
    void helpListsSubcommands() {
        try (RawClient c = server.raw()) {
            String reply = c.call("CONFIG", "HELP");
            assertTrue(reply.startsWith("*11\r\n+CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n"
                    + "+GET <pattern>\r\n"), reply);
        }
    }

    @Test
    void unknownSubcommandPointsToHelp() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR unknown subcommand 'foo'. Try CONFIG HELP.\r\n", c.call("CONFIG", "foo"));
            assertEquals("-ERR wrong number of arguments for 'config' command\r\n", c.call("CONFIG"));
        }
    }
}
