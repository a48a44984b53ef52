package io.cairn.server.commands;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * instantaneous_ops_per_sec without a sampling thread: each reading records (time, count) and
 * answers the rate since the oldest reading of the last few seconds. Monitoring tools poll INFO
 * regularly, so this is the rate over their polling interval; the first reading ever is the
 * rate since start.
 */
final class OpsMeter {

    private static final long WINDOW_NANOS = 5_000_000_000L;

    private record Sample(long nanos, long count) {}

    private final LongSupplier counter;
    private final Deque<Sample> samples = new ArrayDeque<>();

    OpsMeter(LongSupplier counter) {
        this.counter = counter;
        samples.add(new Sample(System.nanoTime(), counter.getAsLong()));
    }

    synchronized long perSecond() {
        long now = System.nanoTime();
        long count = counter.getAsLong();
        // Keep one sample older than the window so there is always a base to measure from.
        while (samples.size() > 1) {
            var it = samples.iterator();
            it.next();
            if (now - it.next().nanos() <= WINDOW_NANOS) break;
            samples.removeFirst();
        }
        Sample base = samples.peekFirst();
        // At most ten samples a second, however often INFO is polled.
        if (now - samples.peekLast().nanos() >= 100_000_000L) samples.addLast(new Sample(now, count));
        long elapsed = now - base.nanos();
        if (elapsed <= 0) return 0;
        return Math.round((count - base.count()) * 1e9 / elapsed);
    }
}
