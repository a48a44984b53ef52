package io.cairn.server.commands;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.cairn.protocol.Reply;
import io.cairn.server.CommandFamily;
import io.cairn.server.Glob;
import io.cairn.server.Server;
import io.cairn.server.Session;
import io.cairn.server.command.Args;
import io.cairn.server.command.CommandSpec;
import io.cairn.server.command.CommandTable;
import io.cairn.server.command.Errors;

/**
 * COMMAND and its subcommands, answered from the command table: only what Cairn implements is
 * listed, so a client discovering commands (redis-cli hints, cluster-aware libraries reading key
 * positions) sees the server it talks to, in the bytes Redis 7.0 would send.
 */
public final class IntrospectionCommands implements CommandFamily {

    private final Server server;

    public IntrospectionCommands(Server server) {
        this.server = server;
    }

    @Override
    public void register(CommandTable t) {
        t.bind("command", (s, a) -> allInfo());
        t.bind("command|count", (s, a) -> Reply.integer(server.table().commands().size()));
        t.bind("command|info", this::info);
        t.bind("command|docs", this::docs);
        t.bind("command|list", this::list);
        t.bind("command|getkeys", (s, a) -> getKeys(a, false));
        t.bind("command|getkeysandflags", (s, a) -> getKeys(a, true));
        t.bind("command|help", (s, a) -> help());
    }

    private Reply allInfo() {
        List<Reply> out = new ArrayList<>();
        for (CommandSpec spec : server.table().commands()) out.add(CommandReplies.info(spec));
        return Reply.array(out);
    }

    /** COMMAND INFO name...: one entry per name, nil for a name Cairn does not implement. */
    private Reply info(Session s, Args a) {
        if (a.count() == 2) return allInfo();
        List<Reply> out = new ArrayList<>();
        for (int i = 2; i < a.count(); i++) {
            CommandSpec spec = server.table().lookup(a.bytes(i));
            out.add(spec == null ? Reply.NULL : CommandReplies.info(spec));
        }
        return Reply.array(out);
    }

    /** COMMAND DOCS name...: a map by full name; unknown names are left out. */
    private Reply docs(Session s, Args a) {
        List<CommandSpec> specs = new ArrayList<>();
        if (a.count() == 2) {
            specs.addAll(server.table().commands());
        } else {
            for (int i = 2; i < a.count(); i++) {
                CommandSpec spec = server.table().lookup(a.bytes(i));
                if (spec != null) specs.add(spec);
            }
        }
        List<Reply> kv = new ArrayList<>();
        for (CommandSpec spec : specs) {
            kv.add(Reply.bulk(spec.name()));
            kv.add(CommandReplies.docs(spec));
        }
        return Reply.map(kv);
    }

    /** COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN glob]: full names, subcommands included. */
    private Reply list(Session s, Args a) {
        java.util.function.Predicate<CommandSpec> filter;
        if (a.count() == 2) {
            filter = spec -> true;
        } else if (a.count() == 5 && a.is(2, "FILTERBY")) {
            String value = a.string(4);
            if (a.is(3, "MODULE")) {
                filter = spec -> false; // Cairn loads no modules
            } else if (a.is(3, "ACLCAT")) {
                String category = "@" + value.toLowerCase(Locale.ROOT);
                filter = spec -> spec.aclCategories().contains(category);
            } else if (a.is(3, "PATTERN")) {
                byte[] pattern = a.bytes(4);
                filter = spec -> Glob.matches(pattern, spec.name().getBytes(StandardCharsets.UTF_8), true);
            } else {
                throw Errors.syntax();
            }
        } else {
            throw Errors.syntax();
        }
        List<Reply> out = new ArrayList<>();
        for (CommandSpec spec : server.table().commands()) {
            if (spec.handler() != null || spec.isContainer()) {
                if (filter.test(spec)) out.add(Reply.bulk(spec.name()));
            }
            for (CommandSpec sub : CommandReplies.handledSubcommands(spec)) {
                if (filter.test(sub)) out.add(Reply.bulk(sub.name()));
            }
        }
        return Reply.array(out);
    }

    /** COMMAND GETKEYS / GETKEYSANDFLAGS full-command...: Redis's commandGetKeys. */
    private Reply getKeys(Args a, boolean withFlags) {
        byte[][] argv = Arrays.copyOfRange(a.raw(), 2, a.count());
        CommandSpec spec = resolve(argv);
        if (spec == null) throw Errors.err("Invalid command specified");
        if (!CommandKeys.hasKeys(spec)) throw Errors.err("The command has no key arguments");
        if (!spec.acceptsArgCount(argv.length)) throw Errors.err("Invalid number of arguments specified for command");
        List<CommandKeys.Key> keys = CommandKeys.find(spec, argv);
        if (keys == null || keys.isEmpty()) {
            if (spec.hasFlag("no_mandatory_keys")) return Reply.EMPTY_ARRAY;
            throw Errors.err("Invalid arguments specified for command");
        }
        List<Reply> out = new ArrayList<>(keys.size());
        for (CommandKeys.Key k : keys) {
            Reply key = Reply.bulk(argv[k.position()]);
            if (!withFlags) {
                out.add(key);
            } else {
                List<Reply> flags = new ArrayList<>();
                for (String f : k.flags()) flags.add(Reply.simple(f));
                out.add(Reply.array(key, Reply.set(flags)));
            }
        }
        return Reply.array(out);
    }

    /** The command a command line runs: a subcommand when its container has one by that name. */
    private CommandSpec resolve(byte[][] argv) {
        String name = new String(argv[0], StandardCharsets.UTF_8);
        if (name.indexOf('|') >= 0) return null;
        CommandSpec spec = server.table().lookup(name);
        if (spec == null || !spec.isContainer() || argv.length < 2) return spec;
        CommandSpec sub = spec.subcommands().get(new String(argv[1], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
        return sub == null || sub.handler() == null ? null : sub;
    }

    private static Reply help() {
        return HelpReply.of("COMMAND",
                "(no subcommand)",
                "    Return details about all Redis commands.",
                "COUNT",
                "    Return the total number of commands in this Redis server.",
                "LIST",
                "    Return a list of all commands in this Redis server.",
                "INFO [<command-name> ...]",
                "    Return details about multiple Redis commands.",
                "    If no command names are given, documentation details for all",
                "    commands are returned.",
                "DOCS [<command-name> ...]",
                "    Return documentation details about multiple Redis commands.",
                "    If no command names are given, documentation details for all",
                "    commands are returned.",
                "GETKEYS <full-command>",
                "    Return the keys from a full Redis command.",
                "GETKEYSANDFLAGS <full-command>",
                "    Return the keys and the access flags from a full Redis command.");
    }
}
