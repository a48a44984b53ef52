package io.cairn.server.commands;

import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;

import io.cairn.server.Glob;
import io.cairn.storage.Bucket;
import io.cairn.storage.KeyEntry;

/**
 * The stretch of a bucket's sorted keyspace that a glob can match. Every key matching
 * "user:42:*" starts with "user:42:", and keys are sorted, so KEYS and SCAN walk only
 * [prefix, prefixEnd) instead of the whole bucket (DESIGN.md sections 1 and 3).
 */
final class KeyListing {

    private KeyListing() {}

    /**
     * Live entries that {@code pattern} may match (null = every key), in key order, starting
     * strictly after {@code after} (null = from the start of the range).
     */
    static Iterator<KeyEntry> candidates(Bucket bucket, byte[] pattern, byte[] after) {
        byte[] prefix = pattern == null ? new byte[0] : Glob.literalPrefix(pattern);
        byte[] end = prefix.length == 0 ? null : Glob.prefixEnd(prefix);
        byte[] from = prefix.length == 0 ? null : prefix;
        if (after != null) {
            byte[] next = successor(after);
            if (from == null || Arrays.compareUnsigned(next, from) > 0) from = next;
        }
        if (from != null && end != null && Arrays.compareUnsigned(from, end) >= 0) {
            return Collections.emptyIterator();
        }
        return bucket.scan(from, end, false);
    }

    /** Whether {@code key} matches {@code pattern}; a null pattern matches everything. */
    static boolean matches(byte[] pattern, byte[] key) {
        return pattern == null || Glob.matches(pattern, key, false);
    }

    /** A "*" pattern matches everything: treat it as no pattern, as Redis does. */
    static byte[] patternOrNull(byte[] pattern) {
        return pattern.length == 1 && pattern[0] == '*' ? null : pattern;
    }

    /** The smallest key sorting after {@code key}: the key with a zero byte appended. */
    private static byte[] successor(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }
}
