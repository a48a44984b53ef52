package io.cairn.server;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Server-wide counters for INFO stats. */
public final class ServerStats {
    public final LongAdder commandsProcessed = new LongAdder();
    public final AtomicLong connectionsReceived = new AtomicLong();
    public final AtomicLong rejectedConnections = new AtomicLong();
    public final LongAdder netInputBytes = new LongAdder();
    public final LongAdder netOutputBytes = new LongAdder();
    public final LongAdder errorReplies = new LongAdder();
    public final LongAdder unexpectedErrorReplies = new LongAdder();

    public void reset() {
        commandsProcessed.reset();
        connectionsReceived.set(0);
        rejectedConnections.set(0);
        netInputBytes.reset();
        netOutputBytes.reset();
        errorReplies.reset();
    }
}
