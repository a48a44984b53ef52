package io.cairn.server.json;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Recently used document trees, valid only for the generation they were read or written at.
 * Bounded by the stored size of the documents it holds (a parsed tree takes a few times its
 * text). Accessed only by command handlers, which run one at a time under the keyspace lock;
 * the monitor is for safety, not contention.
 */
final class TreeCache {

    private static final long MAX_BYTES = 16L << 20;
    private static final int MAX_ENTRIES = 4096;

    private record Key(int bucket, ByteBuffer key) {}

    private record Tree(long generation, JsonNode root, int bytes) {}

    private final LinkedHashMap<Key, Tree> trees = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    private static Key key(int bucket, byte[] key) {
        return new Key(bucket, ByteBuffer.wrap(key.clone()));
    }

    /** The tree of that generation, left in the cache (the caller only reads it). */
    synchronized JsonNode peek(int bucket, byte[] key, long generation) {
        Tree t = trees.get(key(bucket, key));
        return t != null && t.generation() == generation ? t.root() : null;
    }

    /** The tree of that generation, removed from the cache (the caller will change it). */
    synchronized JsonNode take(int bucket, byte[] key, long generation) {
        Tree t = trees.remove(key(bucket, key));
        if (t == null) return null;
        bytes -= t.bytes();
        return t.generation() == generation ? t.root() : null;
    }

    synchronized void put(int bucket, byte[] key, long generation, JsonNode root, int size) {
        if (size > MAX_BYTES / 4) return;
        Tree old = trees.put(key(bucket, key), new Tree(generation, Objects.requireNonNull(root), size));
        if (old != null) bytes -= old.bytes();
        bytes += size;
        for (Iterator<Map.Entry<Key, Tree>> it = trees.entrySet().iterator();
             it.hasNext() && (bytes > MAX_BYTES || trees.size() > MAX_ENTRIES); ) {
            bytes -= it.next().getValue().bytes();
            it.remove();
        }
    }
}
