package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** JSON.STRAPPEND and JSON.STRLEN; lengths count UTF-8 bytes, as RedisJSON does. */
class JsonStringTest extends JsonTestSupport {

    @Test
    void appendToEveryStringMatch() {
        doc("str:many", "{\"a\":\"x\",\"b\":{\"a\":\"yy\"},\"c\":{\"a\":1}}");
        assertEquals(array(integer(3), integer(4), NIL), call("JSON.STRAPPEND", "str:many", "$..a", "\"zz\""));
        assertEquals("{\"a\":\"xzz\",\"b\":{\"a\":\"yyzz\"},\"c\":{\"a\":1}}", get("str:many"));
    }

    @Test
    void legacyAppendAnswersTheNewLength() {
        doc("str:legacy", "{\"s\":\"ab\"}");
        assertEquals(integer(5), call("JSON.STRAPPEND", "str:legacy", ".s", "\"cde\""));
    }

    @Test
    void appendWithoutAPathAppliesToTheRoot() {
        doc("str:root", "\"ab\"");
        assertEquals(integer(3), call("JSON.STRAPPEND", "str:root", "\"c\""));
        assertEquals("\"abc\"", get("str:root"));
    }

    @Test
    void lengthsCountUtf8Bytes() {
        doc("str:utf8", "{\"s\":\"é😀\"}");
        assertEquals(integer(6), call("JSON.STRLEN", "str:utf8", ".s"));
        assertEquals(array(integer(6)), call("JSON.STRLEN", "str:utf8", "$.s"));
    }

    @Test
    void appendOfANonStringValueIsAnErrorAndChangesNothing() {
        doc("str:badarg", "{\"s\":\"a\"}");
        assertEquals(err("WRONGTYPE wrong type of path value - expected string but found integer"),
                call("JSON.STRAPPEND", "str:badarg", ".s", "1"));
        assertEquals(err("ERR expected value at line 1 column 1"), call("JSON.STRAPPEND", "str:badarg", ".s", "bare"));
        assertEquals("{\"s\":\"a\"}", get("str:badarg"));
    }

    @Test
    void legacyAppendToANonStringIsAnError() {
        doc("str:notstring", "{\"n\":1}");
        assertEquals(err("ERR Path does not exist or not a string"), call("JSON.STRAPPEND", "str:notstring", ".n", "\"a\""));
    }

    @Test
    void strlenOfANonStringIsNilForJsonPathAndAnErrorForLegacy() {
        doc("str:len", "{\"n\":1}");
        assertEquals(array(NIL), call("JSON.STRLEN", "str:len", "$.n"));
        assertEquals(err("WRONGTYPE wrong type of path value - expected string but found integer"),
                call("JSON.STRLEN", "str:len", ".n"));
        assertEquals(err("ERR Path '$.x' does not exist"), call("JSON.STRLEN", "str:len", ".x"));
    }

    @Test
    void strlenOfAMissingKey() {
        assertEquals(NIL, call("JSON.STRLEN", "str:nokey", ".s"));
        assertEquals(err("ERR could not perform this operation on a key that doesn't exist"),
                call("JSON.STRLEN", "str:nokey", "$.s"));
    }
}
