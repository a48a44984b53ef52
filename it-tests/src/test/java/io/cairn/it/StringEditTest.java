package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * APPEND and SETRANGE: in-place edits that keep TTL and metadata, bounded by
 * proto-max-bulk-len (1 MiB for this class's server, so the limit is cheap to reach).
 */
class StringEditTest extends StringTestSupport {

    private static final int MAX = 1024 * 1024;
    private static final String TOO_BIG = error("ERR string exceeds maximum allowed size (proto-max-bulk-len)");

    @Override
    String[] serverArgs() {
        return new String[] {"--proto-max-bulk-len", "1mb"};
    }

    // ---- APPEND -----------------------------------------------------------------------------

    @Test
    void appendCreatesTheKeyAndRepliesTheNewLength() {
        assertEquals(integer(5), call2("APPEND", "append:k", "Hello"));
        assertEquals(integer(11), call2("APPEND", "append:k", " World"));
        assertEquals(12L, resp3().append("append:k", "!"));
        assertEquals("Hello World!", resp2().get("append:k"));
    }

    @Test
    void appendOfNothingToAnAbsentKeyCreatesAnEmptyString() {
        assertEquals(integer(0), call2("APPEND", "append:empty", ""));
        assertEquals(EMPTY_BULK, call2("GET", "append:empty"));
    }

    @Test
    void appendToANonStringIsWrongType() {
        putJson("append:json", "{}");
        assertEquals(WRONGTYPE, call2("APPEND", "append:json", "x"));
        assertEquals("ReJSON-RL", typeOf("append:json"));
    }

    @Test
    void appendKeepsTtlAndMetadata() {
        long deadline = nowMillis() + 100_000;
        putWithMeta("append:keep", "a", deadline, "meta");
        assertEquals(integer(2), call2("APPEND", "append:keep", "b"));
        assertEquals(deadline, expireAt("append:keep"));
        assertEquals("meta", meta("append:keep"));
    }

    @Test
    void appendBeyondProtoMaxBulkLenIsRefusedAndChangesNothing() {
        String half = "x".repeat(MAX / 2 + 1);
        assertEquals(integer(half.length()), call2("APPEND", "append:big", half));
        assertEquals(TOO_BIG, call2("APPEND", "append:big", half));
        assertEquals((long) half.length(), resp2().strlen("append:big"));
    }

    @Test
    void appendUpToExactlyProtoMaxBulkLenIsAllowed() {
        String half = "y".repeat(MAX / 2);
        call2("APPEND", "append:exact", half);
        assertEquals(integer(MAX), call2("APPEND", "append:exact", half));
    }

    // ---- SETRANGE ---------------------------------------------------------------------------

    @Test
    void setrangeOverwritesFromTheOffsetAndRepliesTheLength() {
        resp2().set("setrange:k", "Hello World");
        assertEquals(integer(11), call2("SETRANGE", "setrange:k", "6", "Redis"));
        assertEquals("Hello Redis", resp2().get("setrange:k"));
        assertEquals(15L, resp3().setrange("setrange:k", 10, "s!!!!"));
        assertEquals("Hello Redis!!!!", resp2().get("setrange:k"));
    }

    @Test
    void setrangePadsWithZeroBytes() {
        assertEquals(integer(8), call2("SETRANGE", "setrange:pad", "5", "abc"));
        assertEquals("$8\r\n\0\0\0\0\0abc\r\n", call2("GET", "setrange:pad"));
    }

    @Test
    void setrangeOfAnEmptyValueOnAnAbsentKeyCreatesNothing() {
        assertEquals(integer(0), call2("SETRANGE", "setrange:nothing", "5", ""));
        assertNull(entry("setrange:nothing"));
    }

    @Test
    void setrangeOfAnEmptyValueRepliesTheCurrentLengthWithoutWriting() {
        resp2().set("setrange:noop", "abc");
        long gen = generation("setrange:noop");
        assertEquals(integer(3), call2("SETRANGE", "setrange:noop", "100", ""));
        assertEquals(gen, generation("setrange:noop"));
        assertEquals("abc", resp2().get("setrange:noop"));
    }

    @Test
    void setrangeWithANegativeOffsetIsOutOfRange() {
        resp2().set("setrange:neg", "abc");
        assertEquals(error("ERR offset is out of range"), call2("SETRANGE", "setrange:neg", "-1", "x"));
        assertEquals(error("ERR offset is out of range"), call2("SETRANGE", "setrange:negabsent", "-1", ""));
        assertEquals("abc", resp2().get("setrange:neg"));
    }

    @Test
    void setrangeWithAnOffsetThatIsNotAnIntegerIsRefused() {
        assertEquals(NOT_INTEGER, call2("SETRANGE", "setrange:nan", "one", "x"));
        assertEquals(NOT_INTEGER, call2("SETRANGE", "setrange:nan", "9223372036854775808", "x"));
        assertNull(entry("setrange:nan"));
    }

    @Test
    void setrangeBeyondProtoMaxBulkLenIsRefusedAndChangesNothing() {
        assertEquals(TOO_BIG, call2("SETRANGE", "setrange:big", Integer.toString(MAX), "x"));
        assertNull(entry("setrange:big"));
        resp2().set("setrange:big2", "abc");
        assertEquals(TOO_BIG, call2("SETRANGE", "setrange:big2", "9223372036854775807", "x"));
        assertEquals(TOO_BIG, call2("SETRANGE", "setrange:big2", Integer.toString(MAX - 1), "xy"));
        assertEquals("abc", resp2().get("setrange:big2"));
    }

    @Test
    void setrangeEndingExactlyAtProtoMaxBulkLenIsAllowed() {
        assertEquals(integer(MAX), call2("SETRANGE", "setrange:edge", Integer.toString(MAX - 1), "x"));
        assertEquals((long) MAX, resp2().strlen("setrange:edge"));
    }

    @Test
    void setrangeOnANonStringIsWrongType() {
        putJson("setrange:json", "{}");
        assertEquals(WRONGTYPE, call2("SETRANGE", "setrange:json", "0", "x"));
        assertEquals(WRONGTYPE, call2("SETRANGE", "setrange:json", "0", ""));
        assertEquals("ReJSON-RL", typeOf("setrange:json"));
    }

    @Test
    void setrangeKeepsTtlAndMetadata() {
        long deadline = nowMillis() + 100_000;
        putWithMeta("setrange:keep", "abc", deadline, "meta");
        assertEquals(integer(3), call2("SETRANGE", "setrange:keep", "1", "X"));
        assertEquals("aXc", resp2().get("setrange:keep"));
        assertEquals(deadline, expireAt("setrange:keep"));
        assertEquals("meta", meta("setrange:keep"));
    }
}
