package io.cairn.server.commands;

import io.cairn.server.command.Args;
import io.cairn.server.command.Errors;
import io.cairn.storage.Entry;

/**
 * The NX / XX / GT / LT conditions of EXPIRE and its siblings, parsed and checked with Redis
 * 7's rules (expire.c): options are read before the time, so an incompatible combination is
 * reported even for a bad time or an absent key.
 */
record ExpireConditions(boolean nx, boolean xx, boolean gt, boolean lt) {

    /** Parses the options from argument {@code from} on. */
    static ExpireConditions parse(Args a, int from) {
        boolean nx = false, xx = false, gt = false, lt = false;
        for (int i = from; i < a.count(); i++) {
            if (a.is(i, "NX")) nx = true;
            else if (a.is(i, "XX")) xx = true;
            else if (a.is(i, "GT")) gt = true;
            else if (a.is(i, "LT")) lt = true;
            else throw Errors.err("Unsupported option " + a.string(i));
        }
        if (nx && (xx || gt || lt)) {
            throw Errors.err("NX and XX, GT or LT options at the same time are not compatible");
        }
        if (gt && lt) throw Errors.err("GT and LT options at the same time are not compatible");
        return new ExpireConditions(nx, xx, gt, lt);
    }

    /**
     * Whether a new deadline {@code when} may replace the entry's current one. A key without
     * expiry counts as an infinite TTL: GT never beats it, LT always does.
     */
    boolean allow(Entry current, long when) {
        boolean has = current.hasExpiry();
        long expireAt = current.expireAt();
        if (nx && has) return false;
        if (xx && !has) return false;
        if (gt && (!has || when <= expireAt)) return false;
        if (lt && has && when >= expireAt) return false;
        return true;
    }
}
