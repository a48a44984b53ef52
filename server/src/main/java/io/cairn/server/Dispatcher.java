package io.cairn.server;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.cairn.protocol.Reply;
import io.cairn.server.command.Args;
import io.cairn.server.command.CommandException;
import io.cairn.server.command.CommandSpec;
import io.cairn.server.command.CommandTable;

/**
 * From a command's arguments to its reply, as Redis's processCommand does it: table lookup,
 * arity, authentication, MULTI queueing, then the handler under the keyspace lock, which makes
 * every command atomic.
 */
public final class Dispatcher {

    private final Server server;
    private final CommandTable table;
    private volatile long keyMaxBytes;

    public Dispatcher(Server server) {
        this.server = server;
        this.table = server.table();
        this.keyMaxBytes = server.config().getMemory("key-max-bytes");
        server.config().onChange("key-max-bytes", v -> keyMaxBytes = Config.memory(v));
    }

    /** The reply to send, or null when the client asked for none (CLIENT REPLY OFF/SKIP). */
    public Reply dispatch(Session session, byte[][] argv) {
        boolean skipThis = session.replyMode() == Session.ReplyMode.SKIP;
        Reply reply = route(session, argv);
        if (skipThis) {
            session.setReplyMode(Session.ReplyMode.ON);
            return null;
        }
        if (reply != null && session.replyMode() == Session.ReplyMode.OFF) return null;
        if (reply instanceof Reply.Error error) server.stats().countError(error.text());
        return reply;
    }

    private Reply route(Session session, byte[][] argv) {
        CommandSpec spec = table.lookup(argv[0]);
        if (spec == null) {
            return rejectInMulti(session, unknownCommand(argv));
        }
        if (spec.isContainer() && argv.length >= 2) {
            String sub = new String(argv[1], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            CommandSpec subSpec = spec.subcommands().get(sub);
            if (subSpec == null || subSpec.handler() == null) {
                return rejectInMulti(session, Reply.err("unknown subcommand '" + clip(argv[1]) + "'. Try "
                        + spec.name().toUpperCase(Locale.ROOT) + " HELP."));
            }
            spec = subSpec;
        }
        if (!spec.acceptsArgCount(argv.length) || spec.handler() == null) {
            spec.stats().rejected.increment();
            return rejectInMulti(session, Reply.err("wrong number of arguments for '" + spec.name() + "' command"));
        }
        if (!session.authenticated() && !spec.hasFlag("no_auth")) {
            spec.stats().rejected.increment();
            return rejectInMulti(session, Reply.error("NOAUTH Authentication required."));
        }
        Reply tooLong = checkKeyLengths(spec, argv);
        if (tooLong != null) {
            spec.stats().rejected.increment();
            return rejectInMulti(session, tooLong);
        }
        if (session.inMulti() && !runsInsideMulti(spec)) {
            if (spec.hasFlag("no_multi")) {
                return rejectInMulti(session, Reply.err("Command not allowed inside a transaction"));
            }
            session.transaction().queue(spec, argv);
            return Reply.QUEUED;
        }
        return execute(session, spec, argv);
    }

    /** DESIGN.md section 1: keys longer than key-max-bytes are refused before anything runs. */
    private Reply checkKeyLengths(CommandSpec spec, byte[][] argv) {
        if (spec.firstKey() <= 0) return null;
        long max = keyMaxBytes;
        for (int pos : spec.keyPositions(argv.length)) {
            if (argv[pos].length > max) {
                return Reply.err("key too long: " + argv[pos].length + " bytes, the limit is " + max
                        + " (key-max-bytes)");
            }
        }
        return null;
    }

    /** Commands that act on the transaction itself instead of being queued. */
    private static boolean runsInsideMulti(CommandSpec spec) {
        return switch (spec.name()) {
            case "exec", "discard", "multi", "watch", "quit", "reset" -> true;
            default -> false;
        };
    }

    private static Reply rejectInMulti(Session session, Reply error) {
        if (session.inMulti()) session.transaction().abort();
        return error;
    }

    /** Runs one checked command atomically; EXEC calls this for each queued command. */
    public Reply execute(Session session, CommandSpec spec, byte[][] argv) {
        long start = System.nanoTime();
        Reply reply;
        var lock = server.keyspace().lock();
        var engine = server.keyspace().engine();
        lock.lock();
        long before = engine.commitPosition();
        engine.beginUnit();
        try {
            reply = spec.handler().handle(session, new Args(argv));
        } catch (CommandException e) {
            reply = e.reply();
        } catch (io.cairn.storage.BucketLimitException e) {
            // A bucket's limit refused a write before anything of it was committed.
            reply = Reply.err(e.getMessage());
        } catch (RuntimeException e) {
            e.printStackTrace();
            server.stats().unexpectedErrorReplies.increment();
            reply = Reply.err("internal error: " + e);
        } finally {
            // One command, one unit on disk: DEL of several keys, FLUSHALL and EXEC (whose
            // queued commands nest inside it) survive a crash whole or not at all.
            engine.endUnit();
            // A reply waits for what its command committed, but a read that reclaimed an expired
            // key on the way answers at once (the key is gone after a restart either way).
            long after = engine.commitPosition();
            if (after != before && !spec.isReadOnly()) session.wroteAt(after);
            lock.unlock();
        }
        // Clock reads were a tenth of the event loop's time under pipelined GETs: one at each end.
        long end = System.nanoTime();
        long micros = (end - start) / 1000;
        spec.stats().calls.increment();
        spec.stats().micros.add(micros);
        if (reply instanceof Reply.Error) spec.stats().failed.increment();
        server.stats().commandsProcessed.increment();
        session.touched(spec.name(), end);
        if (server.slowLog().isSlow(micros)) {
            server.slowLog().record(micros, argv, session.connection().remoteAddress(), session.name());
        }
        return reply;
    }

    /** Redis's text: the name clipped to 128 bytes and the first arguments up to about 128 bytes. */
    static Reply unknownCommand(byte[][] argv) {
        StringBuilder args = new StringBuilder();
        for (int i = 1; i < argv.length && args.length() < 128; i++) {
            String a = new String(argv[i], StandardCharsets.UTF_8);
            int room = 128 - args.length();
            args.append('\'').append(a.length() > room ? a.substring(0, room) : a).append("' ");
        }
        return Reply.err("unknown command '" + clip(argv[0]) + "', with args beginning with: " + args);
    }

    private static String clip(byte[] b) {
        String s = new String(b, StandardCharsets.UTF_8);
        return s.length() > 128 ? s.substring(0, 128) : s;
    }
}
