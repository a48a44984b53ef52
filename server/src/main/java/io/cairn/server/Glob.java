package io.cairn.server;

import java.io.ByteArrayOutputStream;

/** Redis's glob-style matching (stringmatchlen): *, ?, [abc], [^a-z], and \ escapes. */
public final class Glob {

    private Glob() {}

    public static boolean matches(byte[] pattern, byte[] string, boolean nocase) {
        return match(pattern, 0, string, 0, nocase, 0);
    }

    private static boolean match(byte[] p, int pi, byte[] s, int si, boolean nocase, int depth) {
        if (depth > 1000) return false; // Redis caps recursion against pathological patterns too.
        while (pi < p.length && si <= s.length) {
            switch (p[pi]) {
                case '*':
                    while (pi + 1 < p.length && p[pi + 1] == '*') pi++;
                    if (pi + 1 == p.length) return true;
                    for (int k = si; k <= s.length; k++) {
                        if (match(p, pi + 1, s, k, nocase, depth + 1)) return true;
                    }
                    return false;
                case '?':
                    if (si == s.length) return false;
                    si++;
                    break;
                case '[': {
                    if (si == s.length) return false;
                    pi++;
                    boolean not = pi < p.length && p[pi] == '^';
                    if (not) pi++;
                    boolean found = false;
                    while (true) {
                        if (pi >= p.length) {
                            pi--;
                            break;
                        }
                        if (p[pi] == '\\' && pi + 1 < p.length) {
                            pi++;
                            if (eq(p[pi], s[si], nocase)) found = true;
                        } else if (p[pi] == ']') {
                            break;
                        } else if (pi + 2 < p.length && p[pi + 1] == '-') {
                            int start = p[pi] & 0xFF, end = p[pi + 2] & 0xFF, c = s[si] & 0xFF;
                            if (start > end) {
                                int t = start;
                                start = end;
                                end = t;
                            }
                            if (nocase) {
                                start = Character.toLowerCase(start);
                                end = Character.toLowerCase(end);
                                c = Character.toLowerCase(c);
                            }
                            pi += 2;
                            if (c >= start && c <= end) found = true;
                        } else if (eq(p[pi], s[si], nocase)) {
                            found = true;
                        }
                        pi++;
                    }
                    if (not) found = !found;
                    if (!found) return false;
                    si++;
                    break;
                }
                case '\\':
                    if (pi + 1 < p.length) pi++;
                    // fall through: match the escaped byte literally
                default:
                    if (si == s.length || !eq(p[pi], s[si], nocase)) return false;
                    si++;
                    break;
            }
            pi++;
            if (si == s.length) {
                while (pi < p.length && p[pi] == '*') pi++;
                break;
            }
        }
        return pi == p.length && si == s.length;
    }

    private static boolean eq(byte a, byte b, boolean nocase) {
        if (a == b) return true;
        return nocase && Character.toLowerCase(a & 0xFF) == Character.toLowerCase(b & 0xFF);
    }

    /**
     * The literal bytes every match must start with (escapes resolved), so a listing can visit
     * only that range of the sorted keyspace: "user:42:*" gives "user:42:".
     */
    public static byte[] literalPrefix(byte[] pattern) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < pattern.length; i++) {
            byte c = pattern[i];
            if (c == '*' || c == '?' || c == '[') break;
            if (c == '\\') {
                if (i + 1 >= pattern.length) break;
                c = pattern[++i];
            }
            out.write(c);
        }
        return out.toByteArray();
    }

    /** True when the pattern has no wildcard at all (then it names exactly one key). */
    public static boolean isLiteral(byte[] pattern) {
        for (byte c : pattern) if (c == '*' || c == '?' || c == '[' || c == '\\') return false;
        return true;
    }

    /** The first key after every key starting with {@code prefix}, or null when there is none. */
    public static byte[] prefixEnd(byte[] prefix) {
        byte[] end = prefix.clone();
        for (int i = end.length - 1; i >= 0; i--) {
            if ((end[i] & 0xFF) != 0xFF) {
                end[i]++;
                return java.util.Arrays.copyOf(end, i + 1);
            }
        }
        return null;
    }
}
