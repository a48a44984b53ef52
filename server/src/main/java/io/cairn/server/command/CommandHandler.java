package io.cairn.server.command;

import io.cairn.protocol.Reply;
import io.cairn.server.Session;

/**
 * One command's behaviour. Handlers see arguments and a session and return a reply value;
 * they know nothing of sockets or RESP bytes, so a later HTTP front end can call them too.
 * Arity, authentication and MULTI queueing are checked before a handler runs.
 */
@FunctionalInterface
public interface CommandHandler {
    Reply handle(Session session, Args args);
}
