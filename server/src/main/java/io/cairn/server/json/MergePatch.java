package io.cairn.server.json;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** RFC 7396 JSON Merge Patch (JSON.MERGE); zjsonpatch implements RFC 6902 only. */
final class MergePatch {

    private MergePatch() {}

    /** The merge of {@code patch} into {@code target} (null = nothing there yet). */
    static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) return patch.deepCopy();
        ObjectNode out = target != null && target.isObject() ? (ObjectNode) target : JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) out.remove(e.getKey());
            else out.set(e.getKey(), apply(out.get(e.getKey()), e.getValue()));
        }
        return out;
    }
}
