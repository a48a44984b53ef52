package io.cairn.server.commands;

import io.cairn.protocol.Reply;
import io.cairn.server.CommandFamily;
import io.cairn.server.Server;
import io.cairn.server.command.CommandTable;

public final class ConnectionCommands implements CommandFamily {

    private final Server server;

    public ConnectionCommands(Server server) {
        this.server = server;
    }

    @Override
    public void register(CommandTable t) {
        t.bind("ping", (s, a) -> a.count() > 2 ? Reply.err("wrong number of arguments for 'ping' command")
                : a.count() == 2 ? Reply.bulk(a.bytes(1)) : Reply.PONG);
    }
}
