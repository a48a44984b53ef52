package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lettuce.core.RedisCommandExecutionException;

/** Cloudflare Workers KV writes (seeds/004): expiration vs expirationTtl, metadata, bulk writes. */
class CloudflareSeedTest extends KvTestSupport {

    @Test
    void expirationIsAnAbsoluteUnixTimeInSeconds() {
        Kv kv = kv2();
        long at = System.currentTimeMillis() / 1000 + 3600;
        kv.call("KV.PUT", "cf:abs", "v", "EXAT", Long.toString(at));
        assertEquals(at, kv.sync.expiretime("cf:abs"));
    }

    @Test
    void expirationTtlIsRelativeSecondsFromNow() {
        Kv kv = kv2();
        kv.call("KV.PUT", "cf:rel", "v", "EX", "600");
        long ttl = kv.sync.ttl("cf:rel");
        assertTrue(ttl > 595 && ttl <= 600);
    }

    @Test
    void metadataIsReadBackWithGetWithMetadataAndLimitedTo1024Bytes() {
        Kv kv = kv3();
        kv.call("KV.PUT", "cf:meta", "value", "META", "{\"someMetadataKey\":\"someMetadataValue\"}");
        Map<String, Object> m = kv.map("KV.GET", "cf:meta", "WITHMETA");
        assertEquals("value", m.get("value"));
        assertEquals("{\"someMetadataKey\":\"someMetadataValue\"}", m.get("meta"));
        assertThrows(RedisCommandExecutionException.class,
                () -> kv.call("KV.PUT", "cf:meta", "value", "META", "x".repeat(1025)));
    }

    @Test
    void aPutWithoutMetadataClearsIt() {
        Kv kv = kv3();
        kv.call("KV.PUT", "cf:clear", "v", "META", "{}");
        kv.call("KV.PUT", "cf:clear", "w");
        assertEquals(null, kv.map("KV.GET", "cf:clear", "WITHMETA").get("meta"));
    }

    @Test
    void bulkWritesOf10000PairsAreOneAtomicCall() {
        Kv kv = kv2();
        List<String> args = new ArrayList<>(List.of("KV.TXN"));
        for (int i = 0; i < 10_000; i++) args.addAll(List.of("SET", String.format("cf:bulk:%05d", i), "v" + i, "EX", "600"));
        assertEquals(10_000, kv.list(args.toArray(String[]::new)).size());
        assertEquals(10_000, ((List<?>) kv.list("KV.LIST", "PREFIX", "cf:bulk:", "LIMIT", "10000").get(1)).size());
    }
}
