package io.cairn.server.command;

import java.util.concurrent.atomic.LongAdder;

/** INFO commandstats counters for one command. */
public final class CommandStats {
    public final LongAdder calls = new LongAdder();
    public final LongAdder micros = new LongAdder();
    public final LongAdder rejected = new LongAdder();
    public final LongAdder failed = new LongAdder();

    public void reset() {
        calls.reset();
        micros.reset();
        rejected.reset();
        failed.reset();
    }
}
