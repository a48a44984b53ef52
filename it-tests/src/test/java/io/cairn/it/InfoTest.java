package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lettuce.core.api.sync.RedisCommands;

/** INFO: Redis's sections and field names, as text with CRLF line ends. */
class InfoTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The "field:value" lines of an INFO text. */
    static Map<String, String> fields(String info) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : info.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) out.put(line.substring(0, colon), line.substring(colon + 1));
        }
        return out;
    }

    static List<String> headers(String info) {
        List<String> out = new ArrayList<>();
        for (String line : info.split("\r\n")) if (line.startsWith("# ")) out.add(line.substring(2));
        return out;
    }

    /** The body of a bulk or verbatim reply. */
    static String body(String reply) {
        String s = reply.substring(reply.indexOf("\r\n") + 2, reply.length() - 2);
        return reply.startsWith("=") ? s.substring(4) : s;
    }

    @Test
    void infoIsABulkStringInResp2() {
        try (RawClient c = server.raw()) {
            String reply = c.call("INFO", "server");
            assertTrue(reply.startsWith("$"), reply);
            String text = body(reply);
            assertEquals(reply.length() - reply.indexOf("\r\n") - 4, text.length());
            assertTrue(text.startsWith("# Server\r\nredis_version:7.0.15\r\n"), text);
            assertTrue(text.endsWith("\r\n"), text);
        }
    }

    @Test
    void infoIsAVerbatimTextInResp3() {
        try (RawClient c = server.raw()) {
            c.call("HELLO", "3");
            String reply = c.call("INFO", "server");
            assertTrue(reply.matches("(?s)=\\d+\r\ntxt:# Server\r\nredis_version:7\\.0\\.15\r\n.*"), reply);
        }
    }

    @Test
    void infoOfUnknownSectionIsEmpty() {
        try (RawClient c = server.raw()) {
            assertEquals("$0\r\n\r\n", c.call("INFO", "nosuch"));
        }
    }

    @Test
    void infoWithoutArgumentsHasTheDefaultSections() {
        try (RawClient c = server.raw()) {
            List<String> h = headers(body(c.call("INFO")));
            assertEquals(List.of("Server", "Clients", "Memory", "Persistence", "Stats", "Replication", "CPU",
                    "Modules", "Errorstats", "Cluster", "Keyspace"), h);
        }
    }

    @Test
    void infoAllAndEverythingAddCommandstats() {
        try (RawClient c = server.raw()) {
            assertTrue(headers(body(c.call("INFO", "all"))).contains("Commandstats"));
            assertTrue(headers(body(c.call("INFO", "everything"))).contains("Commandstats"));
            assertFalse(headers(body(c.call("INFO", "default"))).contains("Commandstats"));
        }
    }

    @Test
    void severalSectionsComeOutInRedisOrderSeparatedByBlankLines() {
        try (RawClient c = server.raw()) {
            String text = body(c.call("INFO", "KEYSPACE", "server"));
            assertEquals(List.of("Server", "Keyspace"), headers(text));
            assertTrue(text.contains("\r\n\r\n# Keyspace\r\n"), text);
        }
    }

    @Test
    void serverSectionNamesVersionPortAndProcess() {
        try (RawClient c = server.raw()) {
            Map<String, String> f = fields(body(c.call("INFO", "server")));
            assertEquals("7.0.15", f.get("redis_version"));
            assertTrue(f.containsKey("cairn_version"));
            assertEquals("standalone", f.get("redis_mode"));
            assertEquals(String.valueOf(server.port()), f.get("tcp_port"));
            assertEquals(String.valueOf(ProcessHandle.current().pid()), f.get("process_id"));
            assertTrue(f.get("run_id").matches("[0-9a-f]{40}"), f.get("run_id"));
            assertEquals("10", f.get("hz"));
            assertEquals("", f.get("config_file"));
            for (String name : List.of("os", "arch_bits", "uptime_in_seconds", "uptime_in_days", "executable")) {
                assertTrue(f.containsKey(name), name);
            }
        }
    }

    @Test
    void clientsSectionCountsConnections() {
        try (RawClient a = server.raw(); RawClient b = server.raw()) {
            Map<String, String> f = fields(body(a.call("INFO", "clients")));
            assertTrue(Integer.parseInt(f.get("connected_clients")) >= 2, f.toString());
            assertEquals("10000", f.get("maxclients"));
            assertEquals("0", f.get("blocked_clients"));
        }
    }

    @Test
    void memorySectionReportsUsedMemoryAndMaxmemory() {
        try (RawClient c = server.raw()) {
            Map<String, String> f = fields(body(c.call("INFO", "memory")));
            assertTrue(Long.parseLong(f.get("used_memory")) > 0);
            assertTrue(f.get("used_memory_human").matches("[0-9.]+[BKMGTP]"), f.get("used_memory_human"));
            assertEquals("0", f.get("maxmemory"));
            assertEquals("noeviction", f.get("maxmemory_policy"));
        }
    }

    @Test
    void persistenceSectionReportsTheEngine() {
        try (RawClient c = server.raw()) {
            c.call("SET", "persist:k", "v");
            c.call("SAVE");
            Map<String, String> f = fields(body(c.call("INFO", "persistence")));
            assertEquals("0", f.get("loading"));
            assertEquals("ok", f.get("rdb_last_bgsave_status"));
            assertEquals(c.call("LASTSAVE"), ":" + f.get("rdb_last_save_time") + "\r\n");
            assertEquals("1", f.get("aof_enabled"));
            assertEquals("everysec", f.get("cairn_appendfsync"));
            assertTrue(Long.parseLong(f.get("cairn_commits")) >= 1, f.toString());
            assertEquals("0", f.get("cairn_pending_writes"));
            assertTrue(Long.parseLong(f.get("cairn_disk_bytes")) > 0, f.toString());
        }
    }

    @Test
    void statsCountHitsMissesAndErrors() {
        try (RawClient c = server.raw()) {
            Map<String, String> before = fields(body(c.call("INFO", "stats")));
            c.call("SET", "stats:k", "v");
            c.call("GET", "stats:k");
            c.call("GET", "stats:absent");
            c.call("NOSUCHCOMMAND");
            Map<String, String> after = fields(body(c.call("INFO", "stats")));
            assertEquals(1, delta(before, after, "keyspace_hits"));
            assertEquals(1, delta(before, after, "keyspace_misses"));
            assertTrue(delta(before, after, "total_error_replies") >= 1);
            assertTrue(delta(before, after, "total_commands_processed") >= 4);
            // SET stats:k v, GET stats:k, GET stats:absent, NOSUCHCOMMAND, INFO stats as RESP arrays.
            assertTrue(delta(before, after, "total_net_input_bytes") >= 33 + 26 + 32 + 24 + 25, after.toString());
            assertTrue(delta(before, after, "total_net_output_bytes") > 0, after.toString());
            for (String name : List.of("total_connections_received", "instantaneous_ops_per_sec", "rejected_connections",
                    "expired_keys")) {
                assertTrue(after.containsKey(name), name);
            }
        }
    }

    @Test
    void expiredKeysCountsAKeyPastItsDeadline() throws InterruptedException {
        try (RawClient c = server.raw()) {
            long before = Long.parseLong(fields(body(c.call("INFO", "stats"))).get("expired_keys"));
            c.call("SET", "expiring:k", "v", "PX", "1");
            Thread.sleep(20);
            assertEquals("$-1\r\n", c.call("GET", "expiring:k"));
            long after = Long.parseLong(fields(body(c.call("INFO", "stats"))).get("expired_keys"));
            assertEquals(before + 1, after);
        }
    }

    @Test
    void replicationSaysMasterWithoutReplicas() {
        try (RawClient c = server.raw()) {
            Map<String, String> f = fields(body(c.call("INFO", "replication")));
            assertEquals("master", f.get("role"));
            assertEquals("0", f.get("connected_slaves"));
        }
    }

    @Test
    void cpuSectionHasUserAndSystemTime() {
        try (RawClient c = server.raw()) {
            Map<String, String> f = fields(body(c.call("INFO", "cpu")));
            assertTrue(f.get("used_cpu_sys").matches("\\d+\\.\\d{6}"), f.toString());
            assertTrue(f.get("used_cpu_user").matches("\\d+\\.\\d{6}"), f.toString());
        }
    }

    @Test
    void keyspaceListsNonEmptyDatabasesWithExpires() {
        try (RawClient c = server.raw()) {
            c.call("SELECT", "7");
            c.call("SET", "ks:a", "1");
            c.call("SET", "ks:b", "2", "EX", "100");
            Map<String, String> f = fields(body(c.call("INFO", "keyspace")));
            assertEquals("keys=2,expires=1,avg_ttl=0", f.get("db7"));
            assertFalse(f.containsKey("db8"));
            c.call("FLUSHDB");
            assertFalse(fields(body(c.call("INFO", "keyspace"))).containsKey("db7"));
        }
    }

    @Test
    void commandstatsCountCallsFailuresAndSubcommands() {
        try (RawClient c = server.raw()) {
            c.call("CONFIG", "GET", "maxclients");
            c.call("CONFIG", "SET", "maxclients", "nope");
            c.call("ECHO");
            String text = body(c.call("INFO", "commandstats"));
            assertTrue(text.startsWith("# Commandstats\r\n"), text);
            Map<String, String> f = fields(text);
            assertTrue(f.get("cmdstat_config|get").matches("calls=\\d+,usec=\\d+,usec_per_call=\\d+\\.\\d\\d,"
                    + "rejected_calls=0,failed_calls=0"), f.toString());
            assertTrue(f.get("cmdstat_config|set").matches(".*failed_calls=[1-9]\\d*"), f.toString());
            assertTrue(f.get("cmdstat_echo").matches(".*rejected_calls=[1-9]\\d*,failed_calls=0"), f.toString());
            assertFalse(f.containsKey("cmdstat_config"));
        }
    }

    @Test
    void errorstatsCountErrorsByCode() {
        try (RawClient c = server.raw()) {
            c.call("SET", "errstat:k", "v");
            c.call("INCR", "errstat:k");
            Map<String, String> f = fields(body(c.call("INFO", "errorstats")));
            assertTrue(f.get("errorstat_ERR").matches("count=[1-9]\\d*"), f.toString());
        }
    }

    @Test
    void lettuceReadsInfoInBothProtocols() {
        for (RedisCommands<String, String> cmd : List.of(server.resp2(), server.resp3())) {
            String info = cmd.info("server");
            assertTrue(info.contains("redis_version:7.0.15\r\n"), info);
            assertTrue(cmd.info().contains("# Keyspace"));
        }
    }

    private static long delta(Map<String, String> before, Map<String, String> after, String name) {
        return Long.parseLong(after.get(name)) - Long.parseLong(before.get(name));
    }
}
