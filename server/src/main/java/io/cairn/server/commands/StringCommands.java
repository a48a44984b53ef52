package io.cairn.server.commands;

import static io.cairn.server.commands.StringWriteOptions.EX;
import static io.cairn.server.commands.StringWriteOptions.GET;
import static io.cairn.server.commands.StringWriteOptions.KEEPTTL;
import static io.cairn.server.commands.StringWriteOptions.NX;
import static io.cairn.server.commands.StringWriteOptions.PERSIST;
import static io.cairn.server.commands.StringWriteOptions.PX;
import static io.cairn.server.commands.StringWriteOptions.XX;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.cairn.protocol.Reply;
import io.cairn.server.CommandFamily;
import io.cairn.server.Server;
import io.cairn.server.Session;
import io.cairn.server.command.Args;
import io.cairn.server.command.CommandException;
import io.cairn.server.command.CommandTable;
import io.cairn.server.command.Errors;
import io.cairn.storage.Bucket;
import io.cairn.storage.Entry;
import io.cairn.storage.ValueType;
import io.cairn.storage.WriteBatch;

/**
 * Redis 7's string and counter commands, following t_string.c step by step where the order of
 * checks shows in replies (which error wins, whether a bad argument is noticed before a missing
 * key). Reads go through {@link Bucket#read} where Redis counts keyspace hits and misses, writes
 * through {@link Bucket#get}. Whole-value writes clear metadata and, unless told to keep it,
 * the TTL; in-place changes (APPEND, SETRANGE, INCR...) keep both.
 */
public final class StringCommands implements CommandFamily {

    private final Server server;

    public StringCommands(Server server) {
        this.server = server;
    }

    @Override
    public void register(CommandTable t) {
        t.bind("set", this::set);
        t.bind("setnx", this::setnx);
        t.bind("setex", (s, a) -> setExpiring(s, a, EX, "setex"));
        t.bind("psetex", (s, a) -> setExpiring(s, a, PX, "psetex"));
        t.bind("get", this::get);
        t.bind("getdel", this::getdel);
        t.bind("getex", this::getex);
        t.bind("getset", this::getset);
        t.bind("mget", this::mget);
        t.bind("mset", (s, a) -> mset(s, a, false));
        t.bind("msetnx", (s, a) -> mset(s, a, true));
        t.bind("append", this::append);
        t.bind("strlen", this::strlen);
        t.bind("getrange", this::getrange);
        t.bind("substr", this::getrange);
        t.bind("setrange", this::setrange);
        t.bind("incr", (s, a) -> incrBy(s, a.bytes(1), 1));
        t.bind("decr", (s, a) -> incrBy(s, a.bytes(1), -1));
        t.bind("incrby", (s, a) -> incrBy(s, a.bytes(1), a.longAt(2)));
        t.bind("decrby", this::decrby);
        t.bind("incrbyfloat", this::incrbyfloat);
        t.bind("lcs", this::lcs);
    }

    // ---- SET family -------------------------------------------------------------------------

    private Reply set(Session s, Args a) {
        StringWriteOptions o = StringWriteOptions.parse(a, 3, StringWriteOptions.Command.SET);
        return setGeneric(s, a.bytes(1), a.bytes(2), o, "set", Reply.OK, Reply.NULL);
    }

    private Reply setnx(Session s, Args a) {
        return setGeneric(s, a.bytes(1), a.bytes(2), StringWriteOptions.of(NX), "setnx", Reply.ONE, Reply.ZERO);
    }

    /** SETEX key seconds value / PSETEX key milliseconds value. */
    private Reply setExpiring(Session s, Args a, int unit, String name) {
        StringWriteOptions o = StringWriteOptions.expiring(unit, a.bytes(2));
        return setGeneric(s, a.bytes(1), a.bytes(3), o, name, Reply.OK, Reply.NULL);
    }

    /**
     * Redis's setGenericCommand: the expire is validated first, then GET reads the old value
     * (refusing a non-string before anything is written), then NX/XX decide.
     */
    private Reply setGeneric(Session s, byte[] key, byte[] value, StringWriteOptions o, String name,
                             Reply ok, Reply aborted) {
        Bucket b = s.bucket();
        long now = server.keyspace().now();
        long deadline = o.hasExpiry() ? o.deadline(now, name) : Entry.NO_EXPIRY;
        Entry current;
        Reply old = null;
        if (o.has(GET)) {
            current = readString(b, key);
            old = Reply.bulk(current == null ? null : current.value());
        } else {
            current = b.get(key);
        }
        boolean found = current != null;
        if ((o.has(NX) && found) || (o.has(XX) && !found)) return o.has(GET) ? old : aborted;
        long expireAt = o.has(KEEPTTL) && found ? current.expireAt() : deadline;
        store(b, key, value, expireAt, now);
        return o.has(GET) ? old : ok;
    }

    private Reply getset(Session s, Args a) {
        Bucket b = s.bucket();
        Entry old = readString(b, a.bytes(1));
        b.put(a.bytes(1), ValueType.STRING, a.bytes(2), Entry.NO_EXPIRY, null);
        return Reply.bulk(old == null ? null : old.value());
    }

    private Reply mset(Session s, Args a, boolean onlyIfNoneExists) {
        // Arity in the table only says "at least 3"; pairs are checked here, as Redis does.
        if (a.count() % 2 == 0) throw Errors.wrongArgs(onlyIfNoneExists ? "msetnx" : "mset");
        Bucket b = s.bucket();
        if (onlyIfNoneExists) {
            for (int i = 1; i < a.count(); i += 2) {
                if (b.get(a.bytes(i)) != null) return Reply.ZERO;
            }
        }
        WriteBatch batch = new WriteBatch();
        for (int i = 1; i < a.count(); i += 2) {
            batch.write(b.id(), a.bytes(i), b.newEntry(ValueType.STRING, a.bytes(i + 1), Entry.NO_EXPIRY, null));
        }
        b.commit(batch);
        return onlyIfNoneExists ? Reply.ONE : Reply.OK;
    }

    // ---- GET family -------------------------------------------------------------------------

    private Reply get(Session s, Args a) {
        Entry e = readString(s.bucket(), a.bytes(1));
        return Reply.bulk(e == null ? null : e.value());
    }

    private Reply getdel(Session s, Args a) {
        Bucket b = s.bucket();
        Entry e = readString(b, a.bytes(1));
        if (e == null) return Reply.NULL;
        b.delete(a.bytes(1));
        return Reply.bulk(e.value());
    }

    /**
     * GETEX: options are parsed before the key is looked up, but the expire value is checked
     * only for an existing string (a missing key answers nil whatever the expire says).
     */
    private Reply getex(Session s, Args a) {
        StringWriteOptions o = StringWriteOptions.parse(a, 2, StringWriteOptions.Command.GETEX);
        Bucket b = s.bucket();
        byte[] key = a.bytes(1);
        Entry e = readString(b, key);
        if (e == null) return Reply.NULL;
        long now = server.keyspace().now();
        if (o.hasExpiry()) {
            long deadline = o.deadline(now, "getex");
            if (o.isAbsoluteExpiry() && deadline <= now) b.delete(key);
            else b.put(key, e.type(), e.value(), deadline, e.meta());
        } else if (o.has(PERSIST) && e.hasExpiry()) {
            b.put(key, e.type(), e.value(), Entry.NO_EXPIRY, e.meta());
        }
        return Reply.bulk(e.value());
    }

    private Reply mget(Session s, Args a) {
        Bucket b = s.bucket();
        List<Reply> out = new ArrayList<>(a.count() - 1);
        for (int i = 1; i < a.count(); i++) {
            Entry e = b.read(a.bytes(i));
            out.add(e == null || e.type() != ValueType.STRING ? Reply.NULL : Reply.bulk(e.value()));
        }
        return Reply.array(out);
    }

    private Reply strlen(Session s, Args a) {
        Entry e = readString(s.bucket(), a.bytes(1));
        return Reply.integer(e == null ? 0 : e.value().length);
    }

    /** GETRANGE and SUBSTR: both bounds inclusive, negative ones from the end, clamped. */
    private Reply getrange(Session s, Args a) {
        long start = a.longAt(2);
        long end = a.longAt(3);
        Entry e = readString(s.bucket(), a.bytes(1));
        if (e == null) return Reply.bulk(new byte[0]);
        byte[] v = e.value();
        long len = v.length;
        if (start < 0 && end < 0 && start > end) return Reply.bulk(new byte[0]);
        if (start < 0) start = len + start;
        if (end < 0) end = len + end;
        if (start < 0) start = 0;
        if (end < 0) end = 0;
        if (end >= len) end = len - 1;
        if (start > end || len == 0) return Reply.bulk(new byte[0]);
        return Reply.bulk(Arrays.copyOfRange(v, (int) start, (int) end + 1));
    }

    // ---- In-place changes (keep TTL and metadata) --------------------------------------------

    private Reply append(Session s, Args a) {
        Bucket b = s.bucket();
        byte[] key = a.bytes(1);
        byte[] tail = a.bytes(2);
        Entry e = writableString(b, key);
        if (e == null) {
            b.put(key, ValueType.STRING, tail, Entry.NO_EXPIRY, null);
            return Reply.integer(tail.length);
        }
        checkStringLength(e.value().length, tail.length);
        byte[] joined = Arrays.copyOf(e.value(), e.value().length + tail.length);
        System.arraycopy(tail, 0, joined, e.value().length, tail.length);
        b.put(key, ValueType.STRING, joined, e.expireAt(), e.meta());
        return Reply.integer(joined.length);
    }

    private Reply setrange(Session s, Args a) {
        long offset = a.longAt(2);
        if (offset < 0) throw Errors.outOfRange("offset");
        Bucket b = s.bucket();
        byte[] key = a.bytes(1);
        byte[] patch = a.bytes(3);
        Entry e = writableString(b, key);
        if (e == null) {
            // Setting nothing on a missing key creates nothing.
            if (patch.length == 0) return Reply.ZERO;
            checkStringLength(offset, patch.length);
            byte[] v = new byte[(int) offset + patch.length];
            System.arraycopy(patch, 0, v, (int) offset, patch.length);
            b.put(key, ValueType.STRING, v, Entry.NO_EXPIRY, null);
            return Reply.integer(v.length);
        }
        byte[] old = e.value();
        if (patch.length == 0) return Reply.integer(old.length);
        checkStringLength(offset, patch.length);
        byte[] v = Arrays.copyOf(old, (int) Math.max(old.length, offset + patch.length));
        System.arraycopy(patch, 0, v, (int) offset, patch.length);
        b.put(key, ValueType.STRING, v, e.expireAt(), e.meta());
        return Reply.integer(v.length);
    }

    private Reply decrby(Session s, Args a) {
        long decrement = a.longAt(2);
        // Negating the smallest long would overflow before any value is looked at.
        if (decrement == Long.MIN_VALUE) throw Errors.err("decrement would overflow");
        return incrBy(s, a.bytes(1), -decrement);
    }

    private Reply incrBy(Session s, byte[] key, long increment) {
        Bucket b = s.bucket();
        Entry e = writableString(b, key);
        long value = 0;
        if (e != null) {
            Long parsed = Args.parseLong(e.value());
            if (parsed == null) throw Errors.notInteger();
            value = parsed;
        }
        if ((increment < 0 && value < 0 && increment < Long.MIN_VALUE - value)
                || (increment > 0 && value > 0 && increment > Long.MAX_VALUE - value)) {
            throw Errors.err("increment or decrement would overflow");
        }
        long result = value + increment;
        byte[] bytes = Long.toString(result).getBytes(StandardCharsets.US_ASCII);
        b.put(key, ValueType.STRING, bytes, e == null ? Entry.NO_EXPIRY : e.expireAt(), e == null ? null : e.meta());
        return Reply.integer(result);
    }

    /**
     * INCRBYFLOAT computes in long double and stores the human-friendly rendering, which is
     * also the reply (a bulk string, in RESP3 too). The stored value is checked before the
     * increment, as in Redis.
     */
    private Reply incrbyfloat(Session s, Args a) {
        Bucket b = s.bucket();
        byte[] key = a.bytes(1);
        Entry e = writableString(b, key);
        LongDouble.Parsed current = e == null ? new LongDouble.Parsed(LongDouble.zero(), 0) : LongDouble.parse(e.value());
        if (current == null) throw Errors.notFloat();
        LongDouble.Parsed increment = LongDouble.parse(a.bytes(2));
        if (increment == null) throw Errors.notFloat();
        if (current.isInfinite() || increment.isInfinite()) throw notFinite();
        LongDouble sum;
        try {
            sum = current.finite().add(increment.finite());
        } catch (LongDouble.NotFinite overflow) {
            throw notFinite();
        }
        byte[] bytes = sum.format().getBytes(StandardCharsets.US_ASCII);
        b.put(key, ValueType.STRING, bytes, e == null ? Entry.NO_EXPIRY : e.expireAt(), e == null ? null : e.meta());
        return Reply.bulk(bytes);
    }

    private static CommandException notFinite() {
        return Errors.err("increment would produce NaN or Infinity");
    }

    // ---- LCS --------------------------------------------------------------------------------

    /**
     * LCS key1 key2 [LEN] [IDX] [MINMATCHLEN n] [WITHMATCHLEN]. The keys' types are checked
     * before the options, and a missing key counts as an empty string.
     */
    private Reply lcs(Session s, Args a) {
        Bucket b = s.bucket();
        Entry ea = b.read(a.bytes(1));
        Entry eb = b.read(a.bytes(2));
        if ((ea != null && ea.type() != ValueType.STRING) || (eb != null && eb.type() != ValueType.STRING)) {
            throw Errors.err("The specified keys must contain string values");
        }
        boolean getIdx = false, getLen = false, withMatchLen = false;
        long minMatchLen = 0;
        for (int j = 3; j < a.count(); j++) {
            boolean moreArgs = j + 1 < a.count();
            if (a.is(j, "IDX")) {
                getIdx = true;
            } else if (a.is(j, "LEN")) {
                getLen = true;
            } else if (a.is(j, "WITHMATCHLEN")) {
                withMatchLen = true;
            } else if (a.is(j, "MINMATCHLEN") && moreArgs) {
                minMatchLen = Math.max(0, a.longAt(j + 1));
                j++;
            } else {
                throw Errors.syntax();
            }
        }
        if (getIdx && getLen) throw Errors.err("If you want both the length and indexes, please just use IDX.");
        byte[] va = ea == null ? new byte[0] : ea.value();
        byte[] vb = eb == null ? new byte[0] : eb.value();
        long tableBytes = Lcs.tableBytes(va, vb);
        if (tableBytes > maxBulkLength()) {
            throw Errors.err("Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
        }
        if (tableBytes / Integer.BYTES > Integer.MAX_VALUE - 8) {
            throw Errors.err("Insufficient memory, failed allocating transient memory for LCS");
        }
        Lcs lcs = Lcs.of(va, vb);
        if (getIdx) {
            List<Reply> matches = new ArrayList<>();
            for (Lcs.Match m : lcs.matches(minMatchLen)) {
                List<Reply> item = new ArrayList<>(3);
                item.add(Reply.array(Reply.integer(m.aStart()), Reply.integer(m.aEnd())));
                item.add(Reply.array(Reply.integer(m.bStart()), Reply.integer(m.bEnd())));
                if (withMatchLen) item.add(Reply.integer(m.length()));
                matches.add(Reply.array(item));
            }
            return Reply.map(List.of(Reply.bulk("matches"), Reply.array(matches),
                    Reply.bulk("len"), Reply.integer(lcs.length())));
        }
        if (getLen) return Reply.integer(lcs.length());
        return Reply.bulk(lcs.subsequence());
    }

    // ---- Shared steps -----------------------------------------------------------------------

    /** A counted read of a string key: null when absent, WRONGTYPE for another type. */
    private static Entry readString(Bucket b, byte[] key) {
        Entry e = b.read(key);
        if (e != null && e.type() != ValueType.STRING) throw Errors.wrongType();
        return e;
    }

    /** An uncounted lookup before a write, with the same type check. */
    private static Entry writableString(Bucket b, byte[] key) {
        Entry e = b.get(key);
        if (e != null && e.type() != ValueType.STRING) throw Errors.wrongType();
        return e;
    }

    /**
     * Whole-value write, which drops metadata; a deadline already past deletes the key instead,
     * since the value could never be read.
     */
    private static void store(Bucket b, byte[] key, byte[] value, long expireAt, long now) {
        if (expireAt != Entry.NO_EXPIRY && expireAt <= now) {
            b.delete(key);
        } else {
            b.put(key, ValueType.STRING, value, expireAt, null);
        }
    }

    private long maxBulkLength() {
        return server.config().getMemory("proto-max-bulk-len");
    }

    /** Redis's checkStringLength, plus the limit of a Java array. */
    private void checkStringLength(long size, long append) {
        long total = size + append;
        if (total > maxBulkLength() || total < size || total > Integer.MAX_VALUE - 8) {
            throw Errors.err("string exceeds maximum allowed size (proto-max-bulk-len)");
        }
    }
}
