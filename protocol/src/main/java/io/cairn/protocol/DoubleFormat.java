package io.cairn.protocol;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats doubles the way Redis 7.0's addReplyDouble does: C's {@code "%.17g"}, with
 * infinities spelled "inf"/"-inf". Java's own %g differs (no trailing-zero removal, other
 * exponent rules), so clients comparing scores textually need this exact rendering.
 */
final class DoubleFormat {

    private static final int PRECISION = 17;
    private static final MathContext SIGNIFICANT_17 = new MathContext(PRECISION, RoundingMode.HALF_EVEN);
    /** Integral doubles below this print all their digits in %.17g's fixed notation. */
    private static final double INTEGRAL_FAST_PATH_LIMIT = 1e17;

    private DoubleFormat() {}

    static String format(double d) {
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (d == 0) return Double.doubleToRawLongBits(d) < 0 ? "-0" : "0";
        if (d == Math.rint(d) && Math.abs(d) < INTEGRAL_FAST_PATH_LIMIT) return Long.toString((long) d);
        return percent17g(d);
    }

    /** C's %.17g: glibc rounds the exact binary value half-even, as BigDecimal does here. */
    private static String percent17g(double d) {
        BigDecimal rounded = new BigDecimal(d).round(SIGNIFICANT_17);
        int exponent = rounded.precision() - rounded.scale() - 1;
        BigDecimal stripped = rounded.stripTrailingZeros();
        if (exponent >= -4 && exponent < PRECISION) return stripped.toPlainString();
        String digits = stripped.unscaledValue().abs().toString();
        StringBuilder sb = new StringBuilder(PRECISION + 8);
        if (stripped.signum() < 0) sb.append('-');
        sb.append(digits.charAt(0));
        if (digits.length() > 1) sb.append('.').append(digits, 1, digits.length());
        sb.append('e').append(exponent < 0 ? '-' : '+');
        int magnitude = Math.abs(exponent);
        if (magnitude < 10) sb.append('0');
        return sb.append(magnitude).toString();
    }
}
