package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** JSON.ARRAPPEND ARRINSERT ARRINDEX ARRLEN ARRPOP ARRTRIM. */
class JsonArrayTest extends JsonTestSupport {

    @Test
    void appendAddsEveryValueAndAnswersTheNewLength() {
        doc("arr:append", "{\"a\":[1]}");
        assertEquals(array(integer(3)), call("JSON.ARRAPPEND", "arr:append", "$.a", "2", "\"x\""));
        assertEquals(integer(4), call("JSON.ARRAPPEND", "arr:append", ".a", "{\"k\":null}"));
        assertEquals("{\"a\":[1,2,\"x\",{\"k\":null}]}", get("arr:append"));
    }

    @Test
    void appendAnswersNilForMatchesThatAreNotArrays() {
        doc("arr:mixed", "{\"a\":[],\"b\":{\"a\":1}}");
        assertEquals(array(integer(1), NIL), call("JSON.ARRAPPEND", "arr:mixed", "$..a", "0"));
    }

    @Test
    void legacyAppendToANonArrayIsAnError() {
        doc("arr:notarray", "{\"a\":1}");
        assertEquals(err("ERR Path does not exist or not an array"), call("JSON.ARRAPPEND", "arr:notarray", ".a", "1"));
        assertEquals("{\"a\":1}", get("arr:notarray"));
    }

    @Test
    void appendOfBadJsonChangesNothing() {
        doc("arr:badjson", "{\"a\":[]}");
        assertEquals(err("ERR expected value at line 1 column 1"), call("JSON.ARRAPPEND", "arr:badjson", "$.a", "1", "x"));
        assertEquals("{\"a\":[]}", get("arr:badjson"));
    }

    @Test
    void insertBeforeAnIndexIncludingNegativeOnes() {
        doc("arr:insert", "[1,2,3]");
        assertEquals(array(integer(5)), call("JSON.ARRINSERT", "arr:insert", "$", "1", "\"a\"", "\"b\""));
        assertEquals(integer(6), call("JSON.ARRINSERT", "arr:insert", ".", "-1", "9"));
        assertEquals("[1,\"a\",\"b\",2,9,3]", get("arr:insert"));
        assertEquals(integer(7), call("JSON.ARRINSERT", "arr:insert", ".", "6", "7"));
    }

    @Test
    void insertOutsideTheArrayIsAnError() {
        doc("arr:insertbad", "[1]");
        assertEquals(err("ERR index out of bounds"), call("JSON.ARRINSERT", "arr:insertbad", "$", "3", "0"));
        assertEquals(err("ERR index out of bounds"), call("JSON.ARRINSERT", "arr:insertbad", "$", "-3", "0"));
        assertEquals(err("ERR value is not an integer or out of range"), call("JSON.ARRINSERT", "arr:insertbad", "$", "x", "0"));
        assertEquals("[1]", get("arr:insertbad"));
    }

    @Test
    void indexFindsTheFirstEqualValue() {
        doc("arr:index", "{\"a\":[1,\"1\",1.0,{\"x\":[1]},1]}");
        assertEquals(array(integer(0)), call("JSON.ARRINDEX", "arr:index", "$.a", "1"));
        assertEquals(array(integer(1)), call("JSON.ARRINDEX", "arr:index", "$.a", "\"1\""));
        assertEquals(array(integer(2)), call("JSON.ARRINDEX", "arr:index", "$.a", "1.0"));
        assertEquals(integer(3), call("JSON.ARRINDEX", "arr:index", ".a", "{\"x\":[1]}"));
        assertEquals(integer(-1), call("JSON.ARRINDEX", "arr:index", ".a", "2"));
    }

    @Test
    void indexHonoursStartAndExclusiveStop() {
        doc("arr:range", "[5,6,5,6,5]");
        assertEquals(integer(2), call("JSON.ARRINDEX", "arr:range", ".", "5", "1"));
        assertEquals(integer(4), call("JSON.ARRINDEX", "arr:range", ".", "5", "-2"));
        assertEquals(integer(-1), call("JSON.ARRINDEX", "arr:range", ".", "5", "1", "2"));
        assertEquals(integer(2), call("JSON.ARRINDEX", "arr:range", ".", "5", "1", "3"));
    }

    @Test
    void indexInAnEmptyArrayIsMinusOne() {
        doc("arr:emptyindex", "[]");
        assertEquals(array(integer(-1)), call("JSON.ARRINDEX", "arr:emptyindex", "$", "1"));
    }

    @Test
    void lengthOfArraysAndNilForOthers() {
        doc("arr:len", "{\"a\":[1,2],\"b\":{\"a\":\"x\"}}");
        assertEquals(array(integer(2), NIL), call("JSON.ARRLEN", "arr:len", "$..a"));
        assertEquals(integer(2), call("JSON.ARRLEN", "arr:len", ".a"));
        assertEquals(err("ERR Path does not exist or not an array"), call("JSON.ARRLEN", "arr:len", ".b"));
        assertEquals(NIL, call("JSON.ARRLEN", "arr:nokey", ".a"));
    }

    @Test
    void popTakesTheLastElementByDefault() {
        doc("arr:pop", "[1,[2],{\"c\":3}]");
        assertEquals(bulk("{\"c\":3}"), call("JSON.ARRPOP", "arr:pop"));
        assertEquals(array(bulk("1")), call("JSON.ARRPOP", "arr:pop", "$", "0"));
        assertEquals("[[2]]", get("arr:pop"));
    }

    @Test
    void popClampsTheIndex() {
        doc("arr:popclamp", "[1,2,3]");
        assertEquals(bulk("3"), call("JSON.ARRPOP", "arr:popclamp", ".", "99"));
        assertEquals(bulk("1"), call("JSON.ARRPOP", "arr:popclamp", ".", "-99"));
        assertEquals("[2]", get("arr:popclamp"));
    }

    @Test
    void popOfAnEmptyArrayIsNil() {
        doc("arr:popempty", "{\"a\":[]}");
        assertEquals(NIL, call("JSON.ARRPOP", "arr:popempty", ".a"));
        assertEquals(array(NIL), call("JSON.ARRPOP", "arr:popempty", "$.a"));
    }

    @Test
    void popOfAMissingKeyIsAnError() {
        assertEquals(err("ERR could not perform this operation on a key that doesn't exist"), call("JSON.ARRPOP", "arr:nokey"));
    }

    @Test
    void popFromEveryMatchedArray() {
        doc("arr:nested", "{\"a\":[[1,2,3],[4,5,6]]}");
        assertEquals(array(bulk("3"), bulk("6")), call("JSON.ARRPOP", "arr:nested", "$.a[*]"));
        assertEquals(array(bulk("[4,5]")), call("JSON.ARRPOP", "arr:nested", "$.a"));
        assertEquals("{\"a\":[[1,2]]}", get("arr:nested"));
    }

    @Test
    void trimKeepsAnInclusiveRange() {
        doc("arr:trim", "[0,1,2,3,4]");
        assertEquals(array(integer(3)), call("JSON.ARRTRIM", "arr:trim", "$", "1", "3"));
        assertEquals("[1,2,3]", get("arr:trim"));
        assertEquals(integer(2), call("JSON.ARRTRIM", "arr:trim", ".", "-2", "-1"));
        assertEquals("[2,3]", get("arr:trim"));
    }

    @Test
    void trimWithStopBeyondTheEndIsClampedAndStartPastTheEndEmpties() {
        doc("arr:trimclamp", "[0,1,2]");
        assertEquals(integer(2), call("JSON.ARRTRIM", "arr:trimclamp", ".", "1", "99"));
        assertEquals(integer(0), call("JSON.ARRTRIM", "arr:trimclamp", ".", "5", "9"));
        assertEquals("[]", get("arr:trimclamp"));
    }
}
