package io.cairn.server.commands;

import java.util.ArrayList;
import java.util.List;

/**
 * The longest common subsequence of two byte strings, computed and walked back exactly as
 * Redis 7.0's lcsCommand does, so that ties pick the same subsequence and the matched ranges
 * come out in the same order (from the end of the strings to their start).
 */
final class Lcs {

    /** One contiguous matched range: inclusive byte positions in each string. */
    record Match(int aStart, int aEnd, int bStart, int bEnd) {
        int length() {
            return aEnd - aStart + 1;
        }
    }

    private final byte[] a;
    private final byte[] b;
    private final int[] table;

    private Lcs(byte[] a, byte[] b) {
        this.a = a;
        this.b = b;
        this.table = new int[(a.length + 1) * (b.length + 1)];
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++) {
                if (a[i - 1] == b[j - 1]) {
                    set(i, j, at(i - 1, j - 1) + 1);
                } else {
                    set(i, j, Math.max(at(i - 1, j), at(i, j - 1)));
                }
            }
        }
    }

    /** Bytes of the table Redis would allocate; compared against proto-max-bulk-len. */
    static long tableBytes(byte[] a, byte[] b) {
        return (a.length + 1L) * (b.length + 1L) * Integer.BYTES;
    }

    static Lcs of(byte[] a, byte[] b) {
        return new Lcs(a, b);
    }

    private int at(int i, int j) {
        return table[j + i * (b.length + 1)];
    }

    private void set(int i, int j, int v) {
        table[j + i * (b.length + 1)] = v;
    }

    int length() {
        return at(a.length, b.length);
    }

    /** The subsequence itself. */
    byte[] subsequence() {
        byte[] out = new byte[length()];
        walk(out, null, 0);
        return out;
    }

    /** Matched ranges of at least {@code minLength} bytes (0 = all), last ones first. */
    List<Match> matches(long minLength) {
        List<Match> out = new ArrayList<>();
        walk(new byte[length()], out, minLength);
        return out;
    }

    private void walk(byte[] result, List<Match> ranges, long minLength) {
        int idx = length();
        int alen = a.length;
        int aStart = alen, aEnd = 0, bStart = 0, bEnd = 0; // aStart == alen: no open range
        int i = a.length, j = b.length;
        while (i > 0 && j > 0) {
            boolean emit = false;
            if (a[i - 1] == b[j - 1]) {
                result[idx - 1] = a[i - 1];
                if (aStart == alen) {
                    aStart = i - 1;
                    aEnd = i - 1;
                    bStart = j - 1;
                    bEnd = j - 1;
                } else if (aStart == i && bStart == j) {
                    aStart--;
                    bStart--;
                } else {
                    emit = true;
                }
                if (aStart == 0 || bStart == 0) emit = true;
                idx--;
                i--;
                j--;
            } else {
                if (at(i - 1, j) > at(i, j - 1)) i--;
                else j--;
                if (aStart != alen) emit = true;
            }
            if (emit) {
                Match m = new Match(aStart, aEnd, bStart, bEnd);
                if (ranges != null && (minLength == 0 || m.length() >= minLength)) ranges.add(m);
                aStart = alen;
            }
        }
    }
}
