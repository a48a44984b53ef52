package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;

/**
 * appendfsync over a real socket: when replies wait for the disk, that concurrent writers share
 * fsyncs, and what INFO persistence says about it. Killing the process is CrashRecoveryTest's.
 */
class DurabilityTest {

    @TempDir
    Path scratch;

    private static Map<String, String> persistence(RawClient c) {
        return InfoTest.fields(InfoTest.body(c.call("INFO", "persistence")));
    }

    private static long fsyncs(RawClient c) {
        return Long.parseLong(persistence(c).get("cairn_fsyncs"));
    }

    @Test
    void everysecIsTheDefaultLikeRedis() {
        try (TestServer server = TestServer.start(); RawClient c = server.raw()) {
            assertEquals("*2\r\n$11\r\nappendfsync\r\n$8\r\neverysec\r\n", c.call("CONFIG", "GET", "appendfsync"));
            assertEquals("everysec", persistence(c).get("cairn_appendfsync"));
        }
    }

    @Test
    void underAlwaysAWriteIsRepliedToOnlyAfterAnFsync() {
        try (TestServer server = TestServer.start("--appendfsync", "always"); RawClient c = server.raw()) {
            for (int i = 0; i < 20; i++) {
                long before = fsyncs(c);
                assertEquals("+OK\r\n", c.call("SET", "k", "v" + i));
                assertTrue(fsyncs(c) > before, "SET was answered before any fsync after it");
            }
        }
    }

    @Test
    void underAlwaysAReadIsNotAnFsync() {
        try (TestServer server = TestServer.start("--appendfsync", "always"); RawClient c = server.raw()) {
            c.call("SET", "k", "v");
            long before = fsyncs(c);
            for (int i = 0; i < 50; i++) assertEquals("$1\r\nv\r\n", c.call("GET", "k"));
            assertEquals(before, fsyncs(c));
        }
    }

    @Test
    void configSetAppendfsyncTakesEffectAtOnce() {
        try (TestServer server = TestServer.start(); RawClient c = server.raw()) {
            assertEquals("+OK\r\n", c.call("CONFIG", "SET", "appendfsync", "always"));
            assertEquals("always", persistence(c).get("cairn_appendfsync"));
            long before = fsyncs(c);
            c.call("INCR", "n");
            assertTrue(fsyncs(c) > before);
            assertEquals("+OK\r\n", c.call("CONFIG", "SET", "appendfsync", "no"));
            assertEquals("no", persistence(c).get("cairn_appendfsync"));
            assertTrue(c.call("CONFIG", "SET", "appendfsync", "sometimes").startsWith("-ERR "));
            assertEquals("no", persistence(c).get("cairn_appendfsync"), "a bad value changes nothing");
        }
    }

    /** Group commit: 50 clients writing at once share fsyncs instead of queuing behind one each. */
    @Test
    void fiftyConcurrentWritersShareFsyncs() throws Exception {
        try (TestServer server = TestServer.start("--appendfsync", "always"); RawClient c = server.raw()) {
            long before = fsyncs(c);
            int clients = 50, each = 200;
            List<StatefulRedisConnection<String, String>> conns = new ArrayList<>();
            List<RedisFuture<Long>> replies = new ArrayList<>();
            try {
                for (int i = 0; i < clients; i++) conns.add(server.client().connect());
                for (int round = 0; round < each; round++) {
                    for (StatefulRedisConnection<String, String> conn : conns) {
                        RedisAsyncCommands<String, String> async = conn.async();
                        replies.add(async.incr("counter"));
                    }
                }
                for (RedisFuture<Long> r : replies) r.get(30, TimeUnit.SECONDS);
            } finally {
                conns.forEach(StatefulRedisConnection::close);
            }
            assertEquals("$5\r\n10000\r\n", c.call("GET", "counter"), "every INCR of the 50 x 200 applied once");
            long used = fsyncs(c) - before;
            assertTrue(used < clients * each / 4, used + " fsyncs for " + clients * each + " writes");
        }
    }

    @Test
    void theFlusherCommitsToMapDbOnceTheLogHasGrownByFlushLogSize() throws Exception {
        try (TestServer server = TestServer.start("--flush-interval-ms", "3600000", "--flush-log-size", "64kb");
             RawClient c = server.raw()) {
            assertEquals("*2\r\n$14\r\nflush-log-size\r\n$5\r\n65536\r\n", c.call("CONFIG", "GET", "flush-log-size"));
            String value = "v".repeat(100);
            for (int i = 0; i < 1000; i++) c.call("SET", "k" + i, value);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Long.parseLong(persistence(c).get("cairn_commits")) == 0 && System.nanoTime() < deadline) Thread.sleep(20);
            assertTrue(Long.parseLong(persistence(c).get("cairn_commits")) >= 1,
                    "no MapDB commit after ~130 KB of log with flush-log-size 64kb: " + persistence(c));
        }
    }

    @Test
    void belowBothBoundsWritesWaitInTheLogAndSaveStillCommitsThem() throws Exception {
        try (TestServer server = TestServer.start("--flush-interval-ms", "3600000"); RawClient c = server.raw()) {
            for (int i = 0; i < 100; i++) c.call("SET", "k" + i, "v");
            Thread.sleep(300);
            Map<String, String> f = persistence(c);
            assertEquals("0", f.get("cairn_commits"), f.toString());
            assertEquals("100", f.get("cairn_pending_writes"), f.toString());
            assertEquals("+OK\r\n", c.call("SAVE"));
            assertEquals("0", persistence(c).get("cairn_pending_writes"));
        }
    }

    @Test
    void flushSettingsAreFixedAtStart() {
        try (TestServer server = TestServer.start(); RawClient c = server.raw()) {
            assertEquals("*2\r\n$14\r\nflush-log-size\r\n$8\r\n33554432\r\n", c.call("CONFIG", "GET", "flush-log-size"));
            assertEquals("*2\r\n$17\r\nflush-interval-ms\r\n$4\r\n5000\r\n", c.call("CONFIG", "GET", "flush-interval-ms"));
            assertEquals("-ERR CONFIG SET failed (possibly related to argument 'flush-log-size') - can't set immutable config\r\n",
                    c.call("CONFIG", "SET", "flush-log-size", "1mb"));
        }
    }

    @Test
    void infoPersistenceReportsTheLogAndTheCommits() {
        try (TestServer server = TestServer.start("--appendfsync", "always"); RawClient c = server.raw()) {
            c.call("SET", "k", "v");
            assertEquals("+OK\r\n", c.call("SAVE"));
            Map<String, String> f = persistence(c);
            assertEquals("1", f.get("aof_enabled"));
            assertEquals("ok", f.get("aof_last_write_status"));
            assertEquals("ok", f.get("cairn_log_status"));
            assertEquals("ok", f.get("cairn_last_commit_status"));
            assertEquals("0", f.get("cairn_pending_writes"), "SAVE committed everything to MapDB");
            assertTrue(Long.parseLong(f.get("cairn_last_fsync_time")) > 0);
            assertTrue(Long.parseLong(f.get("cairn_disk_bytes")) > 0);
            for (String rate : List.of("cairn_fsyncs_per_sec", "cairn_commits_per_sec")) {
                assertTrue(Long.parseLong(f.get(rate)) >= 0, rate);
            }
        }
    }

    // ---- BACKUP ----

    private static void awaitBackup(RawClient c) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!persistence(c).get("cairn_backup_in_progress").equals("0")) {
            assertTrue(System.currentTimeMillis() < deadline, "backup did not finish");
            Thread.sleep(20);
        }
    }

    @Test
    void aBackupStartsAServerWithEveryWriteAcknowledgedBeforeIt() throws Exception {
        Path copy = scratch.resolve("copy");
        try (TestServer server = TestServer.start(); RawClient c = server.raw()) {
            for (int i = 0; i < 500; i++) c.call("SET", "key:" + i, "value " + i);
            c.call("SAVE");
            for (int i = 500; i < 1000; i++) c.call("SET", "key:" + i, "value " + i); // only in the log
            c.call("DEL", "key:7");
            c.call("SELECT", "3");
            c.call("SET", "elsewhere", "db3");
            assertEquals("+Backup started\r\n", c.call("BACKUP", copy.toString()));
            awaitBackup(c);
            assertEquals("ok", persistence(c).get("cairn_last_backup_status"));
            c.call("SET", "after", "not in the copy");
        }
        try (TestServer restored = TestServer.start("--dir", copy.toString()); RawClient c = restored.raw()) {
            assertEquals(":999\r\n", c.call("DBSIZE"));
            assertEquals("$9\r\nvalue 999\r\n", c.call("GET", "key:999"));
            assertEquals("$-1\r\n", c.call("GET", "key:7"));
            c.call("SELECT", "3");
            assertEquals("$3\r\ndb3\r\n", c.call("GET", "elsewhere"));
            assertEquals("$-1\r\n", c.call("GET", "after"));
        }
    }

    @Test
    void aBackupRefusesANonEmptyDirectoryAndTheServersOwn() throws Exception {
        Path full = Files.createDirectories(scratch.resolve("full"));
        Files.writeString(full.resolve("precious.txt"), "keep me");
        try (TestServer server = TestServer.start(); RawClient c = server.raw()) {
            c.call("SET", "k", "v");
            assertTrue(c.call("BACKUP", full.toString()).startsWith("-ERR backup directory "), "non-empty");
            assertEquals("keep me", Files.readString(full.resolve("precious.txt")));
            assertTrue(c.call("BACKUP", server.dir().resolve("inside").toString()).startsWith("-ERR backup directory must be outside"));
            assertEquals("-ERR wrong number of arguments for 'backup' command\r\n", c.call("BACKUP"));
            assertEquals("$1\r\nv\r\n", c.call("GET", "k"));
        }
    }
}
