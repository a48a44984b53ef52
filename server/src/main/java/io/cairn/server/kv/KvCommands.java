package io.cairn.server.kv;

import io.cairn.protocol.Reply;
import io.cairn.server.CommandFamily;
import io.cairn.server.Server;
import io.cairn.server.Session;
import io.cairn.server.command.Args;
import io.cairn.server.command.CommandTable;
import io.cairn.server.command.Errors;
import io.cairn.storage.Bucket;
import io.cairn.storage.Entry;
import io.cairn.storage.ValueType;
import io.cairn.storage.WriteBatch;

/**
 * KV.PUT, KV.GET and KV.DEL (DESIGN.md section 4): the seeds' single-key calls, with
 * generations as the compare-and-swap token (Fastly's gen, Deno's versionstamp) and metadata
 * beside the value (Cloudflare, Fastly). A failed condition replies nil and changes nothing.
 */
public final class KvCommands implements CommandFamily {

    private final Server server;

    public KvCommands(Server server) {
        this.server = server;
    }

    @Override
    public void register(CommandTable t) {
        t.bind("kv.put", this::put);
        t.bind("kv.get", this::get);
        t.bind("kv.del", this::del);
        t.bind("kv.list", new KvList(server)::handle);
        t.bind("kv.txn", new KvTxn(server)::handle);
    }

    private Reply put(Session s, Args a) {
        KvPut p = KvPut.parse(a, server.keyspace().now());
        Bucket b = s.bucket();
        byte[] key = a.bytes(1);
        Entry current = b.get(key);
        if (p.ifGen() >= 0 && (current == null ? 0 : current.generation()) != p.ifGen()) return Reply.NULL;
        if (p.mode() == KvPut.Mode.ADD && current != null) return Reply.NULL;
        boolean inPlace = p.mode() == KvPut.Mode.APPEND || p.mode() == KvPut.Mode.PREPEND;
        if (inPlace && current != null && current.type() != ValueType.STRING) throw Errors.wrongType();
        byte[] value = a.bytes(2);
        if (inPlace && current != null) {
            value = p.mode() == KvPut.Mode.APPEND ? concat(current.value(), value) : concat(value, current.value());
        }
        // A whole-value write clears metadata and TTL (Cloudflare, SET); an append or prepend is
        // an in-place change and keeps them (APPEND) unless told otherwise.
        long expireAt = p.expireAt();
        if (expireAt == KvPut.KEEP) {
            expireAt = current == null ? Entry.NO_EXPIRY : current.expireAt();
        } else if (expireAt == KvPut.UNSET && inPlace) {
            expireAt = b.expiryForUpdate(current);
        } else if (expireAt == KvPut.UNSET) {
            expireAt = Entry.NO_EXPIRY;
        }
        byte[] meta = p.meta() != null ? p.meta() : inPlace && current != null ? current.meta() : null;
        Entry written = b.newEntry(ValueType.STRING, value, expireAt, meta);
        b.commit(WriteBatch.put(b.id(), key, written));
        return Reply.integer(written.generation());
    }

    private Reply get(Session s, Args a) {
        boolean withMeta = false;
        for (int i = 2; i < a.count(); i++) {
            if (a.is(i, "WITHMETA")) withMeta = true;
            else throw KvOptions.unknownOption(a, i, "kv.get");
        }
        Entry e = s.bucket().read(a.bytes(1));
        if (e == null) return Reply.NULL;
        return withMeta ? EntryReplies.withMeta(null, e, true) : Reply.bulk(e.value());
    }

    private Reply del(Session s, Args a) {
        long ifGen = -1;
        for (int i = 2; i < a.count(); i++) {
            if (a.is(i, "IFGEN")) ifGen = KvOptions.nonNegative(a, i = KvOptions.valueIndex(a, i), "IFGEN");
            else throw KvOptions.unknownOption(a, i, "kv.del");
        }
        Bucket b = s.bucket();
        byte[] key = a.bytes(1);
        long gen = b.generationOf(key);
        if (ifGen >= 0 && gen != ifGen) return Reply.NULL;
        return gen != 0 && b.delete(key) ? Reply.ONE : Reply.ZERO;
    }

    static byte[] concat(byte[] x, byte[] y) {
        byte[] out = new byte[x.length + y.length];
        System.arraycopy(x, 0, out, 0, x.length);
        System.arraycopy(y, 0, out, x.length, y.length);
        return out;
    }
}
