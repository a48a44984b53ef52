package io.cairn.server.command;

/** Redis's standard error replies, with its exact texts. */
public final class Errors {

    private Errors() {}

    public static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";

    public static CommandException err(String message) {
        return new CommandException("ERR " + message);
    }

    public static CommandException syntax() {
        return err("syntax error");
    }

    public static CommandException notInteger() {
        return err("value is not an integer or out of range");
    }

    public static CommandException notFloat() {
        return err("value is not a valid float");
    }

    public static CommandException wrongType() {
        return new CommandException(WRONGTYPE);
    }

    public static CommandException noSuchKey() {
        return err("no such key");
    }

    public static CommandException wrongArgs(String fullName) {
        return err("wrong number of arguments for '" + fullName + "' command");
    }

    public static CommandException invalidExpire(String commandName) {
        return err("invalid expire time in '" + commandName + "' command");
    }

    public static CommandException outOfRange(String what) {
        return err(what + " is out of range");
    }
}
