package io.cairn.storage;

import java.util.Arrays;

/**
 * One stored value with everything DESIGN.md section 1 attaches to it. Immutable: a write
 * replaces the whole entry, which is what lets readers, the flusher and the expiry reclaimer
 * share entries without copying.
 *
 * @param type       what the value holds, see {@link ValueType}
 * @param value      the encoded value (raw bytes for strings, UTF-8 JSON for documents)
 * @param expireAt   absolute expiry in Unix milliseconds, or {@link #NO_EXPIRY}
 * @param generation strictly increasing per write, never reused (Fastly's gen, Deno's versionstamp)
 * @param meta       opaque metadata, at most {@code Keyspace.MAX_META_BYTES}, or null
 */
public record Entry(ValueType type, byte[] value, long expireAt, long generation, byte[] meta) {

    public static final long NO_EXPIRY = 0;

    public boolean hasExpiry() {
        return expireAt != NO_EXPIRY;
    }

    public boolean isExpiredAt(long nowMillis) {
        return expireAt != NO_EXPIRY && expireAt < nowMillis;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Entry e && type == e.type && expireAt == e.expireAt
                && generation == e.generation && Arrays.equals(value, e.value) && Arrays.equals(meta, e.meta);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(generation) * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Entry[" + type + ", " + value.length + " bytes, expireAt=" + expireAt + ", gen=" + generation + "]";
    }
}
