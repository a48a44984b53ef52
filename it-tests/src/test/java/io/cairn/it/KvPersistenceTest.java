package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.StatefulRedisConnection;

/** Named buckets, their options, metadata and generations survive a restart and kill -9. */
class KvPersistenceTest extends KvTestSupport {

    @Test
    void bucketsAndTheirOptionsSurviveARestart() {
        Kv kv = kv3();
        kv.call("BUCKET", "CREATE", "kept", "DEFAULT-TTL", "500", "MAX-VALUE-BYTES", "10");
        kv.call("BUCKET", "USE", "kept");
        kv.sync.set("k", "v");
        kv.call("BUCKET", "CREATE", "dropped");
        kv.call("BUCKET", "DROP", "dropped");
        restart();
        Kv after = kv3();
        assertTrue(after.list("BUCKET", "LIST").contains("kept"));
        assertTrue(!after.list("BUCKET", "LIST").contains("dropped"));
        assertEquals(Map.of("name", "kept", "keys", 1L, "default-ttl", 500L, "max-key-bytes", 0L, "max-value-bytes", 10L),
                after.map("BUCKET", "INFO", "kept"));
        after.call("BUCKET", "USE", "kept");
        assertEquals("v", after.sync.get("k"));
        assertThrows(RedisCommandExecutionException.class, () -> after.sync.set("k", "12345678901"));
        after.sync.set("fresh", "v");
        assertTrue(after.sync.ttl("fresh") > 490);
    }

    @Test
    void metadataAndGenerationsSurviveARestartAndGenerationsKeepIncreasing() {
        Kv kv = kv3();
        long g = kv.gen("KV.PUT", "p:meta", "v", "META", "m");
        restart();
        Kv after = kv3();
        Map<String, Object> m = after.map("KV.GET", "p:meta", "WITHMETA");
        assertEquals("m", m.get("meta"));
        assertEquals(g, m.get("generation"));
        assertTrue(after.gen("KV.PUT", "p:meta", "w", "IFGEN", Long.toString(g)) > g);
    }

    @Test
    void bucketsMetadataAndGenerationsSurviveKill9(@TempDir Path dir) {
        long g;
        try (ServerProcess p = ServerProcess.start(dir, "--appendfsync", "always")) {
            RedisClient c = RedisClient.create(p.uri());
            try (StatefulRedisConnection<String, String> conn = c.connect()) {
                Kv kv = new Kv(conn);
                kv.call("BUCKET", "CREATE", "crash", "MAX-KEY-BYTES", "20");
                kv.call("BUCKET", "USE", "crash");
                g = kv.gen("KV.PUT", "ck", "v", "META", "m");
                kv.call("KV.TXN", "SET", "a", "1", "SET", "b", "2");
            }
            c.shutdown();
            p.kill9();
            p.restart();
            c = RedisClient.create(p.uri()); // a new port after the restart
            try (StatefulRedisConnection<String, String> conn = c.connect()) {
                Kv kv = new Kv(conn);
                kv.call("BUCKET", "USE", "crash");
                Map<String, Object> m = kv.map("KV.GET", "ck", "WITHMETA"); // Lettuce speaks RESP3 by default
                assertEquals(Map.of("value", "v", "meta", "m", "generation", g, "expiry", -1L), m);
                assertEquals(List.of("1", "2"), kv.sync.mget("a", "b").stream().map(x -> x.getValue()).toList());
                assertThrows(RedisCommandExecutionException.class, () -> kv.sync.set("k".repeat(21), "v"));
                assertTrue(kv.gen("KV.PUT", "ck", "w") > g);
                assertNull(kv.call("KV.PUT", "ck", "x", "IFGEN", Long.toString(g)));
            } finally {
                c.shutdown();
            }
        }
    }
}
