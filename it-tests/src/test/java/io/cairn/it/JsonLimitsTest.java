package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Nesting depth (128) and document size (proto-max-bulk-len) limits: refused, nothing changed. */
class JsonLimitsTest extends JsonTestSupport {

    static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    @Test
    void documentsNestedUpTo128LevelsAreAccepted() {
        assertEquals(OK, call("JSON.SET", "lim:deep", "$", nested(128)));
    }

    @Test
    void aDocumentNested129LevelsIsRefused() {
        assertEquals(err("ERR recursion limit exceeded: JSON nesting depth is limited to 128"),
                call("JSON.SET", "lim:toodeep", "$", nested(129)));
        assertEquals(integer(0), call("EXISTS", "lim:toodeep"));
        assertEquals(err("ERR recursion limit exceeded: JSON nesting depth is limited to 128"),
                call("JSON.SET", "lim:toodeep", "$", nested(5000)));
    }

    @Test
    void aChangeThatWouldNestTooDeepIsRefusedAndNothingChanges() {
        doc("lim:grow", "{\"a\":" + nested(127) + "}");
        assertEquals(err("ERR recursion limit exceeded: JSON nesting depth is limited to 128"),
                call("JSON.ARRAPPEND", "lim:grow", "$.a" + "[0]".repeat(126), "[1]"));
        assertEquals("{\"a\":" + nested(127) + "}", get("lim:grow"));
    }

    @Test
    void aDocumentLargerThanProtoMaxBulkLenIsRefused() {
        String reply = call("CONFIG", "GET", "proto-max-bulk-len");
        String before = reply.substring(reply.lastIndexOf("$"));
        before = before.substring(before.indexOf("\r\n") + 2, before.length() - 2);
        assertEquals(OK, call("CONFIG", "SET", "proto-max-bulk-len", "1mb"));
        try {
            String chunk = "\"" + "x".repeat(600_000) + "\"";
            doc("lim:big", "[]");
            assertEquals(integer(1), call("JSON.ARRAPPEND", "lim:big", ".", chunk));
            assertEquals(err("ERR JSON document exceeds maximum allowed size (proto-max-bulk-len)"),
                    call("JSON.ARRAPPEND", "lim:big", ".", chunk));
            assertEquals(integer(1), call("JSON.ARRLEN", "lim:big", "."));
        } finally {
            call("CONFIG", "SET", "proto-max-bulk-len", before);
        }
    }
}
