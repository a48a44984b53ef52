package io.cairn.server.commands;

import io.cairn.server.CommandFamily;
import io.cairn.server.Dispatcher;
import io.cairn.server.Server;
import io.cairn.server.command.CommandTable;

public final class TransactionCommands implements CommandFamily {

    private final Server server;
    private final Dispatcher dispatcher;

    public TransactionCommands(Server server, Dispatcher dispatcher) {
        this.server = server;
        this.dispatcher = dispatcher;
    }

    @Override
    public void register(CommandTable t) {
    }
}
