package io.cairn.server.json;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.cairn.protocol.Reply;
import io.cairn.server.CommandFamily;
import io.cairn.server.Server;
import io.cairn.server.Session;
import io.cairn.server.command.Args;
import io.cairn.server.command.CommandTable;
import io.cairn.server.command.Errors;
import io.cairn.storage.Bucket;

/**
 * JSON.ARRAPPEND ARRINSERT ARRINDEX ARRLEN ARRPOP ARRTRIM, with RedisJSON's index rules
 * (negative indexes count from the end; ARRPOP and ARRTRIM clamp, ARRINSERT refuses an index
 * outside the array). Matches are changed deepest and highest index first, so that changing
 * one never moves another.
 */
public final class JsonArrayCommands implements CommandFamily {

    private final JsonDocs docs;

    public JsonArrayCommands(Server server) {
        this.docs = JsonDocs.of(server);
    }

    @Override
    public void register(CommandTable t) {
        t.bind("json.arrappend", this::arrappend);
        t.bind("json.arrinsert", this::arrinsert);
        t.bind("json.arrindex", this::arrindex);
        t.bind("json.arrlen", this::arrlen);
        t.bind("json.arrpop", this::arrpop);
        t.bind("json.arrtrim", this::arrtrim);
    }

    private static List<JsonNode> values(Args a, int from) {
        List<JsonNode> out = new ArrayList<>(a.count() - from);
        for (int i = from; i < a.count(); i++) out.add(JsonText.parse(a.bytes(i)));
        return out;
    }

    /** Array matches in mutation order, each with the slot of its reply. */
    private record Target(int slot, Location at) {}

    private static List<Target> arrayTargets(List<Location> matches) {
        List<Target> out = new ArrayList<>();
        for (int i = 0; i < matches.size(); i++) {
            if (matches.get(i).get().isArray()) out.add(new Target(i, matches.get(i)));
        }
        out.sort((x, y) -> JsonReplies.MUTATION_ORDER.compare(x.at(), y.at()));
        return out;
    }

    /** One array match changed; the reply for it. Answering nil means the array was left as it was. */
    private interface ArrayEdit {
        Reply apply(ArrayNode arr);
    }

    /**
     * Applies {@code edit} to every array match of {@code path} in the document at argument 1,
     * deepest and highest index first, stores the document if any edit changed it, and replies
     * in match order: nil for a match that is not an array; a legacy path answers the last
     * array changed and errors when there is none.
     */
    private Reply editArrays(Session s, Args a, DocPath path, ArrayEdit edit) {
        Bucket b = s.bucket();
        JsonDoc doc = docs.require(b, a.bytes(1));
        List<Location> matches = path.select(doc);
        List<Target> targets = arrayTargets(matches);
        Reply[] slots = new Reply[matches.size()];
        boolean changed = false;
        for (Target t : targets) {
            Reply r = edit.apply((ArrayNode) t.at().get());
            slots[t.slot()] = r;
            changed |= r != Reply.NULL;
        }
        if (path.isLegacy()) {
            if (targets.isEmpty()) throw JsonErrors.pathMissingOr("not an array");
            if (changed) docs.store(b, doc);
            return slots[targets.get(targets.size() - 1).slot()];
        }
        if (changed) docs.store(b, doc);
        List<Reply> out = new ArrayList<>(slots.length);
        for (Reply r : slots) out.add(r == null ? Reply.NULL : r);
        return Reply.array(out);
    }

    private Reply arrappend(Session s, Args a) {
        DocPath path = DocPath.parse(a.string(2));
        List<JsonNode> items = values(a, 3);
        return editArrays(s, a, path, arr -> {
            for (JsonNode item : items) arr.add(item.deepCopy());
            return Reply.integer(arr.size());
        });
    }

    private Reply arrinsert(Session s, Args a) {
        DocPath path = DocPath.parse(a.string(2));
        long index = a.longAt(3);
        List<JsonNode> items = values(a, 4);
        return editArrays(s, a, path, arr -> {
            long at = index < 0 ? arr.size() + index : index;
            if (at < 0 || at > arr.size()) throw Errors.err("index out of bounds");
            for (int k = 0; k < items.size(); k++) arr.insert((int) at + k, items.get(k).deepCopy());
            return Reply.integer(arr.size());
        });
    }

    private Reply arrindex(Session s, Args a) {
        if (a.count() > 6) throw Errors.wrongArgs("json.arrindex");
        DocPath path = DocPath.parse(a.string(2));
        long start = a.count() > 4 ? a.longAt(4) : 0;
        long stop = a.count() > 5 ? a.longAt(5) : 0;
        JsonDoc doc = docs.read(s.bucket(), a.bytes(1));
        JsonNode wanted = JsonText.parse(a.bytes(3));
        if (doc == null) throw JsonErrors.pathMissing();
        if (path.isLegacy()) {
            Location l = path.first(doc);
            if (l == null) throw JsonErrors.pathMissing(path);
            if (!l.get().isArray()) throw JsonErrors.expected("array", JsonText.typeName(l.get()));
            return Reply.integer(indexOf(l.get(), wanted, start, stop));
        }
        return JsonReplies.perMatch(path.select(doc), JsonNode::isArray,
                l -> Reply.integer(indexOf(l.get(), wanted, start, stop)));
    }

    /** RedisJSON's normalize_arr_indices: stop 0 means the end; stop is exclusive. */
    static long indexOf(JsonNode arr, JsonNode wanted, long start, long stop) {
        long len = arr.size();
        if (len == 0) return -1;
        long from = start < 0 ? Math.max(0, len + start) : Math.min(start, len - 1);
        long to = stop == 0 ? len : stop < 0 ? Math.max(0, len + stop) : Math.min(stop, len);
        for (long i = from; i < to; i++) {
            if (JsonText.sameValue(arr.get((int) i), wanted)) return i;
        }
        return -1;
    }

    private Reply arrlen(Session s, Args a) {
        if (a.count() > 3) throw Errors.wrongArgs("json.arrlen");
        DocPath path = a.count() > 2 ? DocPath.parse(a.string(2)) : DocPath.LEGACY_ROOT;
        JsonDoc doc = docs.read(s.bucket(), a.bytes(1));
        if (path.isLegacy()) {
            if (doc == null) return Reply.NULL;
            Location l = path.first(doc);
            if (l == null) throw JsonErrors.pathMissing();
            if (!l.get().isArray()) throw JsonErrors.pathMissingOr("not an array");
            return Reply.integer(l.get().size());
        }
        if (doc == null) throw JsonErrors.noSuchKey();
        return JsonReplies.perMatch(path.select(doc), JsonNode::isArray, l -> Reply.integer(l.get().size()));
    }

    /** JSON.ARRPOP key [path [index]]: the index defaults to the last element and is clamped. */
    private Reply arrpop(Session s, Args a) {
        if (a.count() > 4) throw Errors.wrongArgs("json.arrpop");
        DocPath path = a.count() > 2 ? DocPath.parse(a.string(2)) : DocPath.LEGACY_ROOT;
        long index = a.count() > 3 ? a.longAt(3) : -1;
        return editArrays(s, a, path, arr -> {
            if (arr.isEmpty()) return Reply.NULL;
            long len = arr.size();
            long at = index < 0 ? Math.max(len + index, 0) : Math.min(index, len - 1);
            return JsonReplies.text(arr.remove((int) at));
        });
    }

    /** JSON.ARRTRIM key path start stop: keeps [start, stop] inclusive, clamped like LTRIM. */
    private Reply arrtrim(Session s, Args a) {
        DocPath path = DocPath.parse(a.string(2));
        long start = a.longAt(3);
        long stop = a.longAt(4);
        return editArrays(s, a, path, arr -> {
            trim(arr, start, stop);
            return Reply.integer(arr.size());
        });
    }

    static void trim(ArrayNode arr, long start, long stop) {
        long len = arr.size();
        long to = stop < 0 ? Math.max(0, len + stop) : Math.min(stop, len - 1);
        long from = start < 0 ? Math.max(0, len + start) : Math.min(start, len);
        if (len == 0 || from > to) {
            arr.removeAll();
            return;
        }
        for (long i = len - 1; i > to; i--) arr.remove((int) i);
        for (long i = 0; i < from; i++) arr.remove(0);
    }
}
