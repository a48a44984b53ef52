package io.cairn.server.command;

/** The absolute expiry a command's EX / PX / EXAT / PXAT argument asks for. */
public final class Deadline {

    private Deadline() {}

    /**
     * As Redis's getExpireMillisecondsOrReply computes it: the value must be a positive integer,
     * seconds must not overflow when made milliseconds, and the deadline must stay positive (a
     * relative one wraps, as in C, to a refused negative value); each refusal is Redis's
     * "invalid expire time in '<command>' command".
     */
    public static long millis(long value, boolean seconds, boolean relative, long nowMillis, String commandName) {
        if (value <= 0 || (seconds && value > Long.MAX_VALUE / 1000)) throw Errors.invalidExpire(commandName);
        long v = seconds ? value * 1000 : value;
        if (relative) v += nowMillis;
        if (v <= 0) throw Errors.invalidExpire(commandName);
        return v;
    }
}
