package io.cairn.server.json;

import com.fasterxml.jackson.databind.JsonNode;

import io.cairn.storage.Entry;

/** A document being read or changed by one command: the entry it came from and its tree. */
public final class JsonDoc {

    private final byte[] key;
    private final Entry entry;
    private JsonNode root;

    JsonDoc(byte[] key, Entry entry, JsonNode root) {
        this.key = key;
        this.entry = entry;
        this.root = root;
    }

    public byte[] key() {
        return key;
    }

    /** The stored entry, or null for a document not yet stored. */
    public Entry entry() {
        return entry;
    }

    public JsonNode root() {
        return root;
    }

    public void setRoot(JsonNode root) {
        this.root = root;
    }
}
