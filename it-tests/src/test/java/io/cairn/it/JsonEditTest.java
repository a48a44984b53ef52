package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** JSON.DEL, JSON.FORGET, JSON.CLEAR, JSON.TOGGLE and JSON.MERGE. */
class JsonEditTest extends JsonTestSupport {

    @Test
    void delOfAPathRemovesEveryMatchAndCountsThem() {
        doc("edit:del", "{\"a\":1,\"b\":{\"a\":2,\"c\":3}}");
        assertEquals(integer(2), call("JSON.DEL", "edit:del", "$..a"));
        assertEquals("{\"b\":{\"c\":3}}", get("edit:del"));
    }

    @Test
    void delOfTheRootDeletesTheKey() {
        doc("edit:delroot", "{\"a\":1}");
        assertEquals(integer(1), call("JSON.DEL", "edit:delroot"));
        assertEquals(integer(0), call("EXISTS", "edit:delroot"));
        assertEquals(integer(0), call("JSON.DEL", "edit:delroot"));
    }

    @Test
    void delOfNestedMatchesRemovesTheOutermostOnce() {
        doc("edit:nested", "{\"x\":{\"x\":{\"x\":1}},\"y\":[{\"x\":2},{\"x\":3}]}");
        assertEquals(integer(3), call("JSON.DEL", "edit:nested", "$..x"));
        assertEquals("{\"y\":[{},{}]}", get("edit:nested"));
    }

    @Test
    void delOfSeveralArrayElementsRemovesTheRightOnes() {
        doc("edit:arr", "[0,1,2,3,4,5]");
        assertEquals(integer(3), call("JSON.DEL", "edit:arr", "$[?(@ < 3)]"));
        assertEquals("[3,4,5]", get("edit:arr"));
    }

    @Test
    void forgetIsDel() {
        doc("edit:forget", "{\"a\":1,\"b\":2}");
        assertEquals(integer(1), call("JSON.FORGET", "edit:forget", ".a"));
        assertEquals("{\"b\":2}", get("edit:forget"));
    }

    @Test
    void delOfAMissingPathIsZero() {
        doc("edit:delmissing", "{\"a\":1}");
        assertEquals(integer(0), call("JSON.DEL", "edit:delmissing", "$.zz"));
        assertEquals(integer(0), call("JSON.DEL", "edit:delmissing", ".zz"));
    }

    @Test
    void clearEmptiesContainersAndZeroesNumbers() {
        doc("edit:clear", "{\"a\":[1],\"o\":{\"k\":1},\"n\":5,\"f\":1.5,\"s\":\"x\",\"e\":[],\"z\":0}");
        assertEquals(integer(4), call("JSON.CLEAR", "edit:clear", "$.*"));
        assertEquals("{\"a\":[],\"o\":{},\"n\":0,\"f\":0,\"s\":\"x\",\"e\":[],\"z\":0}", get("edit:clear"));
        assertEquals(integer(1), call("JSON.CLEAR", "edit:clear"));
        assertEquals("{}", get("edit:clear"));
    }

    @Test
    void clearOfAMissingKeyIsAnError() {
        assertEquals(err("ERR could not perform this operation on a key that doesn't exist"), call("JSON.CLEAR", "edit:nokey"));
    }

    @Test
    void toggleFlipsBooleansAndAnswersNilForOthers() {
        doc("edit:toggle", "{\"a\":true,\"b\":{\"a\":false},\"c\":{\"a\":1}}");
        assertEquals(array(integer(0), integer(1), NIL), call("JSON.TOGGLE", "edit:toggle", "$..a"));
        assertEquals(bulk("true"), call("JSON.TOGGLE", "edit:toggle", ".a"));
        assertEquals("{\"a\":true,\"b\":{\"a\":true},\"c\":{\"a\":1}}", get("edit:toggle"));
    }

    @Test
    void legacyToggleOfANonBooleanIsAnError() {
        doc("edit:togglebad", "{\"a\":1}");
        assertEquals(err("ERR Path does not exist or not a bool"), call("JSON.TOGGLE", "edit:togglebad", ".a"));
    }

    @Test
    void mergeAtTheRootFollowsRfc7396() {
        doc("edit:merge", "{\"a\":\"b\",\"c\":{\"d\":\"e\",\"f\":\"g\"}}");
        assertEquals(OK, call("JSON.MERGE", "edit:merge", "$", "{\"a\":\"z\",\"c\":{\"f\":null},\"n\":[1]}"));
        assertEquals("{\"a\":\"z\",\"c\":{\"d\":\"e\"},\"n\":[1]}", get("edit:merge"));
    }

    @Test
    void mergeNullAtAPathDeletesIt() {
        doc("edit:mergenull", "{\"a\":1,\"b\":2}");
        assertEquals(OK, call("JSON.MERGE", "edit:mergenull", "$.a", "null"));
        assertEquals("{\"b\":2}", get("edit:mergenull"));
    }

    @Test
    void mergeIntoEveryMatch() {
        doc("edit:mergemany", "{\"u\":[{\"x\":1},{\"x\":2}]}");
        assertEquals(OK, call("JSON.MERGE", "edit:mergemany", "$.u[*]", "{\"y\":0}"));
        assertEquals("{\"u\":[{\"x\":1,\"y\":0},{\"x\":2,\"y\":0}]}", get("edit:mergemany"));
    }

    @Test
    void mergeCreatesAMissingDocumentOnlyAtTheRoot() {
        assertEquals(OK, call("JSON.MERGE", "edit:mergenew", "$", "{\"a\":1}"));
        assertEquals("{\"a\":1}", get("edit:mergenew"));
        assertEquals(err("ERR new objects must be created at the root"), call("JSON.MERGE", "edit:mergenew2", "$.a", "1"));
    }

    @Test
    void mergeOfBadJsonChangesNothing() {
        doc("edit:mergebad", "{\"a\":1}");
        assertEquals(err("ERR EOF while parsing a value at line 1 column 2"),
                call("JSON.MERGE", "edit:mergebad", "$", "{"));
        assertEquals("{\"a\":1}", get("edit:mergebad"));
    }
}
