package io.cairn.storage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Sorts byte-string keys in {@link Keys#UNSIGNED} order by sorting primitive prefixes. A flush
 * sorts up to a few hundred thousand keys written in random order; comparing them as objects
 * chased two pointers per comparison and took a third of the flusher's time (TimSort, about
 * 100 ms per 100,000 keys here). Here each level reads every key once, packs the next bytes
 * after the prefix all keys of the range share into a long together with the key's position,
 * sorts the longs, and sorts each run of equal prefixes one level deeper.
 */
final class KeySort {

    private static final VarHandle BIG_ENDIAN = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** At or below this many keys a comparison sort is cheaper than packing. */
    private static final int SMALL = 16;

    private KeySort() {
    }

    /** The positions of {@code keys} in key order. */
    static int[] order(byte[][] keys) {
        int[] idx = new int[keys.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        sort(keys, idx, 0, idx.length, 0);
        return idx;
    }

    /** Sorts idx[from, to), whose keys agree on their first {@code depth} bytes (a missing byte read as zero). */
    private static void sort(byte[][] keys, int[] idx, int from, int to, int depth) {
        int n = to - from;
        if (n < 2) return;
        if (n <= SMALL) {
            comparisonSort(keys, idx, from, to);
            return;
        }
        int common = commonPrefix(keys, idx, from, to, depth);
        if (common < 0) { // every key ends within the shared bytes: they differ in length only
            comparisonSort(keys, idx, from, to);
            return;
        }
        int indexBits = 32 - Integer.numberOfLeadingZeros(n - 1);
        long mask = (1L << indexBits) - 1;
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            long prefix = eightBytesAt(keys[idx[from + i]], common) & ~mask;
            packed[i] = (prefix | i) ^ Long.MIN_VALUE; // signed order of the flipped value = unsigned order
        }
        Arrays.sort(packed);
        int[] sorted = new int[n];
        for (int i = 0; i < n; i++) sorted[i] = idx[from + (int) (packed[i] & mask)];
        System.arraycopy(sorted, 0, idx, from, n);
        // The prefix covers whole bytes up to this depth; equal prefixes agree on all of them.
        int next = common + (64 - indexBits) / 8;
        int runStart = 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || (packed[i] & ~mask) != (packed[runStart] & ~mask)) {
                if (i - runStart > 1) sort(keys, idx, from + runStart, from + i, next);
                runStart = i;
            }
        }
    }

    /**
     * How many bytes (a missing byte read as zero) every key of the range shares, at least
     * {@code depth}; -1 when no key has a byte beyond them.
     */
    private static int commonPrefix(byte[][] keys, int[] idx, int from, int to, int depth) {
        byte[] first = keys[idx[from]];
        int maxLength = first.length;
        int common = Integer.MAX_VALUE;
        for (int i = from + 1; i < to; i++) {
            byte[] k = keys[idx[i]];
            maxLength = Math.max(maxLength, k.length);
            if (common == depth) continue;
            // Past both keys' ends all is padding, equal: counting stops there.
            common = Math.min(common, Math.max(depth, Math.max(first.length, k.length)));
            int both = Math.min(common, Math.min(first.length, k.length));
            int at = depth;
            if (both > depth) {
                int m = Arrays.mismatch(first, depth, both, k, depth, both);
                at = m >= 0 ? depth + m : both;
            }
            if (at >= both) while (at < common && byteAt(first, at) == byteAt(k, at)) at++;
            common = at;
        }
        return common >= maxLength ? -1 : common;
    }

    private static int byteAt(byte[] k, int at) {
        return at < k.length ? k[at] & 0xff : 0;
    }

    /** Bytes at..at+7 of {@code k} as a big-endian long, missing bytes zero. */
    private static long eightBytesAt(byte[] k, int at) {
        if (at + 8 <= k.length) return (long) BIG_ENDIAN.get(k, at);
        long v = 0;
        for (int i = at; i < k.length; i++) v = (v << 8) | (k[i] & 0xff);
        int missing = at + 8 - Math.max(at, k.length);
        return missing == 8 ? 0 : v << (8 * missing);
    }

    private static void comparisonSort(byte[][] keys, int[] idx, int from, int to) {
        Integer[] boxed = new Integer[to - from];
        for (int i = 0; i < boxed.length; i++) boxed[i] = idx[from + i];
        Comparator<Integer> byKey = (a, b) -> Keys.UNSIGNED.compare(keys[a], keys[b]);
        Arrays.sort(boxed, byKey);
        for (int i = 0; i < boxed.length; i++) idx[from + i] = boxed[i];
    }
}
