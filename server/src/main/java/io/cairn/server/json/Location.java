package io.cairn.server.json;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where one match of a path sits in a document: its parent container and its field name or
 * array index, or the root itself (parent null). Reading, replacing and removing go through
 * the parent, since Jackson nodes do not know their parents.
 *
 * @param steps the full chain from the root (String field names, Integer indexes), which
 *              orders mutations safely (deeper and higher indexes first, as RedisJSON does)
 */
public record Location(JsonDoc doc, JsonNode parent, String field, int index, List<Object> steps) {

    public static Location root(JsonDoc doc) {
        return new Location(doc, null, null, -1, List.of());
    }

    public boolean isRoot() {
        return parent == null;
    }

    public JsonNode get() {
        if (parent == null) return doc.root();
        return field != null ? parent.get(field) : parent.get(index);
    }

    public void replace(JsonNode value) {
        if (parent == null) doc.setRoot(value);
        else if (field != null) ((ObjectNode) parent).set(field, value);
        else ((ArrayNode) parent).set(index, value);
    }

    /** Removes the value; removing the root is the caller's business (it deletes the key). */
    public void remove() {
        if (field != null) ((ObjectNode) parent).remove(field);
        else if (parent != null) ((ArrayNode) parent).remove(index);
    }
}
