package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.cairn.it.CrashWriter.Val;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * Issue 4's crash test: 20 concurrent writers (SET, INCR, MSET, DEL, EXPIRE, MULTI/EXEC) against
 * the real server process, SIGKILL at a random moment, restart on the same directory, and the
 * recovered keys checked against each writer's history. Each test repeats the crash on one store
 * with new random kill moments; rerun a failure with {@code -Dcrash.seed=<seed from the message>}.
 * A failed test keeps its data directory (named in the message) for a post-mortem.
 */
class CrashRecoveryTest {

    private static final int WRITERS = 20;
    /** Crashes per policy, each at a new random moment (the issue asks for at least 5). */
    private static final int ROUNDS = 5;
    /** everysec may lose what was acknowledged in about the last second before the kill; never more. */
    private static final Duration EVERYSEC_LOSS_WINDOW = Duration.ofMillis(1500);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

    private static RedisClient client;

    private final long seed = Long.getLong("crash.seed", System.nanoTime());
    private final Random random = new Random(seed);

    @BeforeAll
    static void createClient() {
        client = RedisClient.create();
        // No reconnect: when the server dies, the writers' next command fails at once and they stop.
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
    }

    @AfterAll
    static void shutdownClient() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    @Test
    @Timeout(90)
    void alwaysKeepsEveryAcknowledgedWriteAcrossKill9(@TempDir(cleanup = ON_SUCCESS) Path dir) throws Exception {
        // flushes every 100 ms, so that kills land during MapDB commits and replays start from checkpoints
        crashRounds(dir, "always", false, ROUNDS, 300, 1500, "--flush-interval-ms", "100");
    }

    @Test
    @Timeout(90)
    void everysecLosesAtMostTheLastSecondAndNeverTearsAValue(@TempDir(cleanup = ON_SUCCESS) Path dir) throws Exception {
        // kills late enough that some writes are older than the loss window and must survive
        // the default flush schedule: a round ends before the first flush, so recovery is the log alone
        crashRounds(dir, "everysec", false, ROUNDS, 1000, 3000);
    }

    @Test
    @Timeout(60)
    void msetIsAllOrNothingAfterKill9(@TempDir(cleanup = ON_SUCCESS) Path dir) throws Exception {
        // every writer only sends MSETs, so most kills land in the middle of some MSET
        // a small flush-log-size: flushes start on the log's growth, mid-round
        crashRounds(dir, "everysec", true, 3, 300, 1000, "--flush-log-size", "256kb");
    }

    @Test
    @Timeout(30)
    void expiryDeadlinesSurviveKill9AsAbsoluteTimes(@TempDir(cleanup = ON_SUCCESS) Path dir) throws Exception {
        try (ServerProcess server = ServerProcess.start(dir, "--appendfsync", "always")) {
            long deadline;
            try (StatefulRedisConnection<String, String> c = connect(server)) {
                RedisCommands<String, String> redis = c.sync();
                redis.set("short", "v");
                assertTrue(redis.pexpire("short", 1500));
                // the server set its deadline before it replied, so it is at most 1500 ms from here
                deadline = System.nanoTime() + Duration.ofMillis(1500).toNanos();
                redis.set("long", "v");
                assertTrue(redis.expire("long", CrashWriter.TTL_SECONDS));
            }
            server.kill9();
            // the deadline must pass while the server is down: a TTL stored as "1500 ms from
            // now" would come back alive, one stored as an absolute time does not
            Thread.sleep(Math.max(0, Duration.ofNanos(deadline - System.nanoTime()).toMillis() + 50));
            server.restart();
            try (StatefulRedisConnection<String, String> c = connect(server)) {
                RedisCommands<String, String> redis = c.sync();
                assertEquals(1, redis.exists("long"), "an acknowledged key with a long TTL survived the kill");
                assertTrue(redis.ttl("long") > 0, "and kept its TTL");
                assertEquals(0, redis.exists("short"), "a key whose deadline passed while the server was down is gone");
            }
        }
    }

    /** {@code rounds} times on one store: writers start, SIGKILL after a random delay, restart, check every writer's keys. */
    private void crashRounds(Path dir, String policy, boolean msetOnly, int rounds, int minDelayMs, int maxDelayMs,
                             String... serverArgs) throws Exception {
        String[] args = new String[serverArgs.length + 2];
        args[0] = "--appendfsync";
        args[1] = policy;
        System.arraycopy(serverArgs, 0, args, 2, serverArgs.length);
        try (ServerProcess server = ServerProcess.start(dir, args)) {
            for (int round = 0; round < rounds; round++) {
                int delayMs = minDelayMs + random.nextInt(maxDelayMs - minDelayMs + 1);
                String context = "policy " + policy + ", round " + round + ", kill after " + delayMs
                        + " ms, dir " + dir + ", seed " + seed + " (rerun with -Dcrash.seed=" + seed + ")";
                List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();
                try {
                    List<CrashWriter> writers = new ArrayList<>();
                    for (int w = 0; w < WRITERS; w++) {
                        connections.add(connect(server));
                        writers.add(new CrashWriter(w, "r" + round + ":w" + w + ":", random.nextLong(), msetOnly,
                                connections.get(w).sync()));
                    }
                    long killedAt = runAndKill(server, writers, delayMs, context);
                    server.restart();
                    checkRecovered(server, policy, writers, killedAt, context);
                } finally {
                    connections.forEach(StatefulRedisConnection::close);
                }
            }
        }
    }

    /** Runs the writers, kills the server after {@code delayMs}, waits for them to stop; returns when it killed. */
    private static long runAndKill(ServerProcess server, List<CrashWriter> writers, int delayMs, String context)
            throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (CrashWriter writer : writers) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    writer.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "crash-writer-" + writer.id());
            t.start();
            threads.add(t);
        }
        go.countDown();
        Thread.sleep(delayMs); // the crash comes at a random moment, not at a condition
        long killedAt = System.nanoTime();
        server.kill9();
        for (Thread t : threads) {
            t.join(COMMAND_TIMEOUT.plusSeconds(5).toMillis());
            assertFalse(t.isAlive(), t.getName() + " did not stop after the kill; " + context);
        }
        for (CrashWriter w : writers) {
            assertNull(w.wrongReply(), w + " got a wrong reply before the kill; " + context);
            if (w.stoppedAtNanos() < killedAt) {
                fail(w + " lost its connection before the kill: " + w.stoppedBy() + "; " + context);
            }
        }
        assertTrue(writers.stream().mapToInt(CrashWriter::acked).sum() > 0,
                "no write was acknowledged before the kill, so the round proves nothing; " + context);
        return killedAt;
    }

    private void checkRecovered(ServerProcess server, String policy, List<CrashWriter> writers, long killedAt,
            String context) throws Exception {
        long mustHaveBy = killedAt - EVERYSEC_LOSS_WINDOW.toNanos();
        try (StatefulRedisConnection<String, String> c = connect(server)) {
            RedisCommands<String, String> redis = c.sync();
            for (CrashWriter w : writers) {
                Map<String, Val> recovered = read(c.async(), w.allKeys());
                String where = w + ", " + w.acked() + " of " + w.sent() + " ops acknowledged; " + context
                        + "\n recovered " + recovered + "\n last ops:" + w.historyTail(6);
                assertTrue(w.groupIntact(recovered), "MSET group torn apart: " + where);
                int mustKeep = policy.equals("always") ? w.acked() : w.ackedBy(mustHaveBy);
                int prefix = w.matchingPrefix(recovered, 0);
                if (prefix < 0) {
                    fail("recovered keys are a state no prefix of the history produces (torn value or"
                            + " resurrected delete, or a multi-key op half applied): " + where + w.differences(recovered)
                            + "\n state after acked ops " + w.stateAfter(w.acked()));
                }
                if (w.matchingPrefix(recovered, mustKeep) < 0) {
                    fail("acknowledged writes lost: recovered the state after op " + prefix + ", but ops up to "
                            + mustKeep + " must be there: " + where
                            + "\n state after acked ops " + w.stateAfter(w.acked()));
                }
            }
            // the store reopened without manual repair and serves new writes
            assertEquals("OK", redis.set("after-restart", "fine"), context);
            assertEquals("fine", redis.get("after-restart"), context);
        }
    }

    /** Each key's value and whether it has a TTL; absent keys are left out. Pipelined: one round trip. */
    private static Map<String, Val> read(RedisAsyncCommands<String, String> redis, List<String> keys)
            throws Exception {
        Map<String, RedisFuture<String>> values = new TreeMap<>();
        Map<String, RedisFuture<Long>> ttls = new TreeMap<>();
        for (String key : keys) {
            values.put(key, redis.get(key));
            ttls.put(key, redis.ttl(key));
        }
        Map<String, Val> state = new TreeMap<>();
        for (String key : keys) {
            String value = values.get(key).get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            long ttl = ttls.get(key).get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (value != null) state.put(key, new Val(value, ttl > 0));
        }
        return state;
    }

    private static StatefulRedisConnection<String, String> connect(ServerProcess server) {
        RedisURI uri = server.uri();
        uri.setTimeout(COMMAND_TIMEOUT);
        return client.connect(uri);
    }
}
