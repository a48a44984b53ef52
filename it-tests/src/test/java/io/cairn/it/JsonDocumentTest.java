package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** JSON.SET, JSON.GET, JSON.MGET, JSON.MSET, JSON.TYPE and JSON.RESP on whole documents. */
class JsonDocumentTest extends JsonTestSupport {

    @Test
    void setAtTheRootStoresTheDocumentCompact() {
        assertEquals(OK, call("JSON.SET", "doc:compact", "$", "{ \"a\" : 1, \"b\" : [ true, null ] }"));
        assertEquals(bulk("{\"a\":1,\"b\":[true,null]}"), call("JSON.GET", "doc:compact"));
    }

    @Test
    void setAtTheLegacyRootStoresTheDocument() {
        assertEquals(OK, call("JSON.SET", "doc:legacyroot", ".", "[1,2]"));
        assertEquals(bulk("[1,2]"), call("JSON.GET", "doc:legacyroot", "."));
    }

    @Test
    void typeOfAJsonKeyIsReJsonRl() {
        doc("doc:type", "{}");
        assertEquals(simple("ReJSON-RL"), call("TYPE", "doc:type"));
    }

    @Test
    void stringGetOnAJsonKeyIsWrongType() {
        doc("doc:wrongtype", "{}");
        assertEquals(err("WRONGTYPE Operation against a key holding the wrong kind of value"), call("GET", "doc:wrongtype"));
    }

    @Test
    void jsonGetOnAStringKeyIsWrongType() {
        call("SET", "doc:plainstring", "hello");
        assertEquals(err("WRONGTYPE Operation against a key holding the wrong kind of value"),
                call("JSON.GET", "doc:plainstring"));
        assertEquals(err("WRONGTYPE Operation against a key holding the wrong kind of value"),
                call("JSON.SET", "doc:plainstring", "$", "1"));
        assertEquals(bulk("hello"), call("GET", "doc:plainstring"));
    }

    @Test
    void getOfAMissingKeyIsNil() {
        assertEquals(NIL, call("JSON.GET", "doc:missing"));
        assertEquals(NIL, call("JSON.GET", "doc:missing", "$.a"));
    }

    @Test
    void setOfANonRootPathOnAMissingKeyIsRefused() {
        assertEquals(err("ERR new objects must be created at the root"), call("JSON.SET", "doc:noroot", "$.a", "1"));
        assertEquals(err("ERR new objects must be created at the root"), call("JSON.SET", "doc:noroot", ".a", "1"));
        assertEquals(integer(0), call("EXISTS", "doc:noroot"));
    }

    @Test
    void setReplacesEveryMatchOfAJsonPath() {
        doc("doc:replace", "{\"a\":1,\"b\":{\"a\":2}}");
        assertEquals(OK, call("JSON.SET", "doc:replace", "$..a", "\"x\""));
        assertEquals("{\"a\":\"x\",\"b\":{\"a\":\"x\"}}", get("doc:replace"));
    }

    @Test
    void setAddsANewMemberToAnExistingObject() {
        doc("doc:addmember", "{\"a\":{}}");
        assertEquals(OK, call("JSON.SET", "doc:addmember", "$.a.b", "[1]"));
        assertEquals(OK, call("JSON.SET", "doc:addmember", "c", "2"));
        assertEquals("{\"a\":{\"b\":[1]},\"c\":2}", get("doc:addmember"));
    }

    @Test
    void setUnderAMissingParentChangesNothingAndAnswersNil() {
        doc("doc:noparent", "{\"a\":1}");
        assertEquals(NIL, call("JSON.SET", "doc:noparent", "$.x.y", "1"));
        assertEquals("{\"a\":1}", get("doc:noparent"));
    }

    @Test
    void setNxOnlyWhenThePathIsAbsent() {
        doc("doc:nx", "{\"a\":1}");
        assertEquals(NIL, call("JSON.SET", "doc:nx", "$.a", "2", "NX"));
        assertEquals(OK, call("JSON.SET", "doc:nx", "$.b", "2", "NX"));
        assertEquals(NIL, call("JSON.SET", "doc:nx", "$", "{}", "NX"));
        assertEquals("{\"a\":1,\"b\":2}", get("doc:nx"));
    }

    @Test
    void setXxOnlyWhenThePathIsPresent() {
        assertEquals(NIL, call("JSON.SET", "doc:xx", "$", "{}", "XX"));
        doc("doc:xx", "{\"a\":1}");
        assertEquals(NIL, call("JSON.SET", "doc:xx", "$.b", "2", "XX"));
        assertEquals(OK, call("JSON.SET", "doc:xx", "$.a", "3", "xx"));
        assertEquals("{\"a\":3}", get("doc:xx"));
    }

    @Test
    void setWithAnUnknownOptionIsASyntaxError() {
        doc("doc:badopt", "1");
        assertEquals(err("ERR syntax error"), call("JSON.SET", "doc:badopt", "$", "2", "NX", "XX"));
        assertEquals(err("ERR syntax error"), call("JSON.SET", "doc:badopt", "$", "2", "FOO"));
        assertEquals("1", get("doc:badopt"));
    }

    @Test
    void setOfBadJsonIsAnErrorAndKeepsTheDocument() {
        doc("doc:badjson", "{\"a\":1}");
        assertEquals(err("ERR expected value at line 1 column 2"), call("JSON.SET", "doc:badjson", "$", "{bad"));
        assertEquals(err("ERR trailing characters at line 1 column 3"), call("JSON.SET", "doc:badjson", "$", "1 2"));
        assertEquals(err("ERR EOF while parsing a value at line 1 column 0"), call("JSON.SET", "doc:badjson", "$", ""));
        assertEquals("{\"a\":1}", get("doc:badjson"));
    }

    @Test
    void setAtTheRootKeepsTheTtl() {
        doc("doc:ttl", "{\"a\":1}");
        call("EXPIRE", "doc:ttl", "1000");
        doc("doc:ttl", "{\"a\":2}");
        call("JSON.SET", "doc:ttl", "$.a", "3");
        String ttl = call("TTL", "doc:ttl");
        assertTrue(ttl.startsWith(":99") || ttl.equals(":1000\r\n"), ttl);
    }

    @Test
    void getWithFormattingOptionsIndentsLikeRedisJson() {
        doc("doc:pretty", "{\"a\":[1,2],\"b\":{},\"c\":[]}");
        String expected = "{\n\t\"a\": [\n\t\t1,\n\t\t2\n\t],\n\t\"b\": {},\n\t\"c\": []\n}";
        assertEquals(bulk(expected), call("JSON.GET", "doc:pretty", "INDENT", "\t", "NEWLINE", "\n", "SPACE", " "));
    }

    @Test
    void getWithSeveralLegacyPathsAnswersAnObjectOfFirstMatches() {
        doc("doc:multi", "{\"a\":1,\"b\":{\"c\":\"x\"}}");
        assertEquals(bulk("{\"a\":1,\".b.c\":\"x\"}"), call("JSON.GET", "doc:multi", "a", ".b.c"));
    }

    @Test
    void getWithSeveralJsonPathsAnswersAnObjectOfMatchLists() {
        doc("doc:multi2", "{\"a\":1,\"b\":{\"a\":2}}");
        assertEquals(bulk("{\"$..a\":[1,2],\"$.none\":[]}"), call("JSON.GET", "doc:multi2", "$..a", "$.none"));
    }

    @Test
    void getWithSeveralLegacyPathsFailsWhenOneIsMissing() {
        doc("doc:multi3", "{\"a\":1}");
        assertEquals(err("ERR Path '.nope' does not exist"), call("JSON.GET", "doc:multi3", ".a", ".nope"));
    }

    @Test
    void mgetAnswersEachKeyAndNilForMissingOrOtherTypes() {
        doc("doc:mg1", "{\"a\":1}");
        doc("doc:mg2", "{\"a\":[2]}");
        call("SET", "doc:mgstr", "x");
        assertEquals(array(bulk("[1]"), bulk("[[2]]"), NIL, NIL),
                call("JSON.MGET", "doc:mg1", "doc:mg2", "doc:mgmissing", "doc:mgstr", "$.a"));
        assertEquals(array(bulk("1"), NIL), call("JSON.MGET", "doc:mg1", "doc:mgmissing", ".a"));
    }

    @Test
    void msetWritesEveryTripletAtomically() {
        doc("doc:ms1", "{\"a\":1}");
        assertEquals(OK, call("JSON.MSET", "doc:ms1", "$.a", "2", "doc:ms2", "$", "{\"b\":3}", "doc:ms1", "$.c", "4"));
        assertEquals("{\"a\":2,\"c\":4}", get("doc:ms1"));
        assertEquals("{\"b\":3}", get("doc:ms2"));
    }

    @Test
    void msetWithOneBadTripletChangesNothing() {
        doc("doc:msbad", "{\"a\":1}");
        assertEquals(err("ERR new objects must be created at the root"),
                call("JSON.MSET", "doc:msbad", "$.a", "2", "doc:msnew", "$.x", "1"));
        assertEquals(err("ERR expected value at line 1 column 1"),
                call("JSON.MSET", "doc:msbad", "$.a", "2", "doc:msnew", "$", "nope"));
        assertEquals("{\"a\":1}", get("doc:msbad"));
        assertEquals(integer(0), call("EXISTS", "doc:msnew"));
    }

    @Test
    void msetWithAnIncompleteTripletIsAnArityError() {
        assertEquals(err("ERR wrong number of arguments for 'json.mset' command"),
                call("JSON.MSET", "doc:ms3", "$", "1", "doc:ms4", "$"));
    }

    @Test
    void typeNamesEveryKindOfValue() {
        doc("doc:types", "{\"o\":{},\"a\":[],\"s\":\"\",\"i\":1,\"n\":1.5,\"b\":false,\"z\":null}");
        assertEquals(array(bulk("object"), bulk("array"), bulk("string"), bulk("integer"), bulk("number"),
                bulk("boolean"), bulk("null")), call("JSON.TYPE", "doc:types", "$.*"));
        assertEquals(bulk("object"), call("JSON.TYPE", "doc:types"));
        assertEquals(bulk("integer"), call("JSON.TYPE", "doc:types", ".i"));
        assertEquals(NIL, call("JSON.TYPE", "doc:types", ".missing"));
        assertEquals(NIL, call("JSON.TYPE", "doc:nosuchkey"));
    }

    @Test
    void typeUnderResp3IsWrappedInAnArray() {
        doc("doc:type3", "{\"i\":1}");
        assertEquals(array(bulk("integer")), call3("JSON.TYPE", "doc:type3", ".i"));
        assertEquals(array(array(bulk("integer"))), call3("JSON.TYPE", "doc:type3", "$.i"));
    }

    @Test
    void respRendersArraysAndObjectsWithTheirMarkers() {
        doc("doc:resp", "{\"a\":[1,\"x\",true,null],\"b\":2.5}");
        assertEquals(array(simple("{"), bulk("a"), array(simple("["), integer(1), bulk("x"), simple("true"), NIL),
                bulk("b"), bulk("2.5")), call("JSON.RESP", "doc:resp"));
        assertEquals(array(array(simple("["), integer(1), bulk("x"), simple("true"), NIL)),
                call("JSON.RESP", "doc:resp", "$.a"));
        assertEquals(err("ERR Path '$.nope' does not exist"), call("JSON.RESP", "doc:resp", "nope"));
    }

    @Test
    void getStaysABulkStringUnderResp3() {
        doc("doc:get3", "{\"a\":1}");
        assertEquals(bulk("[1]"), call3("JSON.GET", "doc:get3", "$.a"));
    }

    @Test
    void commandInfoListsTheJsonCommands() {
        String info = call("COMMAND", "INFO", "json.set", "json.mget", "json.patch");
        assertTrue(info.contains("json.set") && info.contains("json.mget") && info.contains("json.patch"), info);
        assertEquals(array(bulk("a"), bulk("b")), call("COMMAND", "GETKEYS", "JSON.MGET", "a", "b", "$"));
        assertEquals(array(bulk("a"), bulk("b")), call("COMMAND", "GETKEYS", "JSON.MSET", "a", "$", "1", "b", "$", "2"));
    }

    @Test
    void keyspaceCommandsWorkOnJsonKeys() {
        doc("doc:ks", "{\"a\":1}");
        assertEquals(OK, call("RENAME", "doc:ks", "doc:ks2"));
        assertEquals(integer(1), call("COPY", "doc:ks2", "doc:ks3"));
        assertEquals(bulk("{\"a\":1}"), call("JSON.GET", "doc:ks3"));
        assertEquals(integer(1), call("DEL", "doc:ks2"));
        assertEquals(NIL, call("JSON.GET", "doc:ks2"));
    }
}
