package io.cairn.server;

import io.cairn.server.command.CommandTable;

/** A family of commands (strings, keys, ...) binding its handlers into the table. */
public interface CommandFamily {
    void register(CommandTable table);
}
