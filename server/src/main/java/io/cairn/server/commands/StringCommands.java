package io.cairn.server.commands;

import io.cairn.server.CommandFamily;
import io.cairn.server.Server;
import io.cairn.server.command.CommandTable;

public final class StringCommands implements CommandFamily {

    private final Server server;

    public StringCommands(Server server) {
        this.server = server;
    }

    @Override
    public void register(CommandTable t) {
    }
}
