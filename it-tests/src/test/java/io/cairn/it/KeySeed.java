package io.cairn.it;

import java.nio.charset.StandardCharsets;

import io.cairn.storage.Bucket;
import io.cairn.storage.Entry;
import io.cairn.storage.Keyspace;
import io.cairn.storage.ValueType;

/**
 * Puts test data straight into a running server's keyspace and inspects what is stored there
 * (generation, metadata, raw size), for what the key and expiry commands cannot show by
 * themselves. Takes the keyspace lock like a command, so it never races one.
 */
final class KeySeed {

    private final TestServer server;

    KeySeed(TestServer server) {
        this.server = server;
    }

    private Keyspace keyspace() {
        return server.cairn().server().keyspace();
    }

    Entry string(String key, String value) {
        return put(0, key, ValueType.STRING, value, Entry.NO_EXPIRY, null);
    }

    Entry string(int db, String key, String value) {
        return put(db, key, ValueType.STRING, value, Entry.NO_EXPIRY, null);
    }

    Entry json(String key, String document) {
        return put(0, key, ValueType.JSON, document, Entry.NO_EXPIRY, null);
    }

    /** A string that expires {@code millis} from now. */
    Entry expiring(String key, String value, long millis) {
        return put(0, key, ValueType.STRING, value, keyspace().now() + millis, null);
    }

    Entry withMeta(String key, String value, String meta, long expireAt) {
        return put(0, key, ValueType.STRING, value, expireAt, meta.getBytes(StandardCharsets.UTF_8));
    }

    Entry put(int db, String key, ValueType type, String value, long expireAt, byte[] meta) {
        return put(db, key.getBytes(StandardCharsets.UTF_8), type, value.getBytes(StandardCharsets.UTF_8), expireAt, meta);
    }

    Entry put(int db, byte[] key, ValueType type, byte[] value, long expireAt, byte[] meta) {
        Keyspace ks = keyspace();
        ks.lock().lock();
        try {
            return ks.bucket(db).put(key, type, value, expireAt, meta);
        } finally {
            ks.lock().unlock();
        }
    }

    /** Stores {@code prefix0 .. prefix(n-1)} as strings in one go; answers the stored key count. */
    long strings(String prefix, int n) {
        Keyspace ks = keyspace();
        ks.lock().lock();
        try {
            Bucket b = ks.bucket(0);
            for (int i = 0; i < n; i++) {
                b.put((prefix + i).getBytes(StandardCharsets.UTF_8), ValueType.STRING, new byte[] {'v'}, Entry.NO_EXPIRY, null);
            }
            return b.size();
        } finally {
            ks.lock().unlock();
        }
    }

    /** The live entry as stored, or null. */
    Entry entry(int db, String key) {
        Keyspace ks = keyspace();
        ks.lock().lock();
        try {
            return ks.bucket(db).get(key.getBytes(StandardCharsets.UTF_8));
        } finally {
            ks.lock().unlock();
        }
    }

    Entry entry(String key) {
        return entry(0, key);
    }

    String value(int db, String key) {
        Entry e = entry(db, key);
        return e == null ? null : new String(e.value(), StandardCharsets.UTF_8);
    }

    String value(String key) {
        return value(0, key);
    }

    /** What DBSIZE answers: stored keys, expired ones included until reclaimed. */
    long storedKeys(int db) {
        return bucket(db).size();
    }

    void clear(int db) {
        Keyspace ks = keyspace();
        ks.lock().lock();
        try {
            ks.bucket(db).clear();
        } finally {
            ks.lock().unlock();
        }
    }

    /** Empties the numbered databases so each test starts from nothing. */
    void clearAll() {
        for (int db = 0; db < 16; db++) clear(db);
    }

    private Bucket bucket(int db) {
        return keyspace().bucket(db);
    }

    /** True once HELLO is served (it comes with the connection commands), so RESP3 can be negotiated. */
    boolean speaksResp3() {
        return serves("hello");
    }

    /** Whether the server binds {@code command}; tests of other families' commands wait for them. */
    boolean serves(String command) {
        return server.cairn().server().table().lookup(command) != null;
    }
}
