package io.cairn.server.commands;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.cairn.protocol.Reply;
import io.cairn.server.CommandFamily;
import io.cairn.server.Dispatcher;
import io.cairn.server.Server;
import io.cairn.server.Session;
import io.cairn.server.Transaction;
import io.cairn.server.command.Args;
import io.cairn.server.command.CommandTable;
import io.cairn.server.command.Errors;
import io.cairn.storage.Bucket;

/**
 * MULTI EXEC DISCARD WATCH UNWATCH. The dispatcher queues commands while a session is in
 * MULTI; EXEC runs them back to back under the keyspace lock. WATCH is optimistic locking by
 * generation: every write gives a key a new generation, so a key is untouched since WATCH
 * exactly when its generation is the one WATCH saw (0 = absent, which also covers a watched
 * key that expired or was flushed meanwhile).
 */
public final class TransactionCommands implements CommandFamily {

    private final Server server;
    private final Dispatcher dispatcher;

    public TransactionCommands(Server server, Dispatcher dispatcher) {
        this.server = server;
        this.dispatcher = dispatcher;
    }

    @Override
    public void register(CommandTable t) {
        t.bind("multi", this::multi);
        t.bind("exec", this::exec);
        t.bind("discard", this::discard);
        t.bind("watch", this::watch);
        t.bind("unwatch", (s, a) -> {
            s.unwatchAll();
            return Reply.OK;
        });
    }

    private Reply multi(Session s, Args a) {
        if (s.inMulti()) throw Errors.err("MULTI calls can not be nested");
        s.beginMulti();
        return Reply.OK;
    }

    private Reply discard(Session s, Args a) {
        if (!s.inMulti()) throw Errors.err("DISCARD without MULTI");
        s.endMulti();
        s.unwatchAll();
        return Reply.OK;
    }

    private Reply watch(Session s, Args a) {
        if (s.inMulti()) throw Errors.err("WATCH inside MULTI is not allowed");
        Bucket bucket = s.bucket();
        for (int i = 1; i < a.count(); i++) {
            byte[] key = a.bytes(i);
            // Watching a key twice keeps the first generation, as Redis keeps the first watch.
            s.watches().computeIfAbsent(watchId(bucket.id(), key),
                    k -> new Session.Watch(bucket.id(), key, bucket.generationOf(key)));
        }
        return Reply.OK;
    }

    private static String watchId(int bucket, byte[] key) {
        return bucket + ":" + new String(key, StandardCharsets.ISO_8859_1);
    }

    private Reply exec(Session s, Args a) {
        if (!s.inMulti()) throw Errors.err("EXEC without MULTI");
        Transaction txn = s.transaction();
        s.endMulti();
        // The dispatcher already holds the lock around EXEC; taking it here too keeps the whole
        // transaction atomic even if that changes, so no other client's command interleaves.
        var lock = server.keyspace().lock();
        lock.lock();
        try {
            if (txn.aborted()) return Reply.error("EXECABORT Transaction discarded because of previous errors.");
            if (watchedKeyChanged(s)) return Reply.NULL_ARRAY;
            List<Reply> replies = new ArrayList<>(txn.queued().size());
            for (Transaction.Queued q : txn.queued()) {
                Reply r = dispatcher.execute(s, q.spec(), q.argv());
                // Only CLIENT REPLY OFF|SKIP answers nothing; inside EXEC its slot still needs a reply.
                replies.add(r == null ? Reply.OK : r);
            }
            return Reply.array(replies);
        } finally {
            s.unwatchAll();
            lock.unlock();
        }
    }

    private boolean watchedKeyChanged(Session s) {
        for (Session.Watch w : s.watches().values()) {
            if (server.keyspace().bucket(w.bucket()).generationOf(w.key()) != w.generation()) return true;
        }
        return false;
    }
}
