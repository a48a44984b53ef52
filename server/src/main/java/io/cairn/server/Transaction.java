package io.cairn.server;

import java.util.ArrayList;
import java.util.List;

import io.cairn.server.command.CommandSpec;

/** A session's MULTI state: the queued commands and whether a queueing error poisoned them. */
public final class Transaction {

    /** One queued command, already checked against the table. */
    public record Queued(CommandSpec spec, byte[][] argv) {}

    private final List<Queued> queued = new ArrayList<>();
    private boolean aborted;

    public void queue(CommandSpec spec, byte[][] argv) {
        queued.add(new Queued(spec, argv));
    }

    public List<Queued> queued() {
        return queued;
    }

    /** A command failed to queue (unknown, wrong arity): EXEC must answer EXECABORT. */
    public void abort() {
        aborted = true;
    }

    public boolean aborted() {
        return aborted;
    }
}
