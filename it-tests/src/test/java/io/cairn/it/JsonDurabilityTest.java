package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.json.JsonPath;
import io.lettuce.core.json.JsonValue;
import io.lettuce.core.protocol.ProtocolVersion;

/** JSON keys survive a restart with their TTL, and Lettuce's JSON API works unchanged. */
class JsonDurabilityTest extends JsonTestSupport {

    @Test
    void jsonKeysSurviveARestartWithTheirTtl() {
        doc("dur:doc", "{\"a\":[1,2],\"n\":1.5,\"s\":\"é\"}");
        call("JSON.NUMINCRBY", "dur:doc", "$.n", "1");
        call("EXPIRE", "dur:doc", "1000");
        closeClients();
        server.restart();
        assertEquals("{\"a\":[1,2],\"n\":2.5,\"s\":\"é\"}", get("dur:doc"));
        assertEquals(simple("ReJSON-RL"), call("TYPE", "dur:doc"));
        String ttl = call("TTL", "dur:doc");
        assertTrue(ttl.startsWith(":99") || ttl.equals(":1000\r\n"), ttl);
    }

    @Test
    void lettuceJsonApiReadsAndWrites() {
        try (StatefulRedisConnection<String, String> c = server.connect(ProtocolVersion.RESP3)) {
            var json = c.sync();
            assertEquals("OK", json.jsonSet("dur:lettuce", JsonPath.ROOT_PATH, "{\"stats\":{\"score\":1},\"tags\":[]}"));
            assertEquals(List.of(2L), json.jsonNumincrby("dur:lettuce", JsonPath.of("$.stats.score"), 1)
                    .stream().map(Number::longValue).toList());
            assertEquals(List.of(1L), json.jsonArrappend("dur:lettuce", JsonPath.of("$.tags"), "\"x\""));
            List<JsonValue> got = json.jsonGet("dur:lettuce", JsonPath.of("$.stats"));
            assertEquals("[{\"score\":2}]", got.get(0).toString());
        }
    }
}
