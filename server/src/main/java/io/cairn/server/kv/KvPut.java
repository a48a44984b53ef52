package io.cairn.server.kv;

import io.cairn.server.command.Args;
import io.cairn.server.command.Deadline;
import io.cairn.server.command.Errors;

/**
 * The options of KV.PUT key value [MODE m] [IFGEN g] [META m] [EX s|PX ms|EXAT s|PXAT ms|KEEPTTL],
 * all checked before anything is read or written, so a bad one changes nothing.
 *
 * @param ifGen    the generation the key must have (0 = absent), or -1 for no condition
 * @param meta     the new metadata, or null when not given
 * @param expireAt an absolute deadline in ms, or {@link #UNSET} / {@link #KEEP}
 */
record KvPut(Mode mode, long ifGen, byte[] meta, long expireAt) {

    enum Mode { OVERWRITE, ADD, APPEND, PREPEND }

    static final long UNSET = -1;
    static final long KEEP = -2;

    static KvPut parse(Args a, long now) {
        Mode mode = Mode.OVERWRITE;
        long ifGen = -1;
        byte[] meta = null;
        long expireAt = UNSET;
        boolean expirySeen = false;
        for (int i = 3; i < a.count(); i++) {
            if (a.is(i, "MODE")) {
                i = KvOptions.valueIndex(a, i);
                mode = mode(a, i);
            } else if (a.is(i, "IFGEN")) {
                i = KvOptions.valueIndex(a, i);
                ifGen = KvOptions.nonNegative(a, i, "IFGEN");
            } else if (a.is(i, "META")) {
                meta = KvOptions.meta(a, i = KvOptions.valueIndex(a, i));
            } else if (a.is(i, "KEEPTTL") || a.is(i, "EX") || a.is(i, "PX") || a.is(i, "EXAT") || a.is(i, "PXAT")) {
                if (expirySeen) throw Errors.err("only one of EX, PX, EXAT, PXAT and KEEPTTL may be given");
                expirySeen = true;
                if (a.is(i, "KEEPTTL")) {
                    expireAt = KEEP;
                } else {
                    String unit = a.string(i).toUpperCase(java.util.Locale.ROOT);
                    i = KvOptions.valueIndex(a, i);
                    expireAt = deadline(unit, a.longAt(i), now);
                }
            } else {
                throw KvOptions.unknownOption(a, i, "kv.put");
            }
        }
        return new KvPut(mode, ifGen, meta, expireAt);
    }

    private static Mode mode(Args a, int i) {
        for (Mode m : Mode.values()) if (a.is(i, m.name())) return m;
        throw Errors.err("MODE must be OVERWRITE, ADD, APPEND or PREPEND, not '" + a.string(i) + "'");
    }

    /** As SET computes it (see {@link Deadline#millis}); {@code unit} is EX, PX, EXAT or PXAT. */
    static long deadline(String unit, long v, long now) {
        return Deadline.millis(v, unit.equals("EX") || unit.equals("EXAT"), unit.equals("EX") || unit.equals("PX"),
                now, "kv.put");
    }
}
