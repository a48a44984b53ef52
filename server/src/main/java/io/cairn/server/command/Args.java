package io.cairn.server.command;

import java.nio.charset.StandardCharsets;

/**
 * A command's arguments, index 0 being the command name, with Redis's parsing rules for
 * numbers (strict: no spaces, no "+", no leading zeros tricks beyond what strtoll accepts).
 */
public final class Args {

    private final byte[][] argv;

    public Args(byte[][] argv) {
        this.argv = argv;
    }

    public int count() {
        return argv.length;
    }

    public byte[] bytes(int i) {
        return argv[i];
    }

    public byte[][] raw() {
        return argv;
    }

    public String string(int i) {
        return new String(argv[i], StandardCharsets.UTF_8);
    }

    /** True when argument {@code i} equals {@code word}, ignoring ASCII case. */
    public boolean is(int i, String word) {
        byte[] a = argv[i];
        if (a.length != word.length()) return false;
        for (int k = 0; k < a.length; k++) {
            int c = a[k];
            if (c >= 'a' && c <= 'z') c -= 32;
            int w = word.charAt(k);
            if (w >= 'a' && w <= 'z') w -= 32;
            if (c != w) return false;
        }
        return true;
    }

    /** Argument {@code i} as a 64-bit integer, or "value is not an integer or out of range". */
    public long longAt(int i) {
        Long v = parseLong(argv[i]);
        if (v == null) throw Errors.notInteger();
        return v;
    }

    /** Argument {@code i} as a double, or "value is not a valid float". */
    public double doubleAt(int i) {
        Double v = parseDouble(argv[i]);
        if (v == null) throw Errors.notFloat();
        return v;
    }

    /** Parses like Redis's string2ll: optional '-', digits, no leading zeros, fits in 64 bits. */
    public static Long parseLong(byte[] s) {
        int len = s.length;
        if (len == 0 || len > 20) return null;
        if (len == 1 && s[0] == '0') return 0L;
        int i = 0;
        boolean negative = false;
        if (s[0] == '-') {
            negative = true;
            i = 1;
            if (len == 1) return null;
        }
        if (s[i] < '1' || s[i] > '9') return null;
        long v = 0;
        for (; i < len; i++) {
            int d = s[i] - '0';
            if (d < 0 || d > 9) return null;
            // Accumulate negatively so Long.MIN_VALUE parses.
            if (v < (Long.MIN_VALUE + d) / 10) return null;
            v = v * 10 - d;
        }
        if (!negative) {
            if (v == Long.MIN_VALUE) return null;
            return -v;
        }
        return v;
    }

    /** Parses like Redis's string2ld/strtold: no spaces, "inf"/"-inf" allowed, nan refused. */
    public static Double parseDouble(byte[] s) {
        if (s.length == 0 || s.length > 5000) return null;
        String str = new String(s, StandardCharsets.US_ASCII);
        if (Character.isWhitespace(str.charAt(0)) || Character.isWhitespace(str.charAt(str.length() - 1))) return null;
        String lower = str.toLowerCase();
        switch (lower) {
            case "inf", "+inf", "infinity", "+infinity": return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity": return Double.NEGATIVE_INFINITY;
            default: break;
        }
        if (lower.contains("nan") || lower.endsWith("d") || lower.endsWith("f") || lower.contains("x")) return null;
        try {
            double d = Double.parseDouble(str);
            return Double.isNaN(d) ? null : d;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
