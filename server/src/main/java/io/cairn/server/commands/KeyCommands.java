package io.cairn.server.commands;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import io.cairn.protocol.Reply;
import io.cairn.server.CommandFamily;
import io.cairn.server.Glob;
import io.cairn.server.Server;
import io.cairn.server.Session;
import io.cairn.server.command.Args;
import io.cairn.server.command.CommandException;
import io.cairn.server.command.CommandTable;
import io.cairn.server.command.Errors;
import io.cairn.storage.Bucket;
import io.cairn.storage.Entry;
import io.cairn.storage.KeyEntry;
import io.cairn.storage.WriteBatch;

/**
 * Redis 7's generic key commands: DEL UNLINK EXISTS TYPE RENAME RENAMENX COPY MOVE KEYS SCAN
 * RANDOMKEY TOUCH OBJECT. Every key written here (RENAME's and COPY's destination, MOVE's
 * target) gets a new entry with a new generation, keeping value, metadata and deadline.
 */
public final class KeyCommands implements CommandFamily {

    private final Server server;
    private final KeyScan scan = new KeyScan();
    private final ObjectInspection object;

    public KeyCommands(Server server) {
        this.server = server;
        this.object = new ObjectInspection(server);
    }

    @Override
    public void register(CommandTable t) {
        t.bind("del", this::delete);
        // UNLINK frees memory in the background in Redis; here a delete is already cheap.
        t.bind("unlink", this::delete);
        t.bind("exists", this::countExisting);
        // TOUCH only refreshes access times in Redis, which Cairn does not track: it counts.
        t.bind("touch", this::countExisting);
        t.bind("type", this::type);
        t.bind("rename", (s, a) -> rename(s, a, false));
        t.bind("renamenx", (s, a) -> rename(s, a, true));
        t.bind("copy", this::copy);
        t.bind("move", this::move);
        t.bind("keys", this::keys);
        t.bind("scan", scan::scan);
        t.bind("randomkey", this::randomKey);
        object.register(t);
    }

    private Reply delete(Session s, Args a) {
        Bucket bucket = s.bucket();
        long n = 0;
        for (int i = 1; i < a.count(); i++) if (bucket.delete(a.bytes(i))) n++;
        return Reply.integer(n);
    }

    /** EXISTS and TOUCH count a key as often as it is named, as Redis does. */
    private Reply countExisting(Session s, Args a) {
        Bucket bucket = s.bucket();
        long n = 0;
        for (int i = 1; i < a.count(); i++) if (bucket.read(a.bytes(i)) != null) n++;
        return Reply.integer(n);
    }

    private Reply type(Session s, Args a) {
        Entry e = s.bucket().read(a.bytes(1));
        return Reply.simple(e == null ? "none" : e.type().typeName());
    }

    private Reply rename(Session s, Args a, boolean onlyIfAbsent) {
        Bucket bucket = s.bucket();
        byte[] from = a.bytes(1), to = a.bytes(2);
        Entry src = bucket.get(from);
        if (src == null) throw Errors.noSuchKey();
        // Redis checks existence first, so renaming an absent key to itself is still "no such key".
        if (Arrays.equals(from, to)) return onlyIfAbsent ? Reply.integer(0) : Reply.OK;
        if (onlyIfAbsent && bucket.get(to) != null) return Reply.integer(0);
        Entry moved = bucket.newEntry(src.type(), src.value(), src.expireAt(), src.meta());
        bucket.commit(WriteBatch.put(bucket.id(), to, moved).write(bucket.id(), from, null));
        return onlyIfAbsent ? Reply.integer(1) : Reply.OK;
    }

    private Reply copy(Session s, Args a) {
        Bucket source = s.bucket();
        Bucket target = source;
        boolean replace = false;
        for (int i = 3; i < a.count(); i++) {
            if (a.is(i, "REPLACE")) {
                replace = true;
            } else if (a.is(i, "DB") && i + 1 < a.count()) {
                target = server.keyspace().bucket(databaseIndex(a, ++i));
            } else {
                throw Errors.syntax();
            }
        }
        byte[] from = a.bytes(1), to = a.bytes(2);
        if (target.id() == source.id() && Arrays.equals(from, to)) throw sameObject();
        Entry src = source.read(from);
        if (src == null) return Reply.integer(0);
        if (target.get(to) != null && !replace) return Reply.integer(0);
        target.put(to, src.type(), src.value(), src.expireAt(), src.meta());
        return Reply.integer(1);
    }

    private Reply move(Session s, Args a) {
        Bucket source = s.bucket();
        Bucket target = server.keyspace().bucket(databaseIndex(a, 2));
        if (target.id() == source.id()) throw sameObject();
        byte[] key = a.bytes(1);
        Entry src = source.get(key);
        if (src == null || target.get(key) != null) return Reply.integer(0);
        Entry moved = target.newEntry(src.type(), src.value(), src.expireAt(), src.meta());
        server.keyspace().commit(WriteBatch.put(target.id(), key, moved).write(source.id(), key, null));
        return Reply.integer(1);
    }

    /** A Redis database number (0 to databases-1) with Redis's two error texts. */
    private int databaseIndex(Args a, int i) {
        long n = a.longAt(i);
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) throw Errors.notInteger();
        if (n < 0 || n >= server.databases()) throw Errors.err("DB index is out of range");
        return (int) n;
    }

    private static CommandException sameObject() {
        return Errors.err("source and destination objects are the same");
    }

    /** KEYS walks only the pattern's literal-prefix range and answers in key order. */
    private Reply keys(Session s, Args a) {
        byte[] pattern = a.bytes(1);
        Bucket bucket = s.bucket();
        List<Reply> out = new ArrayList<>();
        if (Glob.isLiteral(pattern)) {
            if (bucket.get(pattern) != null) out.add(Reply.bulk(pattern));
            return Reply.array(out);
        }
        byte[] p = KeyListing.patternOrNull(pattern);
        Iterator<KeyEntry> it = KeyListing.candidates(bucket, p, null);
        while (it.hasNext()) {
            byte[] key = it.next().key();
            if (KeyListing.matches(p, key)) out.add(Reply.bulk(key));
        }
        return Reply.array(out);
    }

    private Reply randomKey(Session s, Args a) {
        return Reply.bulk(s.bucket().randomKey());
    }
}
