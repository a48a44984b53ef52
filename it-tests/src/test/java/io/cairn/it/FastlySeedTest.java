package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Fastly KV Store put() (seeds/001): modes, metadata, ttl, gen. */
class FastlySeedTest extends KvTestSupport {

    @Test
    void putHelloWorldAndReadItBack() {
        Kv kv = kv2();
        kv.call("KV.PUT", "hello", "world");
        assertEquals("world", kv.call("KV.GET", "hello"));
    }

    @Test
    void theFourModes() {
        Kv kv = kv2();
        kv.call("KV.PUT", "f:mode", "b", "MODE", "OVERWRITE");
        assertNull(kv.call("KV.PUT", "f:mode", "x", "MODE", "ADD"));
        kv.call("KV.PUT", "f:mode", "c", "MODE", "APPEND");
        kv.call("KV.PUT", "f:mode", "a", "MODE", "PREPEND");
        assertEquals("abc", kv.call("KV.GET", "f:mode"));
    }

    @Test
    void metadataAndTtlAreStoredWithTheEntry() {
        Kv kv = kv3();
        kv.call("KV.PUT", "f:meta", "v", "META", "\u0001\u0002binary", "EX", "60");
        Map<String, Object> m = kv.map("KV.GET", "f:meta", "WITHMETA");
        assertEquals("\u0001\u0002binary", m.get("meta"));
        assertTrue((Long) m.get("expiry") > System.currentTimeMillis());
    }

    @Test
    void genIsTheVersionOfAnEntryAndAStaleGenIsRefused() {
        Kv kv = kv2();
        long g1 = kv.gen("KV.PUT", "f:gen", "v1");
        long g2 = kv.gen("KV.PUT", "f:gen", "v2", "IFGEN", Long.toString(g1));
        assertNull(kv.call("KV.PUT", "f:gen", "v3", "IFGEN", Long.toString(g1)));
        assertEquals("v2", kv.call("KV.GET", "f:gen"));
        assertTrue(g2 > g1);
    }
}
