package io.cairn.server.json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.cairn.protocol.Reply;
import io.cairn.server.CommandFamily;
import io.cairn.server.Server;
import io.cairn.server.Session;
import io.cairn.server.command.Args;
import io.cairn.server.command.CommandTable;
import io.cairn.server.command.Errors;

/** JSON.OBJKEYS and JSON.OBJLEN. */
public final class JsonObjectCommands implements CommandFamily {

    private final JsonDocs docs;

    public JsonObjectCommands(Server server) {
        this.docs = JsonDocs.of(server);
    }

    @Override
    public void register(CommandTable t) {
        t.bind("json.objkeys", this::objkeys);
        t.bind("json.objlen", this::objlen);
    }

    private static Reply keys(JsonNode object) {
        List<Reply> out = new ArrayList<>(object.size());
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) out.add(Reply.bulk(it.next()));
        return Reply.array(out);
    }

    private Reply objkeys(Session s, Args a) {
        if (a.count() > 3) throw Errors.wrongArgs("json.objkeys");
        DocPath path = a.count() > 2 ? DocPath.parse(a.string(2)) : DocPath.LEGACY_ROOT;
        JsonDoc doc = docs.read(s.bucket(), a.bytes(1));
        if (path.isLegacy()) {
            if (doc == null) return Reply.NULL;
            Location l = path.first(doc);
            if (l == null) return Reply.NULL;
            if (!l.get().isObject()) throw JsonErrors.pathMissingOr("not an object");
            return keys(l.get());
        }
        if (doc == null) throw JsonErrors.noSuchKey();
        return JsonReplies.perMatch(path.select(doc), JsonNode::isObject, l -> keys(l.get()));
    }

    private Reply objlen(Session s, Args a) {
        if (a.count() > 3) throw Errors.wrongArgs("json.objlen");
        DocPath path = a.count() > 2 ? DocPath.parse(a.string(2)) : DocPath.LEGACY_ROOT;
        JsonDoc doc = docs.read(s.bucket(), a.bytes(1));
        if (path.isLegacy()) {
            if (doc == null) return Reply.NULL;
            Location l = path.first(doc);
            if (l == null) return Reply.NULL;
            if (!l.get().isObject()) throw JsonErrors.expected("object", JsonText.typeName(l.get()));
            return Reply.integer(l.get().size());
        }
        if (doc == null) throw JsonErrors.pathMissingOr("not an object");
        return JsonReplies.perMatch(path.select(doc), JsonNode::isObject, l -> Reply.integer(l.get().size()));
    }
}
