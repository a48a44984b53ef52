package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** JSON.NUMINCRBY and JSON.NUMMULTBY: integers stay integers, floats print as RedisJSON prints them. */
class JsonNumberTest extends JsonTestSupport {

    @Test
    void incrementOfAnIntegerStaysAnInteger() {
        doc("num:int", "{\"n\":1}");
        assertEquals(bulk("[3]"), call("JSON.NUMINCRBY", "num:int", "$.n", "2"));
        assertEquals(bulk("integer"), call("JSON.TYPE", "num:int", ".n"));
    }

    @Test
    void legacyIncrementAnswersTheNewValueAsText() {
        doc("num:legacy", "{\"n\":1}");
        assertEquals(bulk("6"), call("JSON.NUMINCRBY", "num:legacy", ".n", "5"));
    }

    @Test
    void incrementByAFloatMakesAFloat() {
        doc("num:float", "{\"n\":1}");
        assertEquals(bulk("[2.5]"), call("JSON.NUMINCRBY", "num:float", "$.n", "1.5"));
        assertEquals(bulk("[4.0]"), call("JSON.NUMINCRBY", "num:float", "$.n", "1.5"));
        assertEquals(bulk("number"), call("JSON.TYPE", "num:float", ".n"));
    }

    @Test
    void everyMatchIsChangedAndNonNumbersAnswerNull() {
        doc("num:many", "{\"a\":1,\"b\":{\"a\":\"x\"},\"c\":{\"a\":2.5}}");
        assertEquals(bulk("[2,null,3.5]"), call("JSON.NUMINCRBY", "num:many", "$..a", "1"));
        assertEquals("{\"a\":2,\"b\":{\"a\":\"x\"},\"c\":{\"a\":3.5}}", get("num:many"));
    }

    @Test
    void resp3AnswersIntegersDoublesAndNulls() {
        doc("num:resp3", "{\"a\":1,\"b\":{\"a\":\"x\"},\"c\":{\"a\":2.5}}");
        assertEquals(array(integer(2), NIL3, ",3.5\r\n"), call3("JSON.NUMINCRBY", "num:resp3", "$..a", "1"));
    }

    @Test
    void multiplyKeepsIntegersIntegral() {
        doc("num:mult", "{\"n\":3}");
        assertEquals(bulk("[12]"), call("JSON.NUMMULTBY", "num:mult", "$.n", "4"));
        assertEquals(bulk("6.0"), call("JSON.NUMMULTBY", "num:mult", ".n", "0.5"));
    }

    @Test
    void integerOverflowWrapsAroundAsRedisJsonDoes() {
        doc("num:overflow", "{\"n\":9223372036854775807}");
        assertEquals(bulk("[-9223372036854775808]"), call("JSON.NUMINCRBY", "num:overflow", "$.n", "1"));
    }

    @Test
    void largeFloatsPrintInShortScientificForm() {
        doc("num:big", "{\"n\":1e300}");
        assertEquals(bulk("{\"n\":1e300}"), call("JSON.GET", "num:big"));
        assertEquals(bulk("[1e301]"), call("JSON.NUMMULTBY", "num:big", "$.n", "10"));
    }

    @Test
    void aResultOutOfRangeIsRefusedAndNothingChanges() {
        doc("num:inf", "{\"n\":1e300}");
        assertEquals(err("ERR result is not a number"), call("JSON.NUMMULTBY", "num:inf", "$.n", "1e300"));
        assertEquals("{\"n\":1e300}", get("num:inf"));
    }

    @Test
    void largeIntegersKeepEveryDigit() {
        doc("num:u64", "{\"n\":18446744073709551615,\"m\":-9223372036854775808}");
        assertEquals("{\"n\":18446744073709551615,\"m\":-9223372036854775808}", get("num:u64"));
        assertEquals(bulk("integer"), call("JSON.TYPE", "num:u64", ".n"));
    }

    @Test
    void legacyPathOnANonNumberIsAnError() {
        doc("num:str", "{\"s\":\"x\"}");
        assertEquals(err("ERR Path does not exist or does not contains a number"),
                call("JSON.NUMINCRBY", "num:str", ".s", "1"));
        assertEquals("{\"s\":\"x\"}", get("num:str"));
    }

    @Test
    void aNonNumericIncrementIsAnError() {
        doc("num:badarg", "{\"n\":1}");
        assertEquals(err("ERR expected value at line 1 column 1"), call("JSON.NUMINCRBY", "num:badarg", "$.n", "abc"));
        assertEquals(err("ERR expected value at line 1 column 1"), call("JSON.NUMINCRBY", "num:badarg", "$.n", "\"1\""));
        assertEquals("{\"n\":1}", get("num:badarg"));
    }

    @Test
    void incrementOfAMissingKeyIsAnError() {
        assertEquals(err("ERR could not perform this operation on a key that doesn't exist"),
                call("JSON.NUMINCRBY", "num:nokey", "$.n", "1"));
    }

    @Test
    void incrementOfAStringKeyIsWrongType() {
        call("SET", "num:plain", "1");
        assertEquals(err("WRONGTYPE Operation against a key holding the wrong kind of value"),
                call("JSON.NUMINCRBY", "num:plain", "$", "1"));
    }

    @Test
    void incrementThroughIndexesLeavesTheRestOfTheDocumentAsItWas() {
        doc("num:deep", "{\"a\":[1,{\"b\":2.5,\"c\":[10,20]}],\"z\":\"é\\n\"}");
        assertEquals(bulk("[3.5]"), call("JSON.NUMINCRBY", "num:deep", "$.a[1].b", "1"));
        assertEquals(bulk("[21]"), call("JSON.NUMINCRBY", "num:deep", "$.a[1].c[-1]", "1"));
        assertEquals(bulk("11"), call("JSON.NUMINCRBY", "num:deep", "a[1].c[0]", "1"));
        assertEquals("{\"a\":[1,{\"b\":3.5,\"c\":[11,21]}],\"z\":\"é\\n\"}", get("num:deep"));
    }

    @Test
    void readsBeforeAndAfterAnIncrementSeeEachValue() {
        doc("num:reads", "{\"stats\":{\"score\":1}}");
        assertEquals(bulk("[1]"), call("JSON.GET", "num:reads", "$.stats.score"));
        call("JSON.NUMINCRBY", "num:reads", "$.stats.score", "1");
        assertEquals(bulk("[2]"), call("JSON.GET", "num:reads", "$.stats.score"));
        call("JSON.SET", "num:reads", "$.stats.score", "10");
        call("JSON.NUMINCRBY", "num:reads", "$.stats.score", "1");
        assertEquals(bulk("{\"stats\":{\"score\":11}}"), call("JSON.GET", "num:reads"));
    }

    @Test
    void incrementKeepsTheTtl() {
        doc("num:ttl", "{\"n\":1}");
        call("EXPIRE", "num:ttl", "1000");
        call("JSON.NUMINCRBY", "num:ttl", "$.n", "1");
        call("JSON.NUMINCRBY", "num:ttl", "$..n", "1");
        String ttl = call("TTL", "num:ttl");
        assertEquals(true, ttl.startsWith(":99") || ttl.equals(":1000\r\n"), ttl);
        assertEquals("{\"n\":3}", get("num:ttl"));
    }

    @Test
    void concurrentIncrementsFromFiftyConnectionsAreExact() throws Exception {
        doc("num:concurrent", "{\"stats\":{\"score\":0}}");
        int clients = 50, each = 40;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    try (RawClient raw = server.raw()) {
                        for (int i = 0; i < each; i++) {
                            String r = raw.call("JSON.NUMINCRBY", "num:concurrent", "$.stats.score", "1");
                            if (!r.startsWith("$")) throw new AssertionError(r);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(bulk(String.valueOf(clients * each)), call("JSON.GET", "num:concurrent", ".stats.score"));
    }
}
