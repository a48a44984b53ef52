package io.cairn.server.commands;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.cairn.protocol.Reply;
import io.cairn.server.Config;
import io.cairn.server.Server;
import io.cairn.server.Session;
import io.cairn.server.command.Args;
import io.cairn.server.command.CommandSpec;
import io.cairn.server.command.CommandTable;
import io.cairn.server.command.Errors;

/** CONFIG GET, SET, RESETSTAT, REWRITE and HELP with Redis 7's rules and error texts. */
final class ConfigCommands {

    private final Server server;

    ConfigCommands(Server server) {
        this.server = server;
    }

    void register(CommandTable t) {
        t.bind("config|get", this::get);
        t.bind("config|set", this::set);
        t.bind("config|resetstat", this::resetStat);
        t.bind("config|rewrite", this::rewrite);
        t.bind("config|help", (s, a) -> help());
    }

    /** CONFIG GET pattern...: every matching parameter once, as a map. */
    private Reply get(Session s, Args a) {
        Map<String, String> found = new LinkedHashMap<>();
        Config config = server.config();
        for (int i = 2; i < a.count(); i++) {
            String pattern = a.string(i);
            if (isGlob(pattern)) {
                found.putAll(config.matching(pattern));
            } else if (config.isKnown(pattern)) {
                // Redis answers a plain name under the spelling it was asked with.
                found.put(pattern, config.get(pattern.toLowerCase(Locale.ROOT)));
            }
        }
        List<Reply> kv = new ArrayList<>(found.size() * 2);
        found.forEach((name, value) -> {
            kv.add(Reply.bulk(name));
            kv.add(Reply.bulk(ConfigRules.display(name.toLowerCase(Locale.ROOT), value)));
        });
        return Reply.map(kv);
    }

    private static boolean isGlob(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '\\') return true;
        }
        return false;
    }

    /**
     * CONFIG SET name value [name value ...]: all or nothing. Every name and value is checked
     * before any is applied, in the order Redis checks them, and a failure while applying puts
     * back the values already changed.
     */
    private Reply set(Session s, Args a) {
        if (a.count() % 2 != 0) throw Errors.syntax();
        Config config = server.config();
        Set<String> seen = new LinkedHashSet<>();
        List<String[]> changes = new ArrayList<>();
        String refusal = null;
        String refusedArg = null;
        for (int i = 2; i < a.count(); i += 2) {
            String typed = a.string(i);
            String name = typed.toLowerCase(Locale.ROOT);
            if (!config.isKnown(name)) {
                if (refusal == null) {
                    throw Errors.err("Unknown option or number of arguments for CONFIG SET - '" + typed + "'");
                }
                continue;
            }
            if (refusal != null) continue;
            if (!config.isMutable(name)) {
                refusal = "can't set immutable config";
                refusedArg = typed;
            } else if (!seen.add(name)) {
                refusal = "duplicate parameter";
                refusedArg = typed;
            } else {
                changes.add(new String[] {name, a.string(i + 1)});
            }
        }
        if (refusal != null) throw failed(refusedArg, refusal);
        List<String[]> normalized = new ArrayList<>();
        for (String[] c : changes) {
            try {
                normalized.add(new String[] {c[0], ConfigRules.normalize(config, c[0], c[1])});
            } catch (ConfigRules.Invalid e) {
                throw failed(c[0], e.getMessage());
            }
        }
        List<String[]> applied = new ArrayList<>();
        for (String[] c : normalized) {
            String old = config.get(c[0]);
            try {
                config.update(c[0], c[1]);
                applied.add(new String[] {c[0], old});
            } catch (RuntimeException e) {
                config.update(c[0], old);
                for (int i = applied.size() - 1; i >= 0; i--) config.update(applied.get(i)[0], applied.get(i)[1]);
                throw failed(c[0], String.valueOf(e.getMessage()));
            }
        }
        return Reply.OK;
    }

    private static RuntimeException failed(String arg, String reason) {
        return Errors.err("CONFIG SET failed (possibly related to argument '" + arg + "') - " + reason);
    }

    /** CONFIG RESETSTAT: command, error, server and keyspace counters; the slow log stays. */
    private Reply resetStat(Session s, Args a) {
        server.stats().reset();
        server.keyspace().resetStats();
        for (CommandSpec spec : server.table().allSpecs()) spec.stats().reset();
        return Reply.OK;
    }

    private Reply rewrite(Session s, Args a) {
        Path file = server.config().file();
        if (file == null) throw Errors.err("The server is running without a config file");
        try {
            ConfigRewriter.rewrite(server.config(), file);
        } catch (IOException e) {
            throw Errors.err("Rewriting config file: " + e.getMessage());
        }
        return Reply.OK;
    }

    private static Reply help() {
        return HelpReply.of("CONFIG",
                "GET <pattern>",
                "    Return parameters matching the glob-like <pattern> and their values.",
                "SET <directive> <value>",
                "    Set the configuration <directive> to <value>.",
                "RESETSTAT",
                "    Reset statistics reported by the INFO command.",
                "REWRITE",
                "    Rewrite the configuration file.");
    }
}
