package io.cairn.storage;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Physical key layout shared by the memory layer and the backing store: a 4-byte big-endian
 * bucket id, then the user's key. Big-endian ids keep each bucket a contiguous range under
 * unsigned byte order, so a prefix listing is one range read.
 */
final class Keys {

    static final Comparator<byte[]> UNSIGNED = Arrays::compareUnsigned;

    private Keys() {}

    static byte[] compose(int bucket, byte[] key) {
        byte[] out = new byte[4 + key.length];
        putInt(out, 0, bucket);
        System.arraycopy(key, 0, out, 4, key.length);
        return out;
    }

    /** The first physical key of {@code bucket}. */
    static byte[] bucketStart(int bucket) {
        byte[] out = new byte[4];
        putInt(out, 0, bucket);
        return out;
    }

    /** The first physical key after every key of {@code bucket}. */
    static byte[] bucketEnd(int bucket) {
        return bucketStart(bucket + 1);
    }

    static int bucketOf(byte[] composite) {
        return getInt(composite, 0);
    }

    static byte[] userKey(byte[] composite) {
        return Arrays.copyOfRange(composite, 4, composite.length);
    }

    /** Expiry reference layout: 8-byte time, so references sort by time, then the physical key. */
    static byte[] expiryRef(long expireAt, byte[] composite) {
        byte[] out = new byte[8 + composite.length];
        for (int i = 0; i < 8; i++) out[i] = (byte) (expireAt >>> (56 - 8 * i));
        System.arraycopy(composite, 0, out, 8, composite.length);
        return out;
    }

    static long expiryTime(byte[] ref) {
        long t = 0;
        for (int i = 0; i < 8; i++) t = (t << 8) | (ref[i] & 0xFF);
        return t;
    }

    static byte[] expiryComposite(byte[] ref) {
        return Arrays.copyOfRange(ref, 8, ref.length);
    }

    /** The smallest expiry reference with a time after {@code millis}. */
    static byte[] expiryBound(long millis) {
        return expiryRef(millis + 1, new byte[0]);
    }

    static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    static int getInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }
}
