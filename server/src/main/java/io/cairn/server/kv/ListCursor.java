package io.cairn.server.kv;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32;

import io.cairn.server.command.Errors;

/**
 * KV.LIST's cursor: the last key returned and the direction, as base64url text with a version
 * byte and a CRC-32. It holds no server state, so it stays valid across reconnects, restarts and
 * other clients' writes (the listing resumes strictly after that key, wherever it now is); the
 * checksum is what tells a cursor Cairn issued from anything else.
 */
record ListCursor(byte[] lastKey, boolean reverse) {

    private static final byte VERSION = 1;

    String encode() {
        ByteBuffer b = ByteBuffer.allocate(2 + lastKey.length + 4);
        b.put(VERSION).put((byte) (reverse ? 1 : 0)).put(lastKey);
        b.putInt((int) crc(b.array(), 2 + lastKey.length));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    static ListCursor decode(byte[] text) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (raw.length < 6 || raw[0] != VERSION || (raw[1] & ~1) != 0) throw invalid();
        int body = raw.length - 4;
        if ((int) crc(raw, body) != ByteBuffer.wrap(raw, body, 4).getInt()) throw invalid();
        return new ListCursor(Arrays.copyOfRange(raw, 2, body), raw[1] == 1);
    }

    private static long crc(byte[] b, int len) {
        CRC32 c = new CRC32();
        c.update(b, 0, len);
        return c.getValue();
    }

    private static RuntimeException invalid() {
        return Errors.err("invalid cursor: not one KV.LIST returned");
    }
}
