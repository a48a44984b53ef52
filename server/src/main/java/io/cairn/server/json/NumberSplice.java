package io.cairn.server.json;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;

/**
 * Finds the bytes of one number in a stored document, for JSON.NUMINCRBY / NUMMULTBY on a
 * definite path: the stored text is always our own compact output, so replacing the number's
 * text with the new number's text gives exactly the document the tree writer would produce,
 * without building the tree or writing 100 KB back out. A streaming parser walks only up to
 * the number (skipping whole siblings), so a field near the start costs next to nothing.
 * Anything unusual (a negative index, a missing step, a value that is not a plain 64-bit
 * integer or double) answers null and the command takes the general path.
 */
final class NumberSplice {

    private static final JsonFactory FACTORY = new JsonFactory();

    /** The number found: its value and its byte range [start, end) in the text. */
    record Found(JsonNode value, int start, int end) {}

    private NumberSplice() {}

    static Found find(byte[] json, List<Object> steps) {
        if (steps.isEmpty()) return null;
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken t = p.nextToken();
            for (Object step : steps) {
                if (!(step instanceof String name ? enterField(p, t, name) : enterIndex(p, t, (Integer) step))) return null;
                t = p.currentToken();
            }
            JsonNode value;
            if (t == JsonToken.VALUE_NUMBER_INT) {
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) return null;
                value = LongNode.valueOf(p.getLongValue());
            } else if (t == JsonToken.VALUE_NUMBER_FLOAT) {
                value = DoubleNode.valueOf(p.getDoubleValue());
            } else {
                return null;
            }
            long start = p.currentTokenLocation().getByteOffset();
            if (start < 0 || start >= json.length) return null;
            int end = (int) start;
            while (end < json.length && isNumberChar(json[end])) end++;
            return new Found(value, (int) start, end);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Moves onto the value of member {@code name} of the object at the current token. */
    private static boolean enterField(JsonParser p, JsonToken t, String name) throws IOException {
        if (t != JsonToken.START_OBJECT) return false;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            boolean match = name.equals(p.currentName());
            p.nextToken();
            if (match) return true;
            p.skipChildren();
        }
        return false;
    }

    /** Moves onto element {@code index} (not negative) of the array at the current token. */
    private static boolean enterIndex(JsonParser p, JsonToken t, int index) throws IOException {
        if (t != JsonToken.START_ARRAY || index < 0) return false;
        for (int i = 0; (t = p.nextToken()) != JsonToken.END_ARRAY && t != null; i++) {
            if (i == index) return true;
            p.skipChildren();
        }
        return false;
    }

    private static boolean isNumberChar(byte b) {
        return (b >= '0' && b <= '9') || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E';
    }

    /** {@code json} with bytes [start, end) replaced by {@code text}. */
    static byte[] splice(byte[] json, int start, int end, byte[] text) {
        byte[] out = new byte[json.length - (end - start) + text.length];
        System.arraycopy(json, 0, out, 0, start);
        System.arraycopy(text, 0, out, start, text.length);
        System.arraycopy(json, end, out, start + text.length, json.length - end);
        return out;
    }
}
