package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;

import io.cairn.storage.Bucket;
import io.cairn.storage.Entry;
import io.cairn.storage.Keyspace;
import io.cairn.storage.ValueType;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;

/**
 * One real server per test class, Lettuce connections in both protocols, raw sockets, and a
 * look at stored entries for what no string command shows (metadata, exact deadlines, and
 * values of types that only later commands create).
 */
abstract class StringTestSupport extends ServerPerClass {

    private RedisClient resp2Client;
    private RedisClient resp3Client;
    private StatefulRedisConnection<String, String> resp2;
    private StatefulRedisConnection<String, String> resp3;

    @Override
    void closeClients() {
        if (resp2Client != null) resp2Client.shutdown();
        if (resp3Client != null) resp3Client.shutdown();
        resp2Client = resp3Client = null;
        resp2 = resp3 = null;
    }

    RedisCommands<String, String> resp2() {
        if (resp2 == null) {
            resp2Client = client(ProtocolVersion.RESP2);
            resp2 = resp2Client.connect();
        }
        return resp2.sync();
    }

    RedisCommands<String, String> resp3() {
        if (resp3 == null) {
            resp3Client = client(ProtocolVersion.RESP3);
            resp3 = resp3Client.connect();
        }
        return resp3.sync();
    }

    RedisAsyncCommands<String, String> async2() {
        resp2();
        return resp2.async();
    }

    RedisAsyncCommands<String, String> async3() {
        resp3();
        return resp3.async();
    }

    RedisClient client(ProtocolVersion version) {
        RedisClient c = RedisClient.create(server.uri());
        c.setOptions(ClientOptions.builder().protocolVersion(version).build());
        return c;
    }

    /** A raw connection switched to RESP3 with HELLO 3. */
    RawClient raw3() {
        RawClient c = server.raw();
        String hello = c.call("HELLO", "3");
        assertEquals('%', hello.charAt(0), "HELLO 3 should answer a map: " + hello);
        return c;
    }

    /** Exact RESP text of one reply on a fresh RESP2 connection. */
    String call2(String... args) {
        try (RawClient c = server.raw()) {
            return c.call(args);
        }
    }

    /** Exact RESP text of one reply on a fresh RESP3 connection. */
    String call3(String... args) {
        try (RawClient c = raw3()) {
            return c.call(args);
        }
    }

    static String bulk(String s) {
        return "$" + s.getBytes(StandardCharsets.UTF_8).length + "\r\n" + s + "\r\n";
    }

    static String integer(long v) {
        return ":" + v + "\r\n";
    }

    static String error(String line) {
        return "-" + line + "\r\n";
    }

    static final String OK = "+OK\r\n";
    static final String NIL2 = "$-1\r\n";
    static final String NIL3 = "_\r\n";
    static final String EMPTY_BULK = "$0\r\n\r\n";
    static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
    static final String SYNTAX = "-ERR syntax error\r\n";
    static final String NOT_INTEGER = "-ERR value is not an integer or out of range\r\n";
    static final String NOT_FLOAT = "-ERR value is not a valid float\r\n";

    // ---- Stored entries, under the keyspace lock as every command runs ----------------------

    private Keyspace keyspace() {
        return server.cairn().server().keyspace();
    }

    private Bucket bucket0() {
        return keyspace().bucket(0);
    }

    /** The stored entry of {@code key} in database 0, or null. */
    Entry entry(String key) {
        ReentrantLock lock = keyspace().lock();
        lock.lock();
        try {
            return bucket0().get(bytes(key));
        } finally {
            lock.unlock();
        }
    }

    /** Stores a JSON document, the other type there is, to see string commands refuse it. */
    void putJson(String key, String json) {
        put(key, ValueType.JSON, json, Entry.NO_EXPIRY, null);
    }

    /** Stores a string with metadata and an expiry, as KV.PUT would. */
    void putWithMeta(String key, String value, long expireAt, String meta) {
        put(key, ValueType.STRING, value, expireAt, bytes(meta));
    }

    private void put(String key, ValueType type, String value, long expireAt, byte[] meta) {
        ReentrantLock lock = keyspace().lock();
        lock.lock();
        try {
            bucket0().put(bytes(key), type, bytes(value), expireAt, meta);
        } finally {
            lock.unlock();
        }
    }

    String meta(String key) {
        Entry e = entry(key);
        return e == null || e.meta() == null ? null : new String(e.meta(), StandardCharsets.UTF_8);
    }

    String typeOf(String key) {
        Entry e = entry(key);
        return e == null ? "none" : e.type().typeName();
    }

    long expireAt(String key) {
        Entry e = entry(key);
        return e == null ? -2 : e.expireAt();
    }

    long generation(String key) {
        Entry e = entry(key);
        return e == null ? 0 : e.generation();
    }

    /** keyspace_hits from INFO stats. */
    long hits() {
        return infoStat("keyspace_hits");
    }

    /** keyspace_misses from INFO stats. */
    long misses() {
        return infoStat("keyspace_misses");
    }

    private long infoStat(String field) {
        for (String line : call2("INFO", "stats").split("\r\n")) {
            if (line.startsWith(field + ":")) return Long.parseLong(line.substring(field.length() + 1));
        }
        throw new AssertionError("INFO stats has no " + field);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static long nowMillis() {
        return System.currentTimeMillis();
    }
}
