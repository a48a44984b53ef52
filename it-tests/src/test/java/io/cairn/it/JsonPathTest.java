package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Both path syntaxes of RedisJSON 2, read through JSON.GET. */
class JsonPathTest extends JsonTestSupport {

    static final String STORE = "{\"name\":\"shop\",\"items\":["
            + "{\"name\":\"pen\",\"price\":5,\"tag\":\"x\",\"qty\":1},"
            + "{\"name\":\"ink\",\"price\":15,\"tag\":\"x\",\"qty\":2},"
            + "{\"name\":\"pad\",\"price\":3,\"tag\":\"y\",\"qty\":3}],"
            + "\"stats\":{\"score\":10},\"empty\":[],\"odd key\":1,\"über\":\"ü\"}";

    @BeforeAll
    void store() {
        doc("store", STORE);
    }

    @Test
    void dollarIsTheWholeDocumentInAList() {
        assertEquals(bulk("[" + STORE + "]"), call("JSON.GET", "store", "$"));
    }

    @Test
    void definiteJsonPathAnswersAListOfOne() {
        assertEquals(bulk("[10]"), call("JSON.GET", "store", "$.stats.score"));
    }

    @Test
    void legacyPathsWithAndWithoutLeadingDotAnswerTheValue() {
        assertEquals(bulk("10"), call("JSON.GET", "store", ".stats.score"));
        assertEquals(bulk("10"), call("JSON.GET", "store", "stats.score"));
        assertEquals(bulk("\"pen\""), call("JSON.GET", "store", ".items[0].name"));
        assertEquals(bulk("1"), call("JSON.GET", "store", "[\"odd key\"]"));
    }

    @Test
    void recursiveDescentFindsEveryMatch() {
        assertEquals(bulk("[\"shop\",\"pen\",\"ink\",\"pad\"]"), call("JSON.GET", "store", "$..name"));
    }

    @Test
    void legacyPathWithSeveralMatchesAnswersTheFirst() {
        assertEquals(bulk("\"shop\""), call("JSON.GET", "store", "..name"));
    }

    @Test
    void wildcardOverAnArray() {
        assertEquals(bulk("[1,2,3]"), call("JSON.GET", "store", "$.items[*].qty"));
    }

    @Test
    void negativeIndexCountsFromTheEnd() {
        assertEquals(bulk("[\"pad\"]"), call("JSON.GET", "store", "$.items[-1].name"));
        assertEquals(bulk("\"ink\""), call("JSON.GET", "store", ".items[-2].name"));
    }

    @Test
    void sliceTakesAHalfOpenRange() {
        assertEquals(bulk("[15,3]"), call("JSON.GET", "store", "$.items[1:3].price"));
    }

    @Test
    void unionOfIndexes() {
        assertEquals(bulk("[\"pen\",\"pad\"]"), call("JSON.GET", "store", "$.items[0,2].name"));
    }

    @Test
    void filterWithAndSelectsMatchingElements() {
        assertEquals(bulk("[\"pen\"]"), call("JSON.GET", "store", "$.items[?(@.price < 10 && @.tag == \"x\")].name"));
    }

    @Test
    void filterOnAnObjectTestsItsMemberValuesAsRedisJsonDoes() {
        doc("objs", "{\"obj\":{\"a\":{\"x\":1,\"y\":\"A\"},\"b\":{\"x\":2,\"y\":\"B\"},\"c\":5},\"nums\":[1,2,3,4]}");
        assertEquals(bulk("[{\"x\":1,\"y\":\"A\"}]"), call("JSON.GET", "objs", "$.obj[?(@.x==1)]"));
        assertEquals(bulk("[\"A\",\"B\"]"), call("JSON.GET", "objs", "$.obj[?(@.x>=1)].y"));
        assertEquals(bulk("[5]"), call("JSON.GET", "objs", "$.obj[?(@ == 5)]"));
    }

    @Test
    void filterOnAnArrayOfScalarsTestsEachElement() {
        doc("nums", "{\"nums\":[1,2,3,4],\"deep\":[{\"v\":[1,9]},{\"v\":[2]}]}");
        assertEquals(bulk("[3,4]"), call("JSON.GET", "nums", "$.nums[?(@>2)]"));
        assertEquals(bulk("[9]"), call("JSON.GET", "nums", "$.deep[?(@.v)].v[?(@>5)]"));
    }

    @Test
    void writesThroughAnObjectFilterChangeTheMatchedMembers() {
        doc("objw", "{\"obj\":{\"a\":{\"x\":1},\"b\":{\"x\":2}}}");
        assertEquals(":1\r\n", call("JSON.DEL", "objw", "$.obj[?(@.x==2)]"));
        assertEquals(bulk("[{\"obj\":{\"a\":{\"x\":1}}}]"), call("JSON.GET", "objw", "$"));
    }

    @Test
    void filterMatchingNothingIsAnEmptyList() {
        assertEquals(bulk("[]"), call("JSON.GET", "store", "$.items[?(@.price > 100)]"));
    }

    @Test
    void missingJsonPathIsAnEmptyList() {
        assertEquals(bulk("[]"), call("JSON.GET", "store", "$.nope"));
        assertEquals(bulk("[]"), call("JSON.GET", "store", "$.items[7]"));
    }

    @Test
    void missingLegacyPathIsAnError() {
        assertEquals(err("ERR Path '$.nope' does not exist"), call("JSON.GET", "store", ".nope"));
        assertEquals(err("ERR Path '$.items[7]' does not exist"), call("JSON.GET", "store", "items[7]"));
    }

    @Test
    void emptyArrayHasNoElements() {
        assertEquals(bulk("[]"), call("JSON.GET", "store", "$.empty[*]"));
        assertEquals(bulk("[]"), call("JSON.GET", "store", "$.empty[-1]"));
    }

    @Test
    void unicodeNamesAndValuesRoundTrip() {
        assertEquals(bulk("[\"ü\"]"), call("JSON.GET", "store", "$.über"));
        assertEquals(bulk("\"ü\""), call("JSON.GET", "store", "['über']"));
    }

    @Test
    void badPathSyntaxIsAnErrorForEveryCommand() {
        for (String bad : new String[] {"$[", "$.a[?(@.x ==]", "$..", "$.a["}) {
            String r = call("JSON.GET", "store", bad);
            assertTrue(r.startsWith("-ERR JSON Path error: "), bad + " -> " + r);
            assertTrue(call("JSON.SET", "store", bad, "1").startsWith("-ERR JSON Path error"), bad);
            assertTrue(call("JSON.DEL", "store", bad).startsWith("-ERR JSON Path error"), bad);
            assertTrue(call("JSON.NUMINCRBY", "store", bad, "1").startsWith("-ERR JSON Path error"), bad);
        }
        assertEquals(bulk(STORE), call("JSON.GET", "store"));
    }
}
