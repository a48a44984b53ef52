package io.cairn.server.kv;

import io.cairn.server.command.Args;
import io.cairn.server.command.Errors;
import io.cairn.storage.Keyspace;

/** Argument checks shared by the KV.* and BUCKET commands, each refusal a clear error. */
final class KvOptions {

    private KvOptions() {}

    /** The argument after option {@code i}, or a clear error when the option is last. */
    static int valueIndex(Args a, int i) {
        if (i + 1 >= a.count()) throw Errors.err("option '" + a.string(i) + "' needs a value");
        return i + 1;
    }

    /** A non-negative integer option value. */
    static long nonNegative(Args a, int i, String option) {
        long v = a.longAt(i);
        if (v < 0) throw Errors.err(option + " must be 0 or more");
        return v;
    }

    /** A positive integer option value. */
    static long positive(Args a, int i, String option) {
        long v = a.longAt(i);
        if (v <= 0) throw Errors.err(option + " must be 1 or more");
        return v;
    }

    static byte[] meta(Args a, int i) {
        byte[] m = a.bytes(i);
        if (m.length > Keyspace.MAX_META_BYTES) {
            throw Errors.err("metadata too long: " + m.length + " bytes, the limit is " + Keyspace.MAX_META_BYTES);
        }
        return m;
    }

    static RuntimeException unknownOption(Args a, int i, String command) {
        return Errors.err("unknown option '" + a.string(i) + "' for '" + command + "'");
    }
}
