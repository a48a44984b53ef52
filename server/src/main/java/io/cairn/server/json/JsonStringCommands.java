package io.cairn.server.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.cairn.protocol.Reply;
import io.cairn.server.CommandFamily;
import io.cairn.server.Server;
import io.cairn.server.Session;
import io.cairn.server.command.Args;
import io.cairn.server.command.CommandTable;
import io.cairn.server.command.Errors;
import io.cairn.storage.Bucket;

/** JSON.STRAPPEND and JSON.STRLEN; lengths are in UTF-8 bytes, as RedisJSON counts them. */
public final class JsonStringCommands implements CommandFamily {

    private final JsonDocs docs;

    public JsonStringCommands(Server server) {
        this.docs = JsonDocs.of(server);
    }

    @Override
    public void register(CommandTable t) {
        t.bind("json.strappend", this::strappend);
        t.bind("json.strlen", this::strlen);
    }

    static long utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** JSON.STRAPPEND key [path] json-string: the path is optional, the value is a JSON string. */
    private Reply strappend(Session s, Args a) {
        if (a.count() > 4) throw Errors.wrongArgs("json.strappend");
        DocPath path = a.count() == 4 ? DocPath.parse(a.string(2)) : DocPath.LEGACY_ROOT;
        JsonNode suffix = JsonText.parse(a.bytes(a.count() - 1));
        if (!suffix.isTextual()) throw JsonErrors.expected("string", JsonText.typeName(suffix));
        Bucket b = s.bucket();
        JsonDoc doc = docs.require(b, a.bytes(1));
        List<Reply> out = new ArrayList<>();
        long last = -1;
        for (Location l : path.select(doc)) {
            JsonNode v = l.get();
            if (!v.isTextual()) {
                out.add(Reply.NULL);
                continue;
            }
            String joined = v.textValue() + suffix.textValue();
            l.replace(TextNode.valueOf(joined));
            last = utf8Length(joined);
            out.add(Reply.integer(last));
        }
        if (path.isLegacy() && last < 0) throw JsonErrors.pathMissingOr("not a string");
        if (last >= 0) docs.store(b, doc);
        return path.isLegacy() ? Reply.integer(last) : Reply.array(out);
    }

    private Reply strlen(Session s, Args a) {
        if (a.count() > 3) throw Errors.wrongArgs("json.strlen");
        DocPath path = a.count() > 2 ? DocPath.parse(a.string(2)) : DocPath.LEGACY_ROOT;
        JsonDoc doc = docs.read(s.bucket(), a.bytes(1));
        if (path.isLegacy()) {
            if (doc == null) return Reply.NULL;
            Location l = path.first(doc);
            if (l == null) throw JsonErrors.pathMissing(path);
            if (!l.get().isTextual()) throw JsonErrors.expected("string", JsonText.typeName(l.get()));
            return Reply.integer(utf8Length(l.get().textValue()));
        }
        if (doc == null) throw JsonErrors.noSuchKey();
        return JsonReplies.perMatch(path.select(doc), JsonNode::isTextual,
                l -> Reply.integer(utf8Length(l.get().textValue())));
    }
}
