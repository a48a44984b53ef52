package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The Deno KV REST domain (seeds/003): dotted key paths, list, PUT with ttl in ms, atomic check. */
class DenoSeedTest extends KvTestSupport {

    @Test
    void dottedKeyPathsListUnderTheirPrefix() {
        Kv kv = kv2();
        kv.call("KV.PUT", "users.john.settings", "{\"theme\":\"dark\"}");
        kv.call("KV.PUT", "users.john.session", "{\"token\":\"abc123\"}");
        kv.call("KV.PUT", "users.johnny.settings", "{}");
        assertEquals(List.of("users.john.session", "users.john.settings"), kv.keys("PREFIX", "users.john."));
    }

    @Test
    void putWithTtlInMilliseconds() {
        Kv kv = kv2();
        kv.call("KV.PUT", "users.john.session", "{\"token\":\"abc123\"}", "PX", "3600000");
        long pttl = kv.sync.pttl("users.john.session");
        assertTrue(pttl > 3_590_000 && pttl <= 3_600_000);
    }

    @Test
    void deleteAKeyPath() {
        Kv kv = kv2();
        kv.call("KV.PUT", "users.ann.settings", "{}");
        assertEquals(1L, kv.call("KV.DEL", "users.ann.settings"));
        assertNull(kv.call("KV.GET", "users.ann.settings"));
    }

    @Test
    void atomicCompareAndSwapAcrossTwoKeys() {
        Kv kv = kv2();
        long from = kv.gen("KV.PUT", "acct.a", "100");
        long to = kv.gen("KV.PUT", "acct.b", "0");
        List<Object> ok = kv.list("KV.TXN", "CHECK", "acct.a", Long.toString(from), "CHECK", "acct.b", Long.toString(to),
                "INCRBY", "acct.a", "-30", "INCRBY", "acct.b", "30");
        assertEquals(List.of(70L, 30L), ok);
        // The same versionstamps again: stale now, so nothing happens.
        assertNull(kv.call("KV.TXN", "CHECK", "acct.a", Long.toString(from), "INCRBY", "acct.a", "-30", "INCRBY", "acct.b", "30"));
        assertEquals("70", kv.sync.get("acct.a"));
        assertEquals("30", kv.sync.get("acct.b"));
    }
}
