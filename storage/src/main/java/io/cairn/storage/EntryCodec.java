package io.cairn.storage;

import java.nio.ByteBuffer;

/**
 * On-disk form of an {@link Entry}: version byte, type code, expiry, generation, metadata length
 * (-1 = none) and metadata, then the value. The version byte lets the layout change without a
 * migration tool.
 */
final class EntryCodec {

    private static final byte VERSION = 1;
    private static final int HEADER = 1 + 1 + 8 + 8 + 4;

    private EntryCodec() {}

    static byte[] encode(Entry e) {
        ByteBuffer buf = ByteBuffer.allocate(size(e));
        encodeInto(e, buf);
        return buf.array();
    }

    static int size(Entry e) {
        return HEADER + (e.meta() == null ? 0 : e.meta().length) + e.value().length;
    }

    static void encodeInto(Entry e, ByteBuffer buf) {
        byte[] meta = e.meta();
        buf.put(VERSION).put((byte) e.type().code()).putLong(e.expireAt()).putLong(e.generation());
        buf.putInt(meta == null ? -1 : meta.length);
        if (meta != null) buf.put(meta);
        buf.put(e.value());
    }

    static Entry decode(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        byte version = buf.get();
        if (version != VERSION) throw new IllegalStateException("unknown entry layout version " + version);
        ValueType type = ValueType.ofCode(buf.get());
        long expireAt = buf.getLong();
        long generation = buf.getLong();
        int metaLen = buf.getInt();
        byte[] meta = null;
        if (metaLen >= 0) {
            meta = new byte[metaLen];
            buf.get(meta);
        }
        byte[] value = new byte[buf.remaining()];
        buf.get(value);
        return new Entry(type, value, expireAt, generation, meta);
    }

    /** The expiry of an encoded entry without decoding the rest. */
    static long expireAt(byte[] bytes) {
        return ByteBuffer.wrap(bytes, 2, 8).getLong();
    }
}
