package io.cairn.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A reply as a value, independent of the wire format. Command handlers build these; the
 * {@link RespEncoder} writes them as RESP2 or RESP3 (and a later HTTP front end can render
 * the same values as JSON). RESP3-only shapes degrade the way Redis degrades them for RESP2:
 * maps and sets become flat arrays, doubles become bulk strings, booleans become integers.
 */
public sealed interface Reply {

    record Simple(String text) implements Reply {}

    /** {@code text} is the whole error line after '-', prefix included ("ERR ...", "WRONGTYPE ..."). */
    record Error(String text) implements Reply {}

    record Int(long value) implements Reply {}

    record Bulk(byte[] value) implements Reply {
        @Override public String toString() { return "Bulk[" + new String(value, StandardCharsets.UTF_8) + "]"; }
    }

    /** RESP3 null; in RESP2 a null bulk ($-1), or a null array (*-1) when {@code array}. */
    record Null(boolean array) implements Reply {}

    record Array(List<Reply> items) implements Reply {}

    /** Alternating keys and values. */
    record MapReply(List<Reply> keysAndValues) implements Reply {}

    record SetReply(List<Reply> items) implements Reply {}

    record Double(double value) implements Reply {}

    record Bool(boolean value) implements Reply {}

    /** RESP3 verbatim string ({@code format} is three letters, e.g. "txt"); a bulk string in RESP2. */
    record Verbatim(String format, byte[] text) implements Reply {}

    record BigNumber(String digits) implements Reply {}

    record Push(List<Reply> items) implements Reply {}

    /** Bytes already encoded for the connection's protocol; used for pre-encoded constant replies. */
    record Raw(byte[] resp2, byte[] resp3) implements Reply {}

    Reply OK = new Simple("OK");
    Reply QUEUED = new Simple("QUEUED");
    Reply PONG = new Simple("PONG");
    Reply NULL = new Null(false);
    Reply NULL_ARRAY = new Null(true);
    Reply ZERO = new Int(0);
    Reply ONE = new Int(1);
    Reply EMPTY_ARRAY = new Array(List.of());

    static Reply simple(String s) { return new Simple(s); }

    static Reply error(String s) { return new Error(s); }

    /** An "ERR ..." error. */
    static Reply err(String message) { return new Error("ERR " + message); }

    static Reply integer(long v) {
        return v == 0 ? ZERO : v == 1 ? ONE : new Int(v);
    }

    static Reply bool(boolean v) { return new Bool(v); }

    static Reply bulk(byte[] v) { return v == null ? NULL : new Bulk(v); }

    static Reply bulk(String v) { return v == null ? NULL : new Bulk(v.getBytes(StandardCharsets.UTF_8)); }

    static Reply dbl(double v) { return new Double(v); }

    static Reply array(List<Reply> items) { return new Array(items); }

    static Reply array(Reply... items) { return new Array(Arrays.asList(items)); }

    static Reply bulks(List<byte[]> values) {
        List<Reply> out = new ArrayList<>(values.size());
        for (byte[] v : values) out.add(bulk(v));
        return new Array(out);
    }

    static Reply map(List<Reply> keysAndValues) { return new MapReply(keysAndValues); }

    static Reply set(List<Reply> items) { return new SetReply(items); }

    static Reply verbatim(String text) { return new Verbatim("txt", text.getBytes(StandardCharsets.UTF_8)); }

    static Reply push(List<Reply> items) { return new Push(items); }

    default boolean isError() { return this instanceof Error; }
}
