package io.cairn.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** KeySort orders keys exactly as the unsigned byte-wise comparison does, stably. */
class KeySortTest {

    @Test
    void randomKeysOfRandomLengthsSortAsTheComparatorDoes() {
        Random r = new Random(1);
        for (int round = 0; round < 50; round++) {
            byte[][] keys = new byte[r.nextInt(3000)][];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = new byte[r.nextInt(12)];
                for (int j = 0; j < keys[i].length; j++) keys[i][j] = (byte) r.nextInt(4); // many zeros and ties
            }
            assertSortedLikeTheComparator(keys);
        }
    }

    @Test
    void keysThatDifferOnlyAfterALongSharedPrefixOrInLength() {
        byte[][] keys = new byte[5000][];
        for (int i = 0; i < keys.length; i++) {
            String prefix = (i % 3 == 0 ? "a" : "b") + "x".repeat(40);
            String key = i % 7 == 0 ? prefix : prefix + (i * 7919 % 5000) + (i % 2 == 0 ? "" : "\0");
            keys[i] = key.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        assertSortedLikeTheComparator(keys);
    }

    @Test
    void bytesAbove0x7fSortAfterLowerOnes() {
        byte[][] keys = new byte[1000][];
        Random r = new Random(2);
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new byte[20];
            r.nextBytes(keys[i]);
        }
        assertSortedLikeTheComparator(keys);
    }

    @Test
    void compositeKeysAsTheFlusherSortsThem() {
        byte[][] keys = new byte[100_000][];
        Random r = new Random(3);
        for (int i = 0; i < keys.length; i++) {
            keys[i] = Keys.compose(r.nextInt(3), String.format("key:%012d", r.nextInt(100_000)).getBytes());
        }
        assertSortedLikeTheComparator(keys);
    }

    /** Equal keys keep their order: the flusher keeps the later of two listings of a key. */
    private static void assertSortedLikeTheComparator(byte[][] keys) {
        Integer[] expected = new Integer[keys.length];
        for (int i = 0; i < keys.length; i++) expected[i] = i;
        Arrays.sort(expected, (a, b) -> Keys.UNSIGNED.compare(keys[a], keys[b]));
        int[] actual = KeySort.order(keys);
        assertArrayEquals(Arrays.stream(expected).mapToInt(Integer::intValue).toArray(), actual);
    }
}
