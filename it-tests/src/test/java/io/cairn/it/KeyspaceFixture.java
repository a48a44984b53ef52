package io.cairn.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;

/**
 * One server per test class, a RESP2 Lettuce connection to it, and every database emptied
 * before each test, for the test classes of the key and expiry commands.
 */
abstract class KeyspaceFixture {

    static TestServer server;
    static KeySeed seed;
    static StatefulRedisConnection<String, String> connection;
    static RedisCommands<String, String> redis;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        seed = new KeySeed(server);
        connection = server.connect(ProtocolVersion.RESP2);
        redis = connection.sync();
    }

    @AfterAll
    static void stop() {
        connection.close();
        server.close();
    }

    @BeforeEach
    void emptyDatabases() {
        seed.clearAll();
    }

    /** One command on a fresh raw connection; the exact RESP text of its reply. */
    static String call(String... args) {
        try (RawClient c = server.raw()) {
            return c.call(args);
        }
    }
}
