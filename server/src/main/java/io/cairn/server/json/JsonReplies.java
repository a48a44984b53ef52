package io.cairn.server.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.cairn.protocol.Reply;
import io.cairn.server.Session;

/** Reply shapes shared by the JSON families. */
final class JsonReplies {

    private JsonReplies() {}

    static boolean resp3(Session s) {
        return s.protocol() == 3;
    }

    /** A value as its compact JSON text (a bulk string), or nil. */
    static Reply text(JsonNode n) {
        return n == null ? Reply.NULL : Reply.bulk(JsonText.write(n).getBytes(StandardCharsets.UTF_8));
    }

    /** One reply per match, nil for a match of the wrong type (JSONPath replies). */
    static Reply perMatch(List<Location> matches, Predicate<JsonNode> fits, Function<Location, Reply> f) {
        List<Reply> out = new ArrayList<>(matches.size());
        for (Location l : matches) out.add(fits.test(l.get()) ? f.apply(l) : Reply.NULL);
        return Reply.array(out);
    }

    /** Numbers of NUMINCRBY & co. as RESP2 gives them: one JSON array text, null for non-numbers. */
    static Reply numbersAsJson(List<JsonNode> results) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (JsonNode n : results) a.add(n == null ? JsonNodeFactory.instance.nullNode() : n);
        return Reply.bulk(JsonText.write(a));
    }

    /** A number as a RESP3 reply: an integer, or a double. */
    static Reply number(JsonNode n) {
        if (n == null) return Reply.NULL;
        return JsonText.isLong(n) ? Reply.integer(n.longValue()) : Reply.dbl(n.doubleValue());
    }

    /**
     * The order RedisJSON mutates matches in: deeper paths first and, under one parent, higher
     * indexes first, so that removing or popping one match never shifts another.
     */
    static final Comparator<Location> MUTATION_ORDER = (a, b) -> {
        List<Object> x = a.steps(), y = b.steps();
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            Object p = x.get(i), q = y.get(i);
            if (p instanceof Integer i1 && q instanceof Integer i2) {
                if (!i1.equals(i2)) return Integer.compare(i2, i1);
            } else if (p instanceof String s1 && q instanceof String s2) {
                int c = s1.compareTo(s2);
                if (c != 0) return c;
            } else {
                return p instanceof String ? -1 : 1;
            }
        }
        return Integer.compare(y.size(), x.size());
    };

    /** Matches in mutation order, dropping those inside another match (removing the outer one is enough). */
    static List<Location> outermostInMutationOrder(List<Location> matches) {
        List<Location> sorted = new ArrayList<>(matches);
        sorted.sort(Comparator.comparingInt(l -> l.steps().size()));
        List<Location> kept = new ArrayList<>();
        for (Location l : sorted) {
            boolean nested = false;
            for (Location k : kept) {
                if (k.steps().size() <= l.steps().size() && k.steps().equals(l.steps().subList(0, k.steps().size()))) {
                    nested = true;
                    break;
                }
            }
            if (!nested) kept.add(l);
        }
        kept.sort(MUTATION_ORDER);
        return kept;
    }
}
