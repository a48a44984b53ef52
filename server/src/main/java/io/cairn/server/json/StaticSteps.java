package io.cairn.server.json;

import java.util.ArrayList;
import java.util.List;

/**
 * Recognizes a definite JSONPath made only of names and indexes ($, $.a, $.a[0], $['a b'],
 * $["a"][-1]) and splits it into steps, so the common case is walked without Jayway and so
 * JSON.SET knows the parent and the last name of a path it may create. Anything else
 * (wildcards, "..", slices, unions, filters, functions) gives null and is left to Jayway.
 */
final class StaticSteps {

    private static final String SPECIAL = ".[]()?*,:@'\"=<>!&|$ \t";

    private StaticSteps() {}

    static List<Object> parse(String p) {
        if (!p.startsWith("$")) return null;
        List<Object> steps = new ArrayList<>();
        int i = 1;
        int n = p.length();
        while (i < n) {
            char c = p.charAt(i);
            if (c == '.') {
                int start = ++i;
                while (i < n && SPECIAL.indexOf(p.charAt(i)) < 0) i++;
                if (i == start) return null;                 // "..", ".*", trailing "."
                if (i < n && p.charAt(i) != '.' && p.charAt(i) != '[') return null;
                steps.add(p.substring(start, i));
            } else if (c == '[') {
                if (i + 1 >= n) return null;
                char q = p.charAt(i + 1);
                if (q == '\'' || q == '"') {
                    int end = p.indexOf(q, i + 2);
                    if (end < 0 || end + 1 >= n || p.charAt(end + 1) != ']') return null;
                    String name = p.substring(i + 2, end);
                    if (name.indexOf('\\') >= 0) return null;
                    steps.add(name);
                    i = end + 2;
                } else {
                    int end = p.indexOf(']', i);
                    if (end < 0) return null;
                    String num = p.substring(i + 1, end);
                    if (!num.matches("-?(0|[1-9][0-9]{0,8})")) return null;
                    steps.add(Integer.parseInt(num));
                    i = end + 1;
                }
            } else {
                return null;
            }
        }
        return steps;
    }
}
