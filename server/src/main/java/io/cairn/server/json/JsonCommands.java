package io.cairn.server.json;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cairn.protocol.Reply;
import io.cairn.server.CommandFamily;
import io.cairn.server.Server;
import io.cairn.server.Session;
import io.cairn.server.command.Args;
import io.cairn.server.command.CommandException;
import io.cairn.server.command.CommandTable;
import io.cairn.server.command.Errors;
import io.cairn.storage.Bucket;
import io.cairn.storage.WriteBatch;

/**
 * RedisJSON's document-level commands: JSON.SET GET MGET MSET DEL FORGET TYPE CLEAR TOGGLE
 * MERGE RESP, following redis_json/src/commands.rs (RedisJSON 2.x: no creation of missing
 * intermediate objects). Each handler runs under the keyspace lock, and changes a copy of the
 * tree that is stored only once the whole command has succeeded, so an error changes nothing.
 */
public final class JsonCommands implements CommandFamily {

    private final JsonDocs docs;

    public JsonCommands(Server server) {
        this.docs = JsonDocs.of(server);
    }

    @Override
    public void register(CommandTable t) {
        t.bind("json.set", this::set);
        t.bind("json.get", this::get);
        t.bind("json.mget", this::mget);
        t.bind("json.mset", this::mset);
        t.bind("json.del", this::del);
        t.bind("json.forget", this::del);
        t.bind("json.type", this::type);
        t.bind("json.clear", this::clear);
        t.bind("json.toggle", this::toggle);
        t.bind("json.merge", this::merge);
        t.bind("json.resp", this::resp);
    }

    // ---- JSON.SET ---------------------------------------------------------------------------

    private Reply set(Session s, Args a) {
        boolean nx = false, xx = false;
        for (int i = 4; i < a.count(); i++) {
            if (a.is(i, "NX") && !nx && !xx) nx = true;
            else if (a.is(i, "XX") && !nx && !xx) xx = true;
            else throw Errors.syntax();
        }
        Bucket b = s.bucket();
        JsonDoc doc = docs.edit(b, a.bytes(1));
        JsonNode value = JsonText.parse(a.bytes(3));
        DocPath path = DocPath.parse(a.string(2));
        if (doc == null) {
            if (xx) return Reply.NULL;
            if (!path.isRoot()) throw JsonErrors.notRoot();
            docs.store(b, docs.fresh(a.bytes(1), value));
            return Reply.OK;
        }
        SetOutcome outcome = setAt(doc, path, value, nx, xx);
        if (outcome == SetOutcome.CHANGED) docs.store(b, doc);
        return outcome == SetOutcome.CHANGED ? Reply.OK : Reply.NULL;
    }

    enum SetOutcome { CHANGED, NOT_SET }

    /** JSON.SET on an existing document: replace every match, or add the last name of a definite path. */
    static SetOutcome setAt(JsonDoc doc, DocPath path, JsonNode value, boolean nx, boolean xx) {
        if (path.isRoot()) {
            if (nx) return SetOutcome.NOT_SET;
            doc.setRoot(value);
            return SetOutcome.CHANGED;
        }
        List<Location> matches = path.select(doc);
        if (!matches.isEmpty()) {
            if (nx) return SetOutcome.NOT_SET;
            boolean first = true;
            for (Location l : matches) {
                l.replace(first ? value : value.deepCopy());
                first = false;
            }
            return SetOutcome.CHANGED;
        }
        if (xx) return SetOutcome.NOT_SET;
        return add(doc, path, value) ? SetOutcome.CHANGED : SetOutcome.NOT_SET;
    }

    /** Adds a new member named by the last step of a definite path whose parent is an object. */
    static boolean add(JsonDoc doc, DocPath path, JsonNode value) {
        if (!path.isStatic()) throw Errors.err("wrong static path");
        List<Object> steps = path.steps();
        Object last = steps.get(steps.size() - 1);
        if (last instanceof Integer) throw Errors.err("array index out of range");
        Location parent = DocPath.walk(doc, steps.subList(0, steps.size() - 1));
        if (parent == null || !parent.get().isObject()) return false;
        ((ObjectNode) parent.get()).set((String) last, value);
        return true;
    }

    // ---- JSON.GET / JSON.MGET ---------------------------------------------------------------

    private Reply get(Session s, Args a) {
        String indent = "", newline = "", space = "";
        List<String> paths = new ArrayList<>();
        for (int i = 2; i < a.count(); i++) {
            if (a.is(i, "INDENT") || a.is(i, "NEWLINE") || a.is(i, "SPACE")) {
                if (i + 1 >= a.count()) throw Errors.wrongArgs("json.get");
                String v = a.string(i + 1);
                if (a.is(i, "INDENT")) indent = v;
                else if (a.is(i, "NEWLINE")) newline = v;
                else space = v;
                i++;
            } else if (a.is(i, "NOESCAPE")) {
                // Accepted and ignored, as RedisJSON does for ReJSON 1.0 compatibility.
            } else {
                paths.add(a.string(i));
            }
        }
        JsonText.Format format = new JsonText.Format(indent, newline, space);
        JsonDoc doc = docs.read(s.bucket(), a.bytes(1));
        if (paths.size() <= 1) {
            DocPath path = paths.isEmpty() ? DocPath.LEGACY_ROOT : DocPath.parse(paths.get(0));
            if (doc == null) return Reply.NULL;
            return Reply.bulk(JsonText.write(valueAt(doc, path), format));
        }
        if (doc == null) return Reply.NULL;
        // Several paths: an object keyed by each path as given; a path that does not parse is
        // left out, as RedisJSON does.
        List<DocPath> parsed = new ArrayList<>();
        for (String p : paths) {
            try {
                parsed.add(DocPath.parse(p));
            } catch (CommandException e) {
                // skipped
            }
        }
        boolean legacy = parsed.stream().allMatch(DocPath::isLegacy);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (DocPath p : parsed) {
            if (legacy) {
                Location l = p.first(doc);
                if (l == null) throw Errors.err("Path '" + p.original() + "' does not exist");
                out.set(p.original(), l.get());
            } else {
                out.set(p.original(), matchesArray(doc, p));
            }
        }
        return Reply.bulk(JsonText.write(out, format));
    }

    /** What one path reads: the first match for a legacy path (error when absent), all matches for JSONPath. */
    static JsonNode valueAt(JsonDoc doc, DocPath path) {
        if (!path.isLegacy()) return matchesArray(doc, path);
        Location l = path.first(doc);
        if (l == null) throw JsonErrors.pathMissing(path);
        return l.get();
    }

    static JsonNode matchesArray(JsonDoc doc, DocPath path) {
        var arr = JsonNodeFactory.instance.arrayNode();
        for (Location l : path.select(doc)) arr.add(l.get());
        return arr;
    }

    private Reply mget(Session s, Args a) {
        DocPath path;
        try {
            path = DocPath.parse(a.string(a.count() - 1));
        } catch (CommandException e) {
            path = null;
        }
        List<Reply> out = new ArrayList<>(a.count() - 2);
        for (int i = 1; i < a.count() - 1; i++) {
            out.add(mgetOne(s.bucket(), a.bytes(i), path));
        }
        return Reply.array(out);
    }

    /** One key of JSON.MGET: nil for a missing key, a key of another type or a missing legacy path. */
    private Reply mgetOne(Bucket b, byte[] key, DocPath path) {
        if (path == null) return Reply.NULL;
        try {
            JsonDoc doc = docs.read(b, key);
            if (doc == null) return Reply.NULL;
            if (path.isLegacy()) {
                Location l = path.first(doc);
                return l == null ? Reply.NULL : JsonReplies.text(l.get());
            }
            return JsonReplies.text(matchesArray(doc, path));
        } catch (CommandException e) {
            return Reply.NULL;
        }
    }

    // ---- JSON.MSET --------------------------------------------------------------------------

    /**
     * All triplets are applied to copies first; only when every one is valid are the changed
     * documents written, in one batch, so a bad triplet anywhere changes nothing.
     */
    private Reply mset(Session s, Args a) {
        if ((a.count() - 1) % 3 != 0) throw Errors.wrongArgs("json.mset");
        Bucket b = s.bucket();
        Map<ByteBuffer, JsonDoc> touched = new LinkedHashMap<>();
        boolean all = true;
        for (int i = 1; i < a.count(); i += 3) {
            byte[] key = a.bytes(i);
            ByteBuffer k = ByteBuffer.wrap(key);
            JsonDoc doc = touched.containsKey(k) ? touched.get(k) : docs.edit(b, key);
            DocPath path = DocPath.parse(a.string(i + 1));
            JsonNode value = JsonText.parse(a.bytes(i + 2));
            if (doc == null) {
                if (!path.isRoot()) throw JsonErrors.notRoot();
                doc = docs.fresh(key, value);
            } else if (setAt(doc, path, value, false, false) != SetOutcome.CHANGED) {
                all = false;
            }
            touched.put(k, doc);
        }
        WriteBatch batch = new WriteBatch();
        for (JsonDoc doc : touched.values()) docs.store(b, doc, docs.encode(doc), batch);
        b.commit(batch);
        return all ? Reply.OK : Reply.NULL;
    }

    // ---- JSON.DEL / FORGET ------------------------------------------------------------------

    private Reply del(Session s, Args a) {
        if (a.count() > 3) throw Errors.wrongArgs(a.string(0).toLowerCase());
        Bucket b = s.bucket();
        DocPath path = a.count() > 2 ? DocPath.parse(a.string(2)) : DocPath.LEGACY_ROOT;
        JsonDoc doc = docs.edit(b, a.bytes(1));
        if (doc == null) return Reply.ZERO;
        if (path.isRoot()) {
            b.delete(a.bytes(1));
            return Reply.ONE;
        }
        List<Location> matches = path.select(doc);
        boolean rootMatched = matches.stream().anyMatch(Location::isRoot);
        if (rootMatched) {
            b.delete(a.bytes(1));
            return Reply.ONE;
        }
        List<Location> targets = JsonReplies.outermostInMutationOrder(matches);
        for (Location l : targets) l.remove();
        if (!targets.isEmpty()) docs.store(b, doc);
        return Reply.integer(targets.size());
    }

    // ---- JSON.TYPE --------------------------------------------------------------------------

    private Reply type(Session s, Args a) {
        if (a.count() > 3) throw Errors.wrongArgs("json.type");
        DocPath path = a.count() > 2 ? DocPath.parse(a.string(2)) : DocPath.LEGACY_ROOT;
        JsonDoc doc = docs.read(s.bucket(), a.bytes(1));
        Reply r;
        if (doc == null) {
            r = Reply.NULL;
        } else if (path.isLegacy()) {
            Location l = path.first(doc);
            r = l == null ? Reply.NULL : Reply.bulk(JsonText.typeName(l.get()));
        } else {
            List<Reply> out = new ArrayList<>();
            for (Location l : path.select(doc)) out.add(Reply.bulk(JsonText.typeName(l.get())));
            r = Reply.array(out);
        }
        // RedisJSON wraps the answer in one more array under RESP3.
        return JsonReplies.resp3(s) ? Reply.array(r) : r;
    }

    // ---- JSON.CLEAR / JSON.TOGGLE -----------------------------------------------------------

    /** Empties non-empty arrays and objects and sets non-zero numbers to 0; answers how many changed. */
    private Reply clear(Session s, Args a) {
        if (a.count() > 3) throw Errors.wrongArgs("json.clear");
        Bucket b = s.bucket();
        DocPath path = a.count() > 2 ? DocPath.parse(a.string(2)) : DocPath.LEGACY_ROOT;
        JsonDoc doc = docs.require(b, a.bytes(1));
        int cleared = 0;
        for (Location l : path.select(doc)) {
            JsonNode v = l.get();
            if (v.isContainerNode() && v.size() > 0) {
                l.replace(v.isArray() ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.objectNode());
                cleared++;
            } else if (v.isNumber() && v.doubleValue() != 0) {
                l.replace(IntNode.valueOf(0));
                cleared++;
            }
        }
        if (cleared > 0) docs.store(b, doc);
        return Reply.integer(cleared);
    }

    private Reply toggle(Session s, Args a) {
        Bucket b = s.bucket();
        DocPath path = DocPath.parse(a.string(2));
        JsonDoc doc = docs.require(b, a.bytes(1));
        List<Location> matches = path.select(doc);
        List<Reply> out = new ArrayList<>(matches.size());
        boolean changed = false, last = false;
        for (Location l : matches) {
            if (!l.get().isBoolean()) {
                out.add(Reply.NULL);
                continue;
            }
            last = !l.get().booleanValue();
            l.replace(JsonNodeFactory.instance.booleanNode(last));
            out.add(Reply.integer(last ? 1 : 0));
            changed = true;
        }
        if (path.isLegacy() && !changed) throw JsonErrors.pathMissingOr("not a bool");
        if (changed) docs.store(b, doc);
        return path.isLegacy() ? Reply.bulk(Boolean.toString(last)) : Reply.array(out);
    }

    // ---- JSON.MERGE -------------------------------------------------------------------------

    private Reply merge(Session s, Args a) {
        if (a.count() > 4) throw Errors.syntax();
        Bucket b = s.bucket();
        JsonDoc doc = docs.edit(b, a.bytes(1));
        JsonNode patch = JsonText.parse(a.bytes(3));
        DocPath path = DocPath.parse(a.string(2));
        if (doc == null) {
            if (!path.isRoot()) throw JsonErrors.notRoot();
            docs.store(b, docs.fresh(a.bytes(1), MergePatch.apply(null, patch)));
            return Reply.OK;
        }
        List<Location> matches = path.select(doc);
        if (matches.isEmpty()) {
            if (patch.isNull() || !add(doc, path, MergePatch.apply(null, patch))) return Reply.NULL;
        } else {
            for (Location l : JsonReplies.outermostInMutationOrder(matches)) {
                // Merging null into a member deletes it (RFC 7396); at the root it empties nothing.
                if (patch.isNull() && !l.isRoot()) l.remove();
                else l.replace(MergePatch.apply(l.get(), patch));
            }
        }
        docs.store(b, doc);
        return Reply.OK;
    }

    // ---- JSON.RESP --------------------------------------------------------------------------

    private Reply resp(Session s, Args a) {
        if (a.count() > 3) throw Errors.wrongArgs("json.resp");
        DocPath path = a.count() > 2 ? DocPath.parse(a.string(2)) : DocPath.LEGACY_ROOT;
        JsonDoc doc = docs.read(s.bucket(), a.bytes(1));
        if (doc == null) return Reply.NULL;
        if (path.isLegacy()) {
            Location l = path.first(doc);
            if (l == null) throw JsonErrors.pathMissing(path);
            return asResp(l.get());
        }
        List<Reply> out = new ArrayList<>();
        for (Location l : path.select(doc)) out.add(asResp(l.get()));
        return Reply.array(out);
    }

    /** RedisJSON's RESP form: arrays start with "[", objects with "{" then key, value pairs. */
    static Reply asResp(JsonNode n) {
        switch (n.getNodeType()) {
            case NULL:
                return Reply.NULL;
            case BOOLEAN:
                return Reply.simple(n.booleanValue() ? "true" : "false");
            case NUMBER:
                return JsonText.isLong(n) ? Reply.integer(n.longValue()) : Reply.dbl(n.doubleValue());
            case STRING:
                return Reply.bulk(n.textValue());
            case ARRAY: {
                List<Reply> out = new ArrayList<>(n.size() + 1);
                out.add(Reply.simple("["));
                for (JsonNode c : n) out.add(asResp(c));
                return Reply.array(out);
            }
            default: {
                List<Reply> out = new ArrayList<>(n.size() * 2 + 1);
                out.add(Reply.simple("{"));
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    out.add(Reply.bulk(e.getKey()));
                    out.add(asResp(e.getValue()));
                }
                return Reply.array(out);
            }
        }
    }
}
