package io.cairn.server.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;

import io.cairn.server.command.CommandException;
import io.cairn.server.command.Errors;

/**
 * A path argument of a JSON.* command, in either of RedisJSON 2's syntaxes: a JSONPath
 * (starts with "$"; replies carry one entry per match) or a legacy path (".", ".a.b", "a.b",
 * "[0]", ["a"]; replies carry the first match and a missing path is an error). A legacy path is
 * translated to the JSONPath it means and remembers that it was legacy.
 *
 * <p>Matching: a definite path made only of names and indexes ("$.stats.score", "$.tags[-1]")
 * is walked directly; anything else (wildcards, "..", slices, unions, filters) is evaluated by
 * Jayway on the Jackson tree, asking for the matches' normalized paths (AS_PATH_LIST) and
 * resolving each to a {@link Location}. Adaptations to RedisJSON's semantics:
 * <ul>
 *   <li>Jayway throws PathNotFoundException for a definite path whose leaf is missing and can
 *       return null for it (DEFAULT_PATH_LEAF_TO_NULL); RedisJSON answers "no match". We use
 *       SUPPRESS_EXCEPTIONS without the leaf-to-null option, so a missing leaf is no match.</li>
 *   <li>Jayway treats a definite path as a single value and an indefinite one as a list;
 *       RedisJSON's JSONPath replies are always a list of matches, so ALWAYS_RETURN_LIST.</li>
 *   <li>Jayway's normalized paths do not escape quotes inside names ($['a']['b']), so a
 *       name containing "']" is resolved against the tree, trying each possible split.</li>
 *   <li>Jayway quietly reads some unterminated paths ("$.a[" as "$.a"); RedisJSON refuses
 *       them, so brackets and quotes must balance.</li>
 *   <li>A filter after a path ("$.obj[?(@.x==1)]") tests the member values of an object in
 *       RedisJSON, the object itself in Jayway; such filters are evaluated here, see
 *       {@link #matchPaths}. Directly after ".." Jayway's reading is kept; a filter that refers to
 *       the root ("$") sees only the value tested there.</li>
 * </ul>
 */
public final class DocPath {

    private static final Configuration JAYWAY = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider())
            .mappingProvider(new JacksonMappingProvider())
            .options(Option.AS_PATH_LIST, Option.ALWAYS_RETURN_LIST, Option.SUPPRESS_EXCEPTIONS)
            .build();

    /** Compiled paths by text; small and bounded, as clients repeat the same few paths. */
    private static final Map<String, DocPath> CACHE = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, DocPath> e) {
                    return size() > 1024;
                }
            });

    public static final DocPath LEGACY_ROOT = parse(".");

    private final String original;
    private final String jsonPath;
    private final boolean legacy;
    /** Field names and indexes of a definite path, or null when Jayway evaluates it. */
    private final List<Object> steps;
    private final JsonPath compiled;

    private DocPath(String original, String jsonPath, boolean legacy, List<Object> steps, JsonPath compiled) {
        this.original = original;
        this.jsonPath = jsonPath;
        this.legacy = legacy;
        this.steps = steps;
        this.compiled = compiled;
    }

    /** Parses a path argument, or answers RedisJSON's path syntax error. */
    public static DocPath parse(String text) {
        DocPath cached = CACHE.get(text);
        if (cached != null) return cached;
        DocPath p = compile(text);
        CACHE.put(text, p);
        return p;
    }

    private static DocPath compile(String text) {
        boolean legacy = !text.startsWith("$");
        String jp;
        if (!legacy) jp = text;
        else if (text.equals(".")) jp = "$";
        else if (text.startsWith(".") || text.startsWith("[")) jp = "$" + text;
        else jp = "$." + text;
        if (text.isEmpty()) throw syntaxError(text, "empty path");
        List<Object> steps = StaticSteps.parse(jp);
        JsonPath compiled = null;
        // Jayway quietly accepts some unterminated paths ("$.a[" reads as "$.a");
        // RedisJSON refuses them, so brackets and quotes must balance.
        if (steps == null && !balanced(jp)) throw syntaxError(text, "unbalanced brackets or quotes");
        if (steps == null) {
            try {
                compiled = JsonPath.compile(jp);
            } catch (RuntimeException e) {
                // Jayway reports some malformed paths as a wrapped StringIndexOutOfBoundsException.
                String why = e.getMessage() == null || e.getMessage().startsWith("java.") ? "invalid path" : e.getMessage();
                throw syntaxError(text, why);
            }
        }
        return new DocPath(text, jp, legacy, steps, compiled);
    }

    private static boolean balanced(String p) {
        int[] depth = {0};
        int end = scanUnquoted(p, 0, i -> {
            char c = p.charAt(i);
            if (c == '[' || c == '(') depth[0]++;
            else if (c == ']' || c == ')') return --depth[0] < 0;
            return false;
        });
        return end == p.length() && depth[0] == 0;
    }

    /**
     * Calls {@code stopAt} with the index of every character of {@code p} outside quotes, from
     * {@code from}, until it answers true; returns that index, {@code p.length()} when it never
     * did, or -1 when the text ends inside a quote.
     */
    private static int scanUnquoted(String p, int from, java.util.function.IntPredicate stopAt) {
        char quote = 0;
        for (int i = from; i < p.length(); i++) {
            char c = p.charAt(i);
            if (quote != 0) {
                if (c == '\\') i++;
                else if (c == quote) quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (stopAt.test(i)) {
                return i;
            }
        }
        return quote == 0 ? p.length() : -1;
    }

    private static CommandException syntaxError(String path, String why) {
        return Errors.err("JSON Path error: path error: " + why + " (in '" + path + "')");
    }

    public String original() {
        return original;
    }

    /** The JSONPath this path means ("$.a.b" for the legacy "a.b"), as RedisJSON's errors name it. */
    public String jsonPath() {
        return jsonPath;
    }

    public boolean isLegacy() {
        return legacy;
    }

    public boolean isRoot() {
        return steps != null && steps.isEmpty();
    }

    /** A definite path (names and indexes only), which JSON.SET can create the last step of. */
    public boolean isStatic() {
        return steps != null;
    }

    public List<Object> steps() {
        return steps;
    }

    /** Every match in document order (Jayway's order for indefinite paths). */
    public List<Location> select(JsonDoc doc) {
        if (steps != null) {
            Location l = walk(doc, steps);
            return l == null ? List.of() : List.of(l);
        }
        List<Location> out = new ArrayList<>();
        for (String text : matchPaths(doc.root(), jsonPath, compiled)) {
            Location l = resolve(doc, text);
            if (l != null) out.add(l);
        }
        return out;
    }

    /**
     * Jayway's normalized paths of the matches of {@code path} in {@code root}. A filter is
     * evaluated here, not by Jayway, when a path goes on before it: RedisJSON tests a filter
     * against the elements of an array and the member values of an object, while Jayway tests an
     * object itself. So the part before the filter is matched by Jayway, each element or member
     * value of each match is tested with the filter alone, and the rest of the path continues
     * from the values that pass (on arrays both ways give the same matches).
     */
    private static List<String> matchPaths(JsonNode root, String path, JsonPath compiled) {
        int[] filter = firstFilter(path);
        if (filter == null) return jaywayPaths(root, compiled != null ? compiled : JsonPath.compile(path));
        String before = path.substring(0, filter[0]);
        String predicate = path.substring(filter[0], filter[1]);
        String after = path.substring(filter[1]);
        JsonPath test = JsonPath.compile("$" + predicate);
        JsonPath rest = after.isEmpty() ? null : JsonPath.compile("$" + after);
        List<String> out = new ArrayList<>();
        for (String parentPath : jaywayPaths(root, JsonPath.compile(before))) {
            JsonNode parent = nodeAt(root, parentPath);
            if (parent == null || !parent.isContainerNode()) continue;
            List<String> childPaths = new ArrayList<>();
            List<JsonNode> children = new ArrayList<>();
            if (parent.isArray()) {
                for (int i = 0; i < parent.size(); i++) {
                    childPaths.add(parentPath + "[" + i + "]");
                    children.add(parent.get(i));
                }
            } else {
                parent.fields().forEachRemaining(e -> {
                    childPaths.add(parentPath + "['" + e.getKey() + "']");
                    children.add(e.getValue());
                });
            }
            for (int i = 0; i < children.size(); i++) {
                // The filter alone, against an array holding just this value.
                com.fasterxml.jackson.databind.node.ArrayNode one = com.fasterxml.jackson.databind.node.JsonNodeFactory
                        .instance.arrayNode().add(children.get(i));
                if (jaywayPaths(one, test).isEmpty()) continue;
                if (rest == null) {
                    out.add(childPaths.get(i));
                } else {
                    for (String sub : matchPaths(children.get(i), "$" + after, rest)) {
                        out.add(childPaths.get(i) + sub.substring(1));
                    }
                }
            }
        }
        return out;
    }

    /** [start, end) of the first "[?(...)]" that does not follow "..", or null. */
    private static int[] firstFilter(String p) {
        int at = scanUnquoted(p, 0, i -> p.startsWith("[?(", i));
        if (at < 0 || at == p.length()) return null;
        if (p.substring(0, at).endsWith("..")) return null; // "$..[?(...)]": Jayway's own reading is RedisJSON's there
        int end = closing(p, at);
        return end < 0 ? null : new int[] {at, end};
    }

    /** The index after the "]" that closes the bracket opened at {@code open}, or -1. */
    private static int closing(String p, int open) {
        int[] depth = {0};
        int at = scanUnquoted(p, open, i -> {
            char c = p.charAt(i);
            if (c == '[' || c == '(') depth[0]++;
            else if (c == ']' || c == ')') return --depth[0] == 0;
            return false;
        });
        return at < 0 || at == p.length() ? -1 : at + 1;
    }

    private static List<String> jaywayPaths(JsonNode root, JsonPath path) {
        // With the Jackson provider the path list comes back as an ArrayNode of strings.
        Object paths = path.read(root, JAYWAY);
        List<String> out = new ArrayList<>();
        if (paths instanceof Iterable<?> list) {
            for (Object p : list) out.add(p instanceof JsonNode n ? n.asText() : String.valueOf(p));
        }
        return out;
    }

    /** The node a normalized path names, or null. */
    private static JsonNode nodeAt(JsonNode root, String path) {
        List<Object> steps = new ArrayList<>();
        if (!resolveSteps(root, path, 1, steps)) return null;
        JsonNode n = root;
        for (Object s : steps) n = s instanceof String name ? n.get(name) : n.get((Integer) s);
        return n;
    }

    /** The first match or null (legacy paths use only the first). */
    public Location first(JsonDoc doc) {
        List<Location> all = select(doc);
        return all.isEmpty() ? null : all.get(0);
    }

    /** Follows names and indexes (negative from the end); null when any step is missing. */
    static Location walk(JsonDoc doc, List<Object> steps) {
        JsonNode parent = null;
        JsonNode node = doc.root();
        String field = null;
        int index = -1;
        List<Object> resolved = new ArrayList<>(steps.size());
        for (Object s : steps) {
            if (s instanceof String name) {
                if (!node.isObject() || !node.has(name)) return null;
                parent = node;
                field = name;
                index = -1;
                node = node.get(name);
                resolved.add(name);
            } else {
                int i = (Integer) s;
                if (!node.isArray()) return null;
                if (i < 0) i += node.size();
                if (i < 0 || i >= node.size()) return null;
                parent = node;
                field = null;
                index = i;
                node = node.get(i);
                resolved.add(i);
            }
        }
        return parent == null ? Location.root(doc) : new Location(doc, parent, field, index, resolved);
    }

    /** Resolves one of Jayway's normalized paths ($['a'][0]['b']) against the tree. */
    private static Location resolve(JsonDoc doc, String path) {
        List<Object> steps = new ArrayList<>();
        return resolveSteps(doc.root(), path, 1, steps) ? walk(doc, steps) : null;
    }

    private static boolean resolveSteps(JsonNode node, String p, int at, List<Object> steps) {
        if (at == p.length()) return true;
        if (p.charAt(at) != '[') return false;
        if (at + 1 < p.length() && p.charAt(at + 1) == '\'') {
            if (!node.isObject()) return false;
            int from = at + 2;
            for (int end = p.indexOf("']", from); end >= 0; end = p.indexOf("']", end + 1)) {
                String name = p.substring(from, end);
                if (node.has(name)) {
                    steps.add(name);
                    if (resolveSteps(node.get(name), p, end + 2, steps)) return true;
                    steps.remove(steps.size() - 1);
                }
            }
            return false;
        }
        int close = p.indexOf(']', at);
        if (close < 0 || !node.isArray()) return false;
        int i;
        try {
            i = Integer.parseInt(p.substring(at + 1, close));
        } catch (NumberFormatException e) {
            return false;
        }
        if (i < 0 || i >= node.size()) return false;
        steps.add(i);
        if (resolveSteps(node.get(i), p, close + 1, steps)) return true;
        steps.remove(steps.size() - 1);
        return false;
    }

    @Override
    public String toString() {
        return original;
    }
}
