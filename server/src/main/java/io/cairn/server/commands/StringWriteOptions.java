package io.cairn.server.commands;

import io.cairn.server.command.Args;
import io.cairn.server.command.Deadline;
import io.cairn.server.command.Errors;

/**
 * The options of SET and GETEX (NX XX GET KEEPTTL PERSIST EX PX EXAT PXAT), parsed with the
 * exact rules of Redis's parseExtendedStringArgumentsOrReply: which options combine, that a
 * repeated option is allowed, that anything else is a syntax error. The expire value itself is
 * only checked later, by {@link #deadline}, because Redis reports a bad one after other errors.
 */
final class StringWriteOptions {

    enum Command { SET, GETEX }

    static final int NX = 1;
    static final int XX = 1 << 1;
    static final int GET = 1 << 2;
    static final int KEEPTTL = 1 << 3;
    static final int PERSIST = 1 << 4;
    static final int EX = 1 << 5;
    static final int PX = 1 << 6;
    static final int EXAT = 1 << 7;
    static final int PXAT = 1 << 8;
    private static final int ANY_EXPIRE = EX | PX | EXAT | PXAT;

    private int flags;
    private byte[] expire;

    private StringWriteOptions() {}

    /** Fixed options, as SETNX implies. */
    static StringWriteOptions of(int flags) {
        StringWriteOptions o = new StringWriteOptions();
        o.flags = flags;
        return o;
    }

    /** Options with a single expiry, as SETEX and PSETEX imply. */
    static StringWriteOptions expiring(int unitFlag, byte[] expire) {
        StringWriteOptions o = new StringWriteOptions();
        o.flags = unitFlag;
        o.expire = expire;
        return o;
    }

    static StringWriteOptions parse(Args a, int from, Command command) {
        StringWriteOptions o = new StringWriteOptions();
        boolean set = command == Command.SET;
        for (int j = from; j < a.count(); j++) {
            boolean hasNext = j + 1 < a.count();
            int f = o.flags;
            if (a.is(j, "NX") && (f & XX) == 0 && set) {
                o.flags |= NX;
            } else if (a.is(j, "XX") && (f & NX) == 0 && set) {
                o.flags |= XX;
            } else if (a.is(j, "GET") && set) {
                o.flags |= GET;
            } else if (a.is(j, "KEEPTTL") && (f & (PERSIST | ANY_EXPIRE)) == 0 && set) {
                o.flags |= KEEPTTL;
            } else if (a.is(j, "PERSIST") && (f & (KEEPTTL | ANY_EXPIRE)) == 0 && !set) {
                o.flags |= PERSIST;
            } else if (hasNext && (f & (KEEPTTL | PERSIST)) == 0 && o.expiryUnit(a, j, f) != 0) {
                o.flags |= o.expiryUnit(a, j, f);
                o.expire = a.bytes(++j);
            } else {
                throw Errors.syntax();
            }
        }
        return o;
    }

    /** The expiry flag argument {@code j} names, if no other expiry unit was given before. */
    private int expiryUnit(Args a, int j, int f) {
        int unit = a.is(j, "EX") ? EX : a.is(j, "PX") ? PX : a.is(j, "EXAT") ? EXAT : a.is(j, "PXAT") ? PXAT : 0;
        return (f & ANY_EXPIRE & ~unit) == 0 ? unit : 0;
    }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    boolean hasExpiry() {
        return expire != null;
    }

    boolean isAbsoluteExpiry() {
        return has(EXAT) || has(PXAT);
    }

    /** The absolute deadline in ms (see {@link Deadline#millis}). */
    long deadline(long nowMillis, String commandName) {
        long v = new Args(new byte[][] {expire}).longAt(0);
        return Deadline.millis(v, has(EX) || has(EXAT), has(EX) || has(PX), nowMillis, commandName);
    }
}
