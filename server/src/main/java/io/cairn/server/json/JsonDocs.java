package io.cairn.server.json;

import com.fasterxml.jackson.databind.JsonNode;

import io.cairn.server.Server;
import io.cairn.server.command.Errors;
import io.cairn.storage.Bucket;
import io.cairn.storage.Entry;
import io.cairn.storage.ValueType;
import io.cairn.storage.WriteBatch;

/**
 * JSON documents in the keyspace: a key of type {@link ValueType#JSON} holding compact UTF-8
 * JSON. Changing part of a document rewrites the entry (a new generation) keeping its expiry
 * and metadata, as Redis keeps the TTL of a key changed in place. A write that would nest
 * deeper than 128 or exceed proto-max-bulk-len is refused before anything is stored.
 */
public final class JsonDocs {

    private final Server server;

    public JsonDocs(Server server) {
        this.server = server;
    }

    /** The document at {@code key}, null when absent; WRONGTYPE for a key of another type. */
    public JsonDoc read(Bucket b, byte[] key) {
        Entry e = b.read(key);
        if (e == null) return null;
        if (e.type() != ValueType.JSON) throw Errors.wrongType();
        return new JsonDoc(key, e, JsonText.parse(e.value()));
    }

    /** Like {@link #read} but an absent key is RedisJSON's "key doesn't exist" error. */
    public JsonDoc require(Bucket b, byte[] key) {
        JsonDoc d = read(b, key);
        if (d == null) throw JsonErrors.noSuchKey();
        return d;
    }

    /** A document not yet stored, to be written with {@link #store}. */
    public JsonDoc fresh(byte[] key, JsonNode root) {
        return new JsonDoc(key, null, root);
    }

    /** The bytes to store for {@code doc}, after the depth and size checks. */
    public byte[] encode(JsonDoc doc) {
        JsonText.checkDepth(doc.root());
        byte[] bytes = JsonText.bytes(doc.root());
        if (bytes.length > server.config().getMemory("proto-max-bulk-len")) {
            throw Errors.err("JSON document exceeds maximum allowed size (proto-max-bulk-len)");
        }
        return bytes;
    }

    /** Writes {@code doc} back, keeping the stored entry's expiry and metadata. */
    public void store(Bucket b, JsonDoc doc) {
        byte[] bytes = encode(doc);
        Entry old = doc.entry();
        b.put(doc.key(), ValueType.JSON, bytes, old == null ? Entry.NO_EXPIRY : old.expireAt(),
                old == null ? null : old.meta());
    }

    /** Adds the write of {@code doc} to a batch (JSON.MSET). */
    public void store(Bucket b, JsonDoc doc, byte[] bytes, WriteBatch batch) {
        Entry old = doc.entry();
        batch.write(b.id(), doc.key(), b.newEntry(ValueType.JSON, bytes,
                old == null ? Entry.NO_EXPIRY : old.expireAt(), old == null ? null : old.meta()));
    }
}
