package io.cairn.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits an inline command line into arguments exactly like Redis's sdssplitargs, so that
 * telnet users and scripts see the same quoting rules as with a real Redis.
 */
final class InlineSplitter {

    private static final byte[][] NONE = new byte[0][];

    private InlineSplitter() {}

    /**
     * @return the arguments (possibly none), or null when quotes are unbalanced or a closing
     *         quote is followed by something other than a space
     */
    static byte[][] split(byte[] line) {
        // sdssplitargs works on a C string, so a NUL byte ends the line.
        int end = 0;
        while (end < line.length && line[end] != 0) end++;
        Cursor s = new Cursor(line, end);
        List<byte[]> args = null;
        ByteBuilder current = new ByteBuilder();
        while (true) {
            while (isSpace(s.at(s.p))) s.p++;
            if (s.at(s.p) == 0) {
                return args == null ? NONE : args.toArray(NONE);
            }
            if (!readToken(s, current)) return null;
            if (args == null) args = new ArrayList<>(4);
            args.add(current.toArrayAndReset());
        }
    }

    private static boolean readToken(Cursor s, ByteBuilder out) {
        boolean inDouble = false;
        boolean inSingle = false;
        boolean done = false;
        while (!done) {
            int c = s.at(s.p);
            if (inDouble) {
                if (c == '\\' && s.at(s.p + 1) == 'x' && isHex(s.at(s.p + 2)) && isHex(s.at(s.p + 3))) {
                    out.add((hexValue(s.at(s.p + 2)) << 4) | hexValue(s.at(s.p + 3)));
                    s.p += 3;
                } else if (c == '\\' && s.at(s.p + 1) != 0) {
                    s.p++;
                    out.add(unescape(s.at(s.p)));
                } else if (c == '"') {
                    if (s.at(s.p + 1) != 0 && !isSpace(s.at(s.p + 1))) return false;
                    done = true;
                } else if (c == 0) {
                    return false;
                } else {
                    out.add(c);
                }
            } else if (inSingle) {
                if (c == '\\' && s.at(s.p + 1) == '\'') {
                    s.p++;
                    out.add('\'');
                } else if (c == '\'') {
                    if (s.at(s.p + 1) != 0 && !isSpace(s.at(s.p + 1))) return false;
                    done = true;
                } else if (c == 0) {
                    return false;
                } else {
                    out.add(c);
                }
            } else {
                switch (c) {
                    case ' ', '\n', '\r', '\t', 0 -> done = true;
                    case '"' -> inDouble = true;
                    case '\'' -> inSingle = true;
                    default -> out.add(c);
                }
            }
            // Mirrors "if (*p) p++" in sds.c: re-read, since the branches above may have moved p.
            if (s.at(s.p) != 0) s.p++;
        }
        return true;
    }

    private static int unescape(int c) {
        return switch (c) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'b' -> '\b';
            case 'a' -> 7;
            default -> c;
        };
    }

    /** C isspace() in the "C" locale; note the unquoted token loop stops on fewer bytes. */
    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == '\f';
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static int hexValue(int c) {
        return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }

    /** A position in the line; reading past the end yields 0 like the C string terminator. */
    private static final class Cursor {
        final byte[] line;
        final int end;
        int p;

        Cursor(byte[] line, int end) {
            this.line = line;
            this.end = end;
        }

        int at(int i) { return i < end ? line[i] & 0xFF : 0; }
    }

    private static final class ByteBuilder {
        private byte[] buf = new byte[32];
        private int size;

        void add(int b) {
            if (size == buf.length) buf = Arrays.copyOf(buf, size * 2);
            buf[size++] = (byte) b;
        }

        byte[] toArrayAndReset() {
            byte[] out = Arrays.copyOf(buf, size);
            size = 0;
            return out;
        }
    }
}
