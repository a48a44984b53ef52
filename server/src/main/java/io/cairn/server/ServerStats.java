package io.cairn.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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
    /** Error replies by their first word (INFO errorstats); Redis tracks at most 128 kinds. */
    private final Map<String, LongAdder> errorsByCode = new ConcurrentHashMap<>();

    /** Counts one error reply, given its whole line ("ERR ...", "WRONGTYPE ..."). */
    public void countError(String errorLine) {
        errorReplies.increment();
        int space = errorLine.indexOf(' ');
        String code = space < 0 ? errorLine : errorLine.substring(0, space);
        LongAdder counter = errorsByCode.get(code);
        if (counter == null) {
            if (errorsByCode.size() >= 128) return;
            counter = errorsByCode.computeIfAbsent(code, c -> new LongAdder());
        }
        counter.increment();
    }

    /** Error reply counts by code, sorted by code. */
    public Map<String, Long> errorCounts() {
        Map<String, Long> out = new TreeMap<>();
        errorsByCode.forEach((code, n) -> out.put(code, n.sum()));
        return out;
    }

    public void reset() {
        commandsProcessed.reset();
        connectionsReceived.set(0);
        rejectedConnections.set(0);
        netInputBytes.reset();
        netOutputBytes.reset();
        errorReplies.reset();
        unexpectedErrorReplies.reset();
        errorsByCode.clear();
    }
}
