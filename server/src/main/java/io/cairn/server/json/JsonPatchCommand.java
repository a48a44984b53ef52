package io.cairn.server.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.flipkart.zjsonpatch.JsonPatch;
import com.flipkart.zjsonpatch.JsonPatchApplicationException;

import io.cairn.protocol.Reply;
import io.cairn.server.CommandFamily;
import io.cairn.server.Server;
import io.cairn.server.Session;
import io.cairn.server.command.Args;
import io.cairn.server.command.CommandTable;
import io.cairn.server.command.Errors;
import io.cairn.storage.Bucket;

/**
 * JSON.PATCH key patch: an RFC 6902 patch (add, remove, replace, move, copy, test with JSON
 * Pointer paths) applied by zjsonpatch, all or nothing. Operations are applied one at a time
 * to a copy so that a failure can name the operation (0-based index) that failed; the
 * document is stored only after the last one succeeded.
 */
public final class JsonPatchCommand implements CommandFamily {

    private final JsonDocs docs;

    public JsonPatchCommand(Server server) {
        this.docs = JsonDocs.of(server);
    }

    @Override
    public void register(CommandTable t) {
        t.bind("json.patch", this::patch);
    }

    private Reply patch(Session s, Args a) {
        Bucket b = s.bucket();
        JsonDoc doc = docs.require(b, a.bytes(1));
        JsonNode patch = JsonText.parse(a.bytes(2));
        if (!patch.isArray()) throw Errors.err("JSON.PATCH expects a JSON array of operations (RFC 6902)");
        JsonNode current = doc.root();
        for (int i = 0; i < patch.size(); i++) {
            JsonNode op = patch.get(i);
            ArrayNode single = JsonNodeFactory.instance.arrayNode().add(op);
            try {
                JsonPatch.validate(single);
                requireTarget(op, current);
                if ("test".equals(op.path("op").asText())) test(op, current);
                else current = JsonPatch.apply(single, current);
            } catch (JsonPatchApplicationException e) {
                // InvalidJsonPatchException (a malformed operation) is a subclass: same reply.
                throw Errors.err("JSON.PATCH operation " + i + " (" + describe(op) + ") failed: " + reason(e)
                        + "; nothing was changed");
            }
        }
        doc.setRoot(current);
        docs.store(b, doc);
        return Reply.OK;
    }

    /**
     * "test" is checked here: zjsonpatch compares with JsonNode.equals, for which an int 15
     * and a long 15 differ (the same document holds both, depending on how it was written);
     * values compare as JSON values, as JSON.ARRINDEX compares them.
     */
    private static void test(JsonNode op, JsonNode doc) {
        String path = op.path("path").asText();
        JsonNode target = doc.at(path);
        if (target.isMissingNode()) throw new JsonPatchApplicationException("no value at path " + path, null, null);
        JsonNode expected = op.get("value");
        if (!JsonText.sameValue(target, expected)) {
            throw new JsonPatchApplicationException("Expected value " + JsonText.write(expected)
                    + " but found value " + JsonText.write(target), null, null);
        }
    }

    /**
     * RFC 6902 says remove and replace fail when the target does not exist; zjsonpatch quietly
     * does nothing for a missing object member, so the target is checked here first.
     */
    private static void requireTarget(JsonNode op, JsonNode doc) {
        String name = op.path("op").asText();
        if (!name.equals("remove") && !name.equals("replace")) return;
        String path = op.path("path").asText();
        JsonNode target;
        try {
            target = doc.at(path);
        } catch (IllegalArgumentException e) {
            return; // a malformed pointer is zjsonpatch's to report
        }
        if (target.isMissingNode()) {
            throw new JsonPatchApplicationException("no value at path " + path, null, null);
        }
    }

    private static String describe(JsonNode op) {
        String name = op.path("op").isTextual() ? op.path("op").textValue() : "?";
        String path = op.path("path").isTextual() ? op.path("path").textValue() : "?";
        return name + " " + (path.isEmpty() ? "\"\"" : path);
    }

    private static String reason(RuntimeException e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return msg.replace('\r', ' ').replace('\n', ' ');
    }
}
