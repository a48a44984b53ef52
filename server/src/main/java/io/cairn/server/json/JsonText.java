package io.cairn.server.json;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cairn.server.command.CommandException;
import io.cairn.server.command.Errors;

/**
 * JSON text in and out, as RedisJSON (serde_json) reads and writes it: integers stay integers
 * (up to 2^64-1, as RedisJSON keeps u64; larger ones become doubles), floats are printed the
 * shortest way ryu prints them ("1e300", "3.0", "0.1"), non-ASCII is written as UTF-8, not
 * escaped. Jackson's own writer is not used because it prints doubles Java's way ("1.0E300").
 */
public final class JsonText {

    /** RedisJSON's default nesting limit. */
    public static final int MAX_DEPTH = 128;

    private static final BigInteger U64_MAX = new BigInteger("18446744073709551615");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        // Jackson's own depth guard (1000) would answer a stack of 129..1000 with its own text;
        // ours is checked on the tree, so Jackson only needs to stop pathological input early.
        MAPPER.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH + 1).build());
    }

    private JsonText() {}

    /** Parses one JSON value, refusing bad JSON and documents nested deeper than 128. */
    public static JsonNode parse(byte[] text) {
        JsonNode node;
        try {
            if (text.length == 0) throw Errors.err("EOF while parsing a value at line 1 column 0");
            node = MAPPER.readTree(text);
        } catch (StreamConstraintsException e) {
            throw depthExceeded();
        } catch (JsonProcessingException e) {
            throw Errors.err(describe(e));
        } catch (java.io.IOException e) {
            throw Errors.err("invalid JSON");
        }
        if (node == null || node.isMissingNode()) throw Errors.err("EOF while parsing a value at line 1 column 0");
        JsonNode normalized = normalize(node);
        checkDepth(normalized);
        return normalized;
    }

    public static JsonNode parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    public static CommandException depthExceeded() {
        return Errors.err("recursion limit exceeded: JSON nesting depth is limited to " + MAX_DEPTH);
    }

    /** A serde-like message: where the text went wrong, and whether it just ended too early. */
    private static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        long line = at == null ? 1 : Math.max(1, at.getLineNr());
        long column = at == null ? 1 : Math.max(1, at.getColumnNr());
        String msg = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (msg.contains("end-of-input")) return "EOF while parsing a value at line " + line + " column " + column;
        if (msg.contains("Trailing token")) return "trailing characters at line " + line + " column " + column;
        return "expected value at line " + line + " column " + column;
    }

    /** Integers past u64 become doubles (as in RedisJSON); infinite numbers are refused. */
    private static JsonNode normalize(JsonNode n) {
        if (n.isBigInteger()) {
            BigInteger v = n.bigIntegerValue();
            if (v.signum() < 0 || v.compareTo(U64_MAX) > 0) return DoubleNode.valueOf(v.doubleValue());
            return n;
        }
        if (n.isFloatingPointNumber()) {
            double d = n.doubleValue();
            if (Double.isInfinite(d) || Double.isNaN(d)) throw Errors.err("number out of range");
            return n.isDouble() ? n : DoubleNode.valueOf(d);
        }
        if (n instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                JsonNode c = a.get(i);
                if (c.isContainerNode() || c.isNumber()) a.set(i, normalize(c));
            }
        } else if (n instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isContainerNode() || e.getValue().isNumber()) e.setValue(normalize(e.getValue()));
            }
        }
        return n;
    }

    /** Refuses a tree nested deeper than {@link #MAX_DEPTH} containers. */
    public static void checkDepth(JsonNode root) {
        if (depth(root, 0) > MAX_DEPTH) throw depthExceeded();
    }

    private static int depth(JsonNode n, int level) {
        if (!n.isContainerNode()) return level;
        int here = level + 1;
        if (here > MAX_DEPTH) return here;
        int max = here;
        for (JsonNode c : n) {
            if (c.isContainerNode()) max = Math.max(max, depth(c, here));
            if (max > MAX_DEPTH) return max;
        }
        return max;
    }

    // ---- writing ------------------------------------------------------------------------------

    /** JSON.GET's INDENT / NEWLINE / SPACE; all empty is the compact form. */
    public record Format(String indent, String newline, String space) {
        public static final Format COMPACT = new Format("", "", "");

        boolean compact() {
            return indent.isEmpty() && newline.isEmpty() && space.isEmpty();
        }
    }

    public static byte[] bytes(JsonNode n) {
        return write(n, Format.COMPACT).getBytes(StandardCharsets.UTF_8);
    }

    public static String write(JsonNode n) {
        return write(n, Format.COMPACT);
    }

    public static String write(JsonNode n, Format f) {
        StringBuilder out = new StringBuilder(64);
        write(out, n, f, 0);
        return out.toString();
    }

    /** The layout of RedisJSON's formatter: an element per line, keys followed by ":" + SPACE. */
    private static void write(StringBuilder out, JsonNode n, Format f, int level) {
        switch (n.getNodeType()) {
            case OBJECT -> {
                out.append('{');
                boolean first = true;
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!first) out.append(',');
                    first = false;
                    newline(out, f, level + 1);
                    string(out, e.getKey());
                    out.append(':').append(f.space());
                    write(out, e.getValue(), f, level + 1);
                }
                if (!first) newline(out, f, level);
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                boolean first = true;
                for (JsonNode c : n) {
                    if (!first) out.append(',');
                    first = false;
                    newline(out, f, level + 1);
                    write(out, c, f, level + 1);
                }
                if (!first) newline(out, f, level);
                out.append(']');
            }
            case STRING -> string(out, n.textValue());
            case BOOLEAN -> out.append(n.booleanValue());
            case NULL, MISSING -> out.append("null");
            case NUMBER -> out.append(number(n));
            default -> out.append(n.toString());
        }
    }

    private static void newline(StringBuilder out, Format f, int level) {
        if (f.compact()) return;
        out.append(f.newline());
        for (int i = 0; i < level; i++) out.append(f.indent());
    }

    /** A number as RedisJSON prints it: integers exactly, doubles the ryu way. */
    public static String number(JsonNode n) {
        if (n.isIntegralNumber()) return n.isBigInteger() ? n.bigIntegerValue().toString() : Long.toString(n.longValue());
        return formatDouble(n.doubleValue());
    }

    /**
     * Ryu's layout (serde_json's float output): shortest digits; plain notation when the
     * decimal point falls within 16 digits (integral values keep ".0"), "0.000ddd" down to
     * 1e-5, scientific ("1e300", "1.5e-7") beyond.
     */
    public static String formatDouble(double d) {
        if (d == 0) return (1 / d < 0) ? "-0.0" : "0.0";
        // Double.toString gives the digits ("123.5", "1.0E300", "1.5E-7"); re-laid out ryu's
        // way without BigDecimal, which cost milliseconds on documents with many floats.
        String java = Double.toString(Math.abs(d));
        int e = java.indexOf('E');
        String mantissa = e < 0 ? java : java.substring(0, e);
        int exp = e < 0 ? 0 : Integer.parseInt(java.substring(e + 1));
        int dot = mantissa.indexOf('.');
        String intPart = mantissa.substring(0, dot);
        String frac = mantissa.substring(dot + 1);
        StringBuilder all = new StringBuilder(intPart.length() + frac.length()).append(intPart).append(frac);
        int pointAt = intPart.length() + exp;   // decimal point position within all's digits
        int lead = 0;
        while (lead < all.length() - 1 && all.charAt(lead) == '0') lead++;
        int end = all.length();
        while (end > lead + 1 && all.charAt(end - 1) == '0') end--;
        String digits = all.substring(lead, end);
        int length = digits.length();
        int kk = pointAt - lead;                // value = 0.digits * 10^kk
        int k = kk - length;                    // value = digits * 10^k
        StringBuilder out = new StringBuilder(24);
        if (d < 0) out.append('-');
        if (k >= 0 && kk <= 16) {
            out.append(digits);
            for (int i = 0; i < k; i++) out.append('0');
            out.append(".0");
        } else if (kk > 0 && kk <= 16) {
            out.append(digits, 0, kk).append('.').append(digits, kk, length);
        } else if (kk > -5 && kk <= 0) {
            out.append("0.");
            for (int i = 0; i < -kk; i++) out.append('0');
            out.append(digits);
        } else {
            out.append(digits.charAt(0));
            if (length > 1) out.append('.').append(digits, 1, length);
            out.append('e').append(kk - 1);
        }
        return out.toString();
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }

    /** RedisJSON's type names (JSON.TYPE). */
    public static String typeName(JsonNode n) {
        return switch (n.getNodeType()) {
            case OBJECT -> "object";
            case ARRAY -> "array";
            case STRING -> "string";
            case BOOLEAN -> "boolean";
            case NUMBER -> isInteger(n) ? "integer" : "number";
            default -> "null";
        };
    }

    /** An integer node that RedisJSON calculates on as an integer (fits in 64-bit signed). */
    public static boolean isLong(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToLong();
    }

    public static boolean isInteger(JsonNode n) {
        return n.isIntegralNumber();
    }

    /**
     * RedisJSON's equality (ARRINDEX): integers equal integers of the same value, doubles
     * equal doubles; 1 and 1.0 differ. Jackson's equals would also tell IntNode(1) from LongNode(1).
     */
    public static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.getNodeType() != b.getNodeType()) return false;
        switch (a.getNodeType()) {
            case NUMBER:
                if (a.isIntegralNumber() != b.isIntegralNumber()) return false;
                return a.isIntegralNumber() ? a.bigIntegerValue().equals(b.bigIntegerValue())
                        : a.doubleValue() == b.doubleValue();
            case ARRAY:
                if (a.size() != b.size()) return false;
                for (int i = 0; i < a.size(); i++) if (!sameValue(a.get(i), b.get(i))) return false;
                return true;
            case OBJECT:
                if (a.size() != b.size()) return false;
                for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonNode other = b.get(e.getKey());
                    if (other == null || !sameValue(e.getValue(), other)) return false;
                }
                return true;
            default:
                return a.equals(b);
        }
    }
}
