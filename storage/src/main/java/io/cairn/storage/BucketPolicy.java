package io.cairn.storage;

/**
 * A bucket's own rules (DESIGN.md section 2): KVdb's default TTL and per-bucket size limits.
 * Zero means "none" for each. Enforced by {@link Bucket} and {@link Keyspace#commit} on every
 * write, whichever command makes it, so that no command can slip past a limit.
 *
 * @param name             the bucket's name, for error texts
 * @param defaultTtlMillis a key written without an expiry expires this long after the write
 * @param maxKeyBytes      longest key accepted
 * @param maxValueBytes    longest value accepted
 */
public record BucketPolicy(String name, long defaultTtlMillis, long maxKeyBytes, long maxValueBytes) {

    public boolean isEmpty() {
        return defaultTtlMillis == 0 && maxKeyBytes == 0 && maxValueBytes == 0;
    }

    /** Refuses {@code op} before anything is written when it breaks a limit. */
    void check(byte[] key, Entry entry) {
        if (entry == null) return;
        if (maxKeyBytes > 0 && key.length > maxKeyBytes) {
            throw new BucketLimitException("key too long for bucket '" + name + "': " + key.length
                    + " bytes, its MAX-KEY-BYTES is " + maxKeyBytes);
        }
        if (maxValueBytes > 0 && entry.value().length > maxValueBytes) {
            throw new BucketLimitException("value too long for bucket '" + name + "': " + entry.value().length
                    + " bytes, its MAX-VALUE-BYTES is " + maxValueBytes);
        }
    }
}
