package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** JSON.PATCH: RFC 6902 patches applied all or nothing. */
class JsonPatchTest extends JsonTestSupport {

    @Test
    void everyOperationKindApplies() {
        doc("patch:all", "{\"a\":1,\"b\":{\"c\":[1,2]},\"d\":\"x\"}");
        assertEquals(OK, call("JSON.PATCH", "patch:all", "["
                + "{\"op\":\"test\",\"path\":\"/a\",\"value\":1},"
                + "{\"op\":\"add\",\"path\":\"/b/c/-\",\"value\":3},"
                + "{\"op\":\"replace\",\"path\":\"/a\",\"value\":10},"
                + "{\"op\":\"move\",\"from\":\"/d\",\"path\":\"/e\"},"
                + "{\"op\":\"copy\",\"from\":\"/a\",\"path\":\"/f\"},"
                + "{\"op\":\"remove\",\"path\":\"/b/c/0\"}]"));
        assertEquals("{\"a\":10,\"b\":{\"c\":[2,3]},\"e\":\"x\",\"f\":10}", get("patch:all"));
    }

    @Test
    void aFailingTestChangesNothingAndNamesTheOperation() {
        doc("patch:test", "{\"version\":3,\"a\":1}");
        String r = call("JSON.PATCH", "patch:test", "[{\"op\":\"replace\",\"path\":\"/a\",\"value\":2},"
                + "{\"op\":\"test\",\"path\":\"/version\",\"value\":2}]");
        assertEquals(err("ERR JSON.PATCH operation 1 (test /version) failed: Expected value 2 but found value 3; nothing was changed"), r);
        assertEquals("{\"version\":3,\"a\":1}", get("patch:test"));
    }

    @Test
    void removingAMissingMemberFailsAndChangesNothing() {
        doc("patch:missing", "{\"a\":1}");
        String r = call("JSON.PATCH", "patch:missing", "[{\"op\":\"remove\",\"path\":\"/a\"},{\"op\":\"remove\",\"path\":\"/zz\"}]");
        assertEquals("-ERR JSON.PATCH operation 1 (remove /zz) failed: ", r.substring(0, r.indexOf("failed: ") + 8));
        assertEquals("{\"a\":1}", get("patch:missing"));
    }

    @Test
    void aMalformedOperationIsRefused() {
        doc("patch:malformed", "{\"a\":1}");
        String r = call("JSON.PATCH", "patch:malformed", "[{\"op\":\"jump\",\"path\":\"/a\"}]");
        assertEquals("-ERR JSON.PATCH operation 0 (jump /a) failed: ", r.substring(0, r.indexOf("failed: ") + 8));
        assertEquals("{\"a\":1}", get("patch:malformed"));
    }

    @Test
    void aPatchThatIsNotAnArrayIsRefused() {
        doc("patch:notarray", "{\"a\":1}");
        assertEquals(err("ERR JSON.PATCH expects a JSON array of operations (RFC 6902)"),
                call("JSON.PATCH", "patch:notarray", "{\"op\":\"remove\",\"path\":\"/a\"}"));
        assertEquals(err("ERR expected value at line 1 column 1"), call("JSON.PATCH", "patch:notarray", "nope"));
    }

    @Test
    void patchOfAMissingKeyIsAnError() {
        assertEquals(err("ERR could not perform this operation on a key that doesn't exist"),
                call("JSON.PATCH", "patch:nokey", "[]"));
    }

    @Test
    void testComparesNumbersByValueWhateverWroteThem() {
        doc("patch:numbers", "{\"score\":10,\"f\":1.5}");
        call("JSON.NUMINCRBY", "patch:numbers", "$.score", "5");
        assertEquals(OK, call("JSON.PATCH", "patch:numbers",
                "[{\"op\":\"test\",\"path\":\"/score\",\"value\":15},{\"op\":\"test\",\"path\":\"/f\",\"value\":1.5}]"));
        assertEquals(err("ERR JSON.PATCH operation 0 (test /score) failed: Expected value 15.0 but found value 15; nothing was changed"),
                call("JSON.PATCH", "patch:numbers", "[{\"op\":\"test\",\"path\":\"/score\",\"value\":15.0}]"));
    }

    @Test
    void anEmptyPatchChangesNothing() {
        doc("patch:empty", "{\"a\":1}");
        assertEquals(OK, call("JSON.PATCH", "patch:empty", "[]"));
        assertEquals("{\"a\":1}", get("patch:empty"));
    }
}
