package io.cairn.server.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;

import io.cairn.protocol.Reply;
import io.cairn.server.CommandFamily;
import io.cairn.server.Server;
import io.cairn.server.Session;
import io.cairn.server.command.Args;
import io.cairn.server.command.CommandTable;
import io.cairn.server.command.Errors;
import io.cairn.storage.Bucket;
import io.cairn.storage.Entry;
import io.cairn.storage.ValueType;

/**
 * JSON.NUMINCRBY and JSON.NUMMULTBY. As in RedisJSON: an integer changed by an integer stays
 * an integer and wraps around on overflow (i64::wrapping_add / wrapping_mul); anything else is
 * computed in doubles, and a result that is not finite is refused.
 */
public final class JsonNumberCommands implements CommandFamily {

    private final JsonDocs docs;

    public JsonNumberCommands(Server server) {
        this.docs = JsonDocs.of(server);
    }

    @Override
    public void register(CommandTable t) {
        t.bind("json.numincrby", (s, a) -> numOp(s, a, true));
        t.bind("json.nummultby", (s, a) -> numOp(s, a, false));
    }

    private Reply numOp(Session s, Args a, boolean add) {
        Bucket b = s.bucket();
        DocPath path = DocPath.parse(a.string(2));
        JsonNode by = operand(a.bytes(3));
        if (path.isStatic()) {
            Reply fast = spliced(s, b, a.bytes(1), path, by, add);
            if (fast != null) return fast;
        }
        JsonDoc doc = docs.require(b, a.bytes(1));
        List<JsonNode> results = new ArrayList<>();
        JsonNode last = null;
        for (Location l : path.select(doc)) {
            JsonNode v = l.get();
            if (!v.isNumber()) {
                results.add(null);
                continue;
            }
            last = compute(v, by, add);
            l.replace(last);
            results.add(last);
        }
        if (path.isLegacy() && last == null) throw JsonErrors.pathMissingOr("does not contains a number");
        if (last != null) docs.store(b, doc);
        if (JsonReplies.resp3(s)) {
            List<Reply> out = new ArrayList<>(results.size());
            for (JsonNode n : results) out.add(JsonReplies.number(n));
            return Reply.array(out);
        }
        if (path.isLegacy()) return Reply.bulk(JsonText.number(last));
        return JsonReplies.numbersAsJson(results);
    }

    /**
     * A definite path to one number: the number's text is replaced in the stored bytes (see
     * {@link NumberSplice}); null when the general path must answer instead.
     */
    private Reply spliced(Session s, Bucket b, byte[] key, DocPath path, JsonNode by, boolean add) {
        Entry e = b.get(key);
        if (e == null || e.type() != ValueType.JSON) return null;
        NumberSplice.Found found = NumberSplice.find(e.value(), path.steps());
        if (found == null) return null;
        JsonNode result = compute(found.value(), by, add);
        byte[] text = JsonText.number(result).getBytes(StandardCharsets.US_ASCII);
        docs.storeSpliced(b, key, e, NumberSplice.splice(e.value(), found.start(), found.end(), text),
                path.steps(), result);
        if (JsonReplies.resp3(s)) return Reply.array(JsonReplies.number(result));
        if (path.isLegacy()) return Reply.bulk(JsonText.number(result));
        return JsonReplies.numbersAsJson(List.of(result));
    }

    /** The number argument, read as JSON as RedisJSON does ("1", "-2.5", "1e3"). */
    private static JsonNode operand(byte[] text) {
        JsonNode n;
        try {
            n = JsonText.parse(text);
        } catch (RuntimeException e) {
            throw Errors.err("expected value at line 1 column 1");
        }
        if (!n.isNumber()) throw Errors.err("expected value at line 1 column 1");
        return n;
    }

    static JsonNode compute(JsonNode v, JsonNode by, boolean add) {
        if (JsonText.isLong(v) && JsonText.isLong(by)) {
            long x = v.longValue(), y = by.longValue();
            return LongNode.valueOf(add ? x + y : x * y);
        }
        double r = add ? v.doubleValue() + by.doubleValue() : v.doubleValue() * by.doubleValue();
        if (Double.isNaN(r) || Double.isInfinite(r)) throw Errors.err("result is not a number");
        return DoubleNode.valueOf(r);
    }
}
