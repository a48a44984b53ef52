package io.cairn.server.command;

import io.cairn.protocol.Reply;

/**
 * Thrown by a handler to answer with an error. Carrying the reply (not a message to be
 * formatted later) keeps every error text in the handler that decides it, next to the Redis
 * behaviour it copies.
 */
public final class CommandException extends RuntimeException {

    private final Reply.Error reply;

    public CommandException(String errorLine) {
        super(errorLine, null, false, false);
        this.reply = new Reply.Error(errorLine);
    }

    public Reply.Error reply() {
        return reply;
    }
}
