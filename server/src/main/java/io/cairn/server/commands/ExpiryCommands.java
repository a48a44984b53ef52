package io.cairn.server.commands;

import io.cairn.protocol.Reply;
import io.cairn.server.CommandFamily;
import io.cairn.server.Server;
import io.cairn.server.Session;
import io.cairn.server.command.Args;
import io.cairn.server.command.CommandTable;
import io.cairn.server.command.Errors;
import io.cairn.storage.Bucket;
import io.cairn.storage.Entry;

/**
 * EXPIRE PEXPIRE EXPIREAT PEXPIREAT TTL PTTL EXPIRETIME PEXPIRETIME PERSIST, as Redis 7's
 * expire.c. Changing a deadline rewrites the entry with the same type, value and metadata, so
 * the key gets a new generation like any other write (WATCH and IFGEN see it).
 */
public final class ExpiryCommands implements CommandFamily {

    private final Server server;

    public ExpiryCommands(Server server) {
        this.server = server;
    }

    @Override
    public void register(CommandTable t) {
        t.bind("expire", (s, a) -> expire(s, a, "expire", false, true));
        t.bind("pexpire", (s, a) -> expire(s, a, "pexpire", false, false));
        t.bind("expireat", (s, a) -> expire(s, a, "expireat", true, true));
        t.bind("pexpireat", (s, a) -> expire(s, a, "pexpireat", true, false));
        t.bind("ttl", (s, a) -> remaining(s, a, false));
        t.bind("pttl", (s, a) -> remaining(s, a, true));
        t.bind("expiretime", (s, a) -> deadline(s, a, false));
        t.bind("pexpiretime", (s, a) -> deadline(s, a, true));
        t.bind("persist", this::persist);
    }

    private Reply expire(Session s, Args a, String name, boolean absolute, boolean seconds) {
        ExpireConditions conditions = ExpireConditions.parse(a, 3);
        long when = a.longAt(2);
        // Redis rejects only what overflows a 64-bit millisecond deadline; a negative or past
        // time is legal and means "delete now".
        if (seconds) {
            if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000) throw Errors.invalidExpire(name);
            when *= 1000;
        }
        long base = absolute ? 0 : server.keyspace().now();
        if (when > Long.MAX_VALUE - base) throw Errors.invalidExpire(name);
        when += base;

        Bucket bucket = s.bucket();
        byte[] key = a.bytes(1);
        Entry e = bucket.get(key);
        if (e == null || !conditions.allow(e, when)) return Reply.integer(0);
        if (when <= server.keyspace().now()) {
            bucket.delete(key);
        } else {
            bucket.put(key, e.type(), e.value(), when, e.meta());
        }
        return Reply.integer(1);
    }

    // TTL and friends count as reads in INFO's keyspace_hits/misses, as in Redis.
    private Reply remaining(Session s, Args a, boolean millis) {
        Entry e = s.bucket().read(a.bytes(1));
        if (e == null) return Reply.integer(-2);
        if (!e.hasExpiry()) return Reply.integer(-1);
        long ttl = Math.max(0, e.expireAt() - server.keyspace().now());
        // Redis rounds TTL to the nearest second rather than truncating.
        return Reply.integer(millis ? ttl : (ttl + 500) / 1000);
    }

    private Reply deadline(Session s, Args a, boolean millis) {
        Entry e = s.bucket().read(a.bytes(1));
        if (e == null) return Reply.integer(-2);
        if (!e.hasExpiry()) return Reply.integer(-1);
        return Reply.integer(millis ? e.expireAt() : e.expireAt() / 1000);
    }

    private Reply persist(Session s, Args a) {
        Bucket bucket = s.bucket();
        byte[] key = a.bytes(1);
        Entry e = bucket.get(key);
        if (e == null || !e.hasExpiry()) return Reply.integer(0);
        bucket.put(key, e.type(), e.value(), Entry.NO_EXPIRY, e.meta());
        return Reply.integer(1);
    }
}
