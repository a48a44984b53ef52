package io.cairn.it;

import java.nio.charset.StandardCharsets;

/**
 * One real server per JSON test class, and the exact RESP text of replies: the JSON.* replies
 * are specified byte for byte by RedisJSON, so most tests compare raw protocol text.
 */
abstract class JsonTestSupport extends ServerPerClass {

    static final String OK = "+OK\r\n";
    static final String NIL = "$-1\r\n";
    static final String NIL3 = "_\r\n";

    private RawClient raw2;
    private RawClient raw3;

    @Override
    void closeClients() {
        if (raw2 != null) raw2.close();
        if (raw3 != null) raw3.close();
        raw2 = raw3 = null;
    }

    /** A command over a RESP2 connection; the reply's exact RESP text. */
    String call(String... args) {
        if (raw2 == null) raw2 = server.raw();
        return raw2.call(args);
    }

    /** A command over a RESP3 connection (HELLO 3 sent once). */
    String call3(String... args) {
        if (raw3 == null) {
            raw3 = server.raw();
            raw3.call("HELLO", "3");
        }
        return raw3.call(args);
    }

    static String bulk(String s) {
        return "$" + s.getBytes(StandardCharsets.UTF_8).length + "\r\n" + s + "\r\n";
    }

    static String integer(long n) {
        return ":" + n + "\r\n";
    }

    static String err(String line) {
        return "-" + line + "\r\n";
    }

    static String array(String... items) {
        return "*" + items.length + "\r\n" + String.join("", items);
    }

    static String simple(String s) {
        return "+" + s + "\r\n";
    }

    /** Stores a document with JSON.SET at the root, checking that it was accepted. */
    void doc(String key, String json) {
        String r = call("JSON.SET", key, "$", json);
        if (!OK.equals(r)) throw new AssertionError("JSON.SET " + key + " failed: " + r);
    }

    /** The whole document, compact, or null when the key is missing. */
    String get(String key) {
        String r = call("JSON.GET", key);
        if (r.equals(NIL)) return null;
        if (!r.startsWith("$")) throw new AssertionError("JSON.GET " + key + ": " + r);
        return r.substring(r.indexOf("\r\n") + 2, r.length() - 2);
    }
}
