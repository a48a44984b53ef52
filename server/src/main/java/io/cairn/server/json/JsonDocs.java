package io.cairn.server.json;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.cairn.server.Config;
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
 * Parsed trees are cached by key and generation, so that a field update of a large document
 * does not parse it again; any other write of the key gives it a new generation and so
 * bypasses the stale tree.
 */
public final class JsonDocs {

    /** One set of documents per server, shared by the JSON families (and their tree cache). */
    private static final Map<Server, JsonDocs> PER_SERVER = Collections.synchronizedMap(new WeakHashMap<>());

    private final Server server;
    private final TreeCache trees = new TreeCache();

    /** proto-max-bulk-len, followed through CONFIG SET rather than parsed on every write. */
    private volatile long maxBytes;

    private JsonDocs(Server server) {
        this.server = server;
        this.maxBytes = server.config().getMemory("proto-max-bulk-len");
        server.config().onChange("proto-max-bulk-len", v -> maxBytes = Config.memory(v));
    }

    public static JsonDocs of(Server server) {
        return PER_SERVER.computeIfAbsent(server, JsonDocs::new);
    }

    /**
     * The document at {@code key} for reading only (the tree may be shared with the cache and
     * must not be changed); null when absent; WRONGTYPE for a key of another type.
     */
    public JsonDoc read(Bucket b, byte[] key) {
        return load(b, key, false);
    }

    /**
     * The document at {@code key} to change: the tree is taken out of the cache, so that a
     * command failing halfway leaves no half-changed tree behind; {@link #store} puts it back.
     */
    public JsonDoc edit(Bucket b, byte[] key) {
        return load(b, key, true);
    }

    /** Like {@link #edit} but an absent key is RedisJSON's "key doesn't exist" error. */
    public JsonDoc require(Bucket b, byte[] key) {
        JsonDoc d = edit(b, key);
        if (d == null) throw JsonErrors.noSuchKey();
        return d;
    }

    private JsonDoc load(Bucket b, byte[] key, boolean forChange) {
        Entry e = b.read(key);
        if (e == null) return null;
        if (e.type() != ValueType.JSON) throw Errors.wrongType();
        JsonNode tree = forChange ? trees.take(b.id(), key, e.generation()) : trees.peek(b.id(), key, e.generation());
        if (tree == null) {
            tree = JsonText.parse(e.value());
            if (!forChange) trees.put(b.id(), key, e.generation(), tree, e.value().length);
        }
        return new JsonDoc(key, e, tree);
    }

    /** A document not yet stored, to be written with {@link #store}. */
    public JsonDoc fresh(byte[] key, JsonNode root) {
        return new JsonDoc(key, null, root);
    }

    /** The bytes to store for {@code doc}, after the depth and size checks. */
    public byte[] encode(JsonDoc doc) {
        JsonText.checkDepth(doc.root());
        byte[] bytes = JsonText.bytes(doc.root());
        if (bytes.length > maxBytes) {
            throw Errors.err("JSON document exceeds maximum allowed size (proto-max-bulk-len)");
        }
        return bytes;
    }

    /** Writes {@code doc} back, keeping the stored entry's expiry and metadata. */
    public void store(Bucket b, JsonDoc doc) {
        byte[] bytes = encode(doc);
        Entry old = doc.entry();
        Entry stored = b.put(doc.key(), ValueType.JSON, bytes, old == null ? Entry.NO_EXPIRY : old.expireAt(),
                old == null ? null : old.meta());
        trees.put(b.id(), doc.key(), stored.generation(), doc.root(), bytes.length);
    }

    /**
     * Stores text changed in place (one number replaced, see {@link NumberSplice}), keeping
     * the entry's expiry and metadata; a cached tree of the old generation gets the same
     * change so it stays valid.
     */
    void storeSpliced(Bucket b, byte[] key, Entry old, byte[] bytes, java.util.List<Object> steps, JsonNode value) {
        if (bytes.length > maxBytes) {
            throw Errors.err("JSON document exceeds maximum allowed size (proto-max-bulk-len)");
        }
        JsonNode tree = trees.take(b.id(), key, old.generation());
        Entry stored = b.put(key, ValueType.JSON, bytes, old.expireAt(), old.meta());
        if (tree != null) {
            JsonDoc doc = new JsonDoc(key, stored, tree);
            Location at = DocPath.walk(doc, steps);
            if (at != null) {
                at.replace(value);
                trees.put(b.id(), key, stored.generation(), doc.root(), bytes.length);
            }
        }
    }

    /** Adds the write of {@code doc} to a batch (JSON.MSET). */
    public void store(Bucket b, JsonDoc doc, byte[] bytes, WriteBatch batch) {
        Entry old = doc.entry();
        // The bucket's default TTL applies as for a single write (Bucket.put); its limits are
        // checked when the batch commits.
        Entry next = b.newEntry(ValueType.JSON, bytes, b.expiryForUpdate(old), old == null ? null : old.meta());
        batch.write(b.id(), doc.key(), next);
        trees.put(b.id(), doc.key(), next.generation(), doc.root(), bytes.length);
    }
}
