package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** JSON.OBJKEYS and JSON.OBJLEN. */
class JsonObjectTest extends JsonTestSupport {

    @Test
    void objkeysListsKeysInDocumentOrder() {
        doc("obj:keys", "{\"z\":1,\"a\":{\"y\":1,\"b\":2}}");
        assertEquals(array(bulk("z"), bulk("a")), call("JSON.OBJKEYS", "obj:keys"));
        assertEquals(array(array(bulk("y"), bulk("b"))), call("JSON.OBJKEYS", "obj:keys", "$.a"));
    }

    @Test
    void objkeysOfANonObjectIsNilForJsonPathAndAnErrorForLegacy() {
        doc("obj:notobj", "{\"a\":[1]}");
        assertEquals(array(NIL), call("JSON.OBJKEYS", "obj:notobj", "$.a"));
        assertEquals(err("ERR Path does not exist or not an object"), call("JSON.OBJKEYS", "obj:notobj", ".a"));
        assertEquals(NIL, call("JSON.OBJKEYS", "obj:notobj", ".missing"));
    }

    @Test
    void objlenCountsKeys() {
        doc("obj:len", "{\"a\":{\"x\":1,\"y\":2},\"b\":{}}");
        assertEquals(integer(2), call("JSON.OBJLEN", "obj:len"));
        assertEquals(array(integer(2), integer(0)), call("JSON.OBJLEN", "obj:len", "$.*"));
        assertEquals(integer(2), call("JSON.OBJLEN", "obj:len", ".a"));
    }

    @Test
    void objlenOfANonObject() {
        doc("obj:lenbad", "{\"a\":1}");
        assertEquals(array(NIL), call("JSON.OBJLEN", "obj:lenbad", "$.a"));
        assertEquals(err("WRONGTYPE wrong type of path value - expected object but found integer"),
                call("JSON.OBJLEN", "obj:lenbad", ".a"));
    }

    @Test
    void objectCommandsOnAMissingKey() {
        assertEquals(NIL, call("JSON.OBJLEN", "obj:nokey"));
        assertEquals(NIL, call("JSON.OBJKEYS", "obj:nokey"));
        assertEquals(err("ERR could not perform this operation on a key that doesn't exist"),
                call("JSON.OBJKEYS", "obj:nokey", "$"));
    }
}
