package io.cairn.server.json;

import io.cairn.server.command.CommandException;
import io.cairn.server.command.Errors;

/** RedisJSON's error texts (redis_json/src/manager.rs, error.rs). */
final class JsonErrors {

    private JsonErrors() {}

    static CommandException noSuchKey() {
        return Errors.err("could not perform this operation on a key that doesn't exist");
    }

    /** A legacy path with no match: "ERR Path '$.x' does not exist". */
    static CommandException pathMissing(DocPath p) {
        return Errors.err("Path '" + p.jsonPath() + "' does not exist");
    }

    static CommandException pathMissing() {
        return Errors.err("Path does not exist");
    }

    /** A legacy path matching nothing of the needed type: "ERR Path does not exist or not an array". */
    static CommandException pathMissingOr(String what) {
        return Errors.err("Path does not exist or " + what);
    }

    static CommandException expected(String expected, String found) {
        return new CommandException("WRONGTYPE wrong type of path value - expected " + expected + " but found " + found);
    }

    static CommandException notRoot() {
        return Errors.err("new objects must be created at the root");
    }
}
