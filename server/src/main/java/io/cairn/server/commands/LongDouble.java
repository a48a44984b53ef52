package io.cairn.server.commands;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * The x87 80-bit {@code long double} that Redis's INCRBYFLOAT computes in, emulated exactly.
 * Clients see its digits: Redis prints the sum with {@code "%.17Lf"} and trims trailing zeros,
 * so 0.1 + 0.2 answers "0.3" (it would be "0.30000000000000004" with Java doubles). Values are
 * held as exact decimals that are always representable with a 64-bit significand.
 */
final class LongDouble {

    private static final int SIGNIFICAND_BITS = 64;
    /** Lowest power of two of a subnormal's last bit: 2^-16445. */
    private static final int MIN_LSB_EXPONENT = -16445;
    /** Values at or above 2^16384 overflow to infinity. */
    private static final int MAX_EXPONENT = 16384;
    /** Redis's MAX_LONG_DOUBLE_CHARS: longer input is refused before parsing. */
    private static final int MAX_CHARS = 5 * 1024;
    /** Decimal exponents beyond this cannot land in range given MAX_CHARS digits. */
    private static final int EXPONENT_GIVE_UP = 20_000;

    private final BigDecimal value;

    private LongDouble(BigDecimal value) {
        this.value = value;
    }

    /** Thrown when a result is not finite (Redis: "increment would produce NaN or Infinity"). */
    static final class NotFinite extends ArithmeticException {
        NotFinite() {
            super("not finite");
        }
    }

    /**
     * Parses like Redis's string2ld (strtold, then refusing leading spaces, trailing garbage,
     * NaN, and overflow or underflow to zero). Returns null for "not a valid float";
     * infinities parse, and throw {@link NotFinite} only once added.
     */
    static Parsed parse(byte[] raw) {
        if (raw.length == 0 || raw.length >= MAX_CHARS) return null;
        // Every byte must be consumed, so an embedded NUL (where strtold stops) is refused too.
        String s = new String(raw, StandardCharsets.ISO_8859_1);
        if (isCSpace(s.charAt(0))) return null;
        int i = 0;
        boolean negative = false;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        String rest = s.substring(i).toLowerCase(java.util.Locale.ROOT);
        if (rest.equals("inf") || rest.equals("infinity")) return new Parsed(null, negative ? -1 : 1);
        BigDecimal exact = rest.startsWith("0x") ? parseHex(rest.substring(2)) : parseDecimal(rest);
        if (exact == null) return null;
        if (negative) exact = exact.negate();
        if (exact.signum() == 0) return new Parsed(new LongDouble(BigDecimal.ZERO), 0);
        BigDecimal rounded = round(exact);
        // strtold's ERANGE with HUGE_VAL or zero: Redis refuses both.
        if (rounded == null || rounded.signum() == 0) return null;
        return new Parsed(new LongDouble(rounded), 0);
    }

    /** A parse result: a finite value, or an infinity's sign (value null). */
    record Parsed(LongDouble finite, int infinity) {
        boolean isInfinite() {
            return finite == null;
        }
    }

    static LongDouble zero() {
        return new LongDouble(BigDecimal.ZERO);
    }

    /** The correctly rounded sum, as the FPU computes it; throws {@link NotFinite} on overflow. */
    LongDouble add(LongDouble other) {
        BigDecimal sum = value.add(other.value);
        if (sum.signum() == 0) return zero();
        BigDecimal rounded = round(sum);
        if (rounded == null) throw new NotFinite();
        return new LongDouble(rounded);
    }

    /** Redis's ld2string in LD_STR_HUMAN mode: "%.17Lf" with trailing zeros and "-0" removed. */
    String format() {
        String s = value.setScale(17, RoundingMode.HALF_EVEN).toPlainString();
        int n = s.length();
        while (s.charAt(n - 1) == '0') n--;
        if (s.charAt(n - 1) == '.') n--;
        s = s.substring(0, n);
        return s.equals("-0") ? "0" : s;
    }

    private static boolean isCSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }

    /** digits [. digits] [e [sign] digits], at least one digit in the mantissa. */
    private static BigDecimal parseDecimal(String s) {
        int i = 0, n = s.length();
        StringBuilder digits = new StringBuilder();
        int fractionDigits = 0;
        boolean any = false;
        while (i < n && isDigit(s.charAt(i))) { digits.append(s.charAt(i++)); any = true; }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) { digits.append(s.charAt(i++)); fractionDigits++; any = true; }
        }
        if (!any) return null;
        long exponent = 0;
        if (i < n && s.charAt(i) == 'e') {
            i++;
            boolean negExp = false;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) negExp = s.charAt(i++) == '-';
            if (i >= n || !isDigit(s.charAt(i))) return null;
            while (i < n && isDigit(s.charAt(i))) {
                exponent = Math.min(exponent * 10 + (s.charAt(i++) - '0'), 10L * EXPONENT_GIVE_UP);
            }
            if (negExp) exponent = -exponent;
        }
        if (i != n) return null;
        BigInteger unscaled = new BigInteger(digits.toString());
        if (unscaled.signum() == 0) return BigDecimal.ZERO;
        long scale = fractionDigits - exponent;
        // Out of every representable range: overflow (refused) or underflow to zero (refused too).
        if (Math.abs(scale) > EXPONENT_GIVE_UP) return scale < 0 ? HUGE : TINY;
        return new BigDecimal(unscaled, (int) scale);
    }

    /** hexdigits [. hexdigits] [p [sign] digits]: C99 hexadecimal floats, which strtold reads. */
    private static BigDecimal parseHex(String s) {
        int i = 0, n = s.length();
        BigInteger mantissa = BigInteger.ZERO;
        long binaryExponent = 0;
        boolean any = false;
        while (i < n && Character.digit(s.charAt(i), 16) >= 0) {
            mantissa = mantissa.shiftLeft(4).add(BigInteger.valueOf(Character.digit(s.charAt(i++), 16)));
            any = true;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && Character.digit(s.charAt(i), 16) >= 0) {
                mantissa = mantissa.shiftLeft(4).add(BigInteger.valueOf(Character.digit(s.charAt(i++), 16)));
                binaryExponent -= 4;
                any = true;
            }
        }
        if (!any) return null;
        if (i < n && s.charAt(i) == 'p') {
            i++;
            boolean negExp = false;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) negExp = s.charAt(i++) == '-';
            if (i >= n || !isDigit(s.charAt(i))) return null;
            long e = 0;
            while (i < n && isDigit(s.charAt(i))) e = Math.min(e * 10 + (s.charAt(i++) - '0'), 1_000_000L);
            binaryExponent += negExp ? -e : e;
        }
        if (i != n) return null;
        if (mantissa.signum() == 0) return BigDecimal.ZERO;
        long top = binaryExponent + mantissa.bitLength();
        if (top > MAX_EXPONENT + 1) return HUGE;
        if (top < MIN_LSB_EXPONENT - 1) return TINY;
        return exact(mantissa, (int) -binaryExponent);
    }

    /** Stand-ins that {@link #round} maps to overflow and to zero. */
    private static final BigDecimal HUGE = BigDecimal.ONE.scaleByPowerOfTen(EXPONENT_GIVE_UP);
    private static final BigDecimal TINY = BigDecimal.ONE.scaleByPowerOfTen(-EXPONENT_GIVE_UP);

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * {@code v} rounded half-even to a 64-bit significand (subnormals included), or null when
     * it overflows to infinity.
     */
    private static BigDecimal round(BigDecimal v) {
        boolean negative = v.signum() < 0;
        BigDecimal abs = v.abs();
        BigInteger num, den;
        if (abs.scale() <= 0) {
            num = abs.unscaledValue().multiply(BigInteger.TEN.pow(-abs.scale()));
            den = BigInteger.ONE;
        } else {
            num = abs.unscaledValue();
            den = BigInteger.TEN.pow(abs.scale());
        }
        // q = num * 2^shift / den should have 64 significant bits; value = q * 2^-shift.
        int shift = SIGNIFICAND_BITS - (num.bitLength() - den.bitLength());
        BigInteger[] qr = divide(num, den, Math.min(shift, -MIN_LSB_EXPONENT));
        if (qr[0].bitLength() > SIGNIFICAND_BITS) {
            shift--;
            qr = divide(num, den, Math.min(shift, -MIN_LSB_EXPONENT));
        }
        shift = Math.min(shift, -MIN_LSB_EXPONENT);
        BigInteger q = qr[0];
        BigInteger d = shift >= 0 ? den : den.shiftLeft(-shift);
        int half = qr[1].shiftLeft(1).compareTo(d);
        if (half > 0 || (half == 0 && q.testBit(0))) q = q.add(BigInteger.ONE);
        if (q.bitLength() - shift > MAX_EXPONENT) return null;
        BigDecimal out = exact(q, shift);
        return negative ? out.negate() : out;
    }

    private static BigInteger[] divide(BigInteger num, BigInteger den, int shift) {
        return shift >= 0 ? num.shiftLeft(shift).divideAndRemainder(den)
                : num.divideAndRemainder(den.shiftLeft(-shift));
    }

    /** q * 2^-shift as an exact decimal. */
    private static BigDecimal exact(BigInteger q, int shift) {
        if (shift <= 0) return new BigDecimal(q.shiftLeft(-shift));
        return new BigDecimal(q.multiply(BigInteger.valueOf(5).pow(shift)), shift);
    }
}
