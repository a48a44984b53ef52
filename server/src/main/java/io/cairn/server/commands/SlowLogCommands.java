package io.cairn.server.commands;

import java.util.ArrayList;
import java.util.List;

import io.cairn.protocol.Reply;
import io.cairn.server.Server;
import io.cairn.server.SlowLog;
import io.cairn.server.Session;
import io.cairn.server.command.Args;
import io.cairn.server.command.CommandTable;
import io.cairn.server.command.Errors;

/** SLOWLOG GET [count], LEN, RESET and HELP over the server's slow log. */
final class SlowLogCommands {

    private final Server server;

    SlowLogCommands(Server server) {
        this.server = server;
    }

    void register(CommandTable t) {
        t.bind("slowlog|get", this::get);
        t.bind("slowlog|len", (s, a) -> Reply.integer(server.slowLog().size()));
        t.bind("slowlog|reset", (s, a) -> {
            server.slowLog().reset();
            return Reply.OK;
        });
        t.bind("slowlog|help", (s, a) -> help());
    }

    /** Newest first: [id, unix time, microseconds, [arguments], client address, client name]. */
    private Reply get(Session s, Args a) {
        if (a.count() > 3) {
            throw Errors.err("unknown subcommand or wrong number of arguments for '" + a.string(1) + "'. Try SLOWLOG HELP.");
        }
        long count = 10;
        if (a.count() == 3) {
            Long n = Args.parseLong(a.bytes(2));
            if (n == null || n < -1) throw Errors.err("count should be greater than or equal to -1");
            count = n == -1 ? Integer.MAX_VALUE : Math.min(n, Integer.MAX_VALUE);
        }
        List<Reply> out = new ArrayList<>();
        for (SlowLog.Item item : server.slowLog().latest((int) count)) {
            List<Reply> args = new ArrayList<>(item.argv().length);
            for (byte[] arg : item.argv()) args.add(Reply.bulk(arg));
            out.add(Reply.array(
                    Reply.integer(item.id()),
                    Reply.integer(item.timestampSeconds()),
                    Reply.integer(item.micros()),
                    Reply.array(args),
                    Reply.bulk(item.peer()),
                    Reply.bulk(item.clientName())));
        }
        return Reply.array(out);
    }

    private static Reply help() {
        return HelpReply.of("SLOWLOG",
                "GET [<count>]",
                "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
                "    Entries are made of:",
                "    id, timestamp, time in microseconds, arguments array, client IP and port,",
                "    client name",
                "LEN",
                "    Return the length of the slowlog.",
                "RESET",
                "    Reset the slowlog.");
    }
}
