package io.cairn.server.commands;

import io.cairn.server.CommandFamily;
import io.cairn.server.Server;
import io.cairn.server.command.CommandTable;

public final class ExpiryCommands implements CommandFamily {

    private final Server server;

    public ExpiryCommands(Server server) {
        this.server = server;
    }

    @Override
    public void register(CommandTable t) {
    }
}
