package io.cairn.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** SLOWLOG: the most recent commands slower than slowlog-log-slower-than microseconds. */
public final class SlowLog {

    public record Item(long id, long timestampSeconds, long micros, byte[][] argv, String peer, String clientName) {}

    private final Deque<Item> items = new ArrayDeque<>();
    private long nextId;
    // Read on every command: kept as plain fields, refreshed when CONFIG SET changes them.
    private volatile long threshold;
    private volatile int maxLen;

    public SlowLog(Config config) {
        threshold = Long.parseLong(config.get("slowlog-log-slower-than"));
        maxLen = config.getInt("slowlog-max-len");
        config.onChange("slowlog-log-slower-than", v -> threshold = Long.parseLong(v));
        config.onChange("slowlog-max-len", v -> maxLen = Integer.parseInt(v));
    }

    /** Whether a command that took {@code micros} belongs in the log. */
    public boolean isSlow(long micros) {
        long t = threshold;
        return t >= 0 && micros >= t;
    }

    public synchronized void record(long micros, byte[][] argv, String peer, String clientName) {
        if (!isSlow(micros)) return;
        int max = maxLen;
        // Redis keeps at most 32 arguments and 128 bytes of each.
        int n = Math.min(argv.length, 32);
        byte[][] kept = new byte[n][];
        for (int i = 0; i < n; i++) {
            if (i == 31 && argv.length > 32) {
                kept[i] = ("... (" + (argv.length - 31) + " more arguments)").getBytes();
            } else if (argv[i].length > 128) {
                byte[] head = java.util.Arrays.copyOf(argv[i], 128);
                String more = "... (" + (argv[i].length - 128) + " more bytes)";
                kept[i] = concat(head, more.getBytes());
            } else {
                kept[i] = argv[i];
            }
        }
        items.addFirst(new Item(nextId++, System.currentTimeMillis() / 1000, micros, kept, peer, clientName));
        while (items.size() > max) items.removeLast();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    public synchronized List<Item> latest(int count) {
        List<Item> out = new ArrayList<>();
        for (Item i : items) {
            if (out.size() >= count) break;
            out.add(i);
        }
        return out;
    }

    public synchronized int size() {
        return items.size();
    }

    public synchronized void reset() {
        items.clear();
    }
}
