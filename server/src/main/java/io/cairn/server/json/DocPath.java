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
 * </ul>
 * Not adapted (a known difference): a filter applied directly to an object
 * ("$.obj[?(@.x==1)]") tests the object itself in Jayway, its member values in RedisJSON.
 * On arrays, and under "..", both select the same values.
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
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (quote != 0) {
                if (c == '\\') i++;
                else if (c == quote) quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(') {
                depth++;
            } else if (c == ']' || c == ')') {
                if (--depth < 0) return false;
            }
        }
        return depth == 0 && quote == 0;
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
        // With the Jackson provider the path list comes back as an ArrayNode of strings.
        Object paths = compiled.read(doc.root(), JAYWAY);
        List<Location> out = new ArrayList<>();
        if (paths instanceof Iterable<?> list) {
            for (Object p : list) {
                String text = p instanceof JsonNode n ? n.asText() : String.valueOf(p);
                Location l = resolve(doc, text);
                if (l != null) out.add(l);
            }
        }
        return out;
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
        return resolveFrom(doc, doc.root(), path, 1, steps) ? walk(doc, steps) : null;
    }

    private static boolean resolveFrom(JsonDoc doc, JsonNode node, String p, int at, List<Object> steps) {
        if (at == p.length()) return true;
        if (p.charAt(at) != '[') return false;
        if (at + 1 < p.length() && p.charAt(at + 1) == '\'') {
            if (!node.isObject()) return false;
            int from = at + 2;
            for (int end = p.indexOf("']", from); end >= 0; end = p.indexOf("']", end + 1)) {
                String name = p.substring(from, end);
                if (node.has(name)) {
                    steps.add(name);
                    if (resolveFrom(doc, node.get(name), p, end + 2, steps)) return true;
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
        if (resolveFrom(doc, node.get(i), p, close + 1, steps)) return true;
        steps.remove(steps.size() - 1);
        return false;
    }

    @Override
    public String toString() {
        return original;
    }
}
