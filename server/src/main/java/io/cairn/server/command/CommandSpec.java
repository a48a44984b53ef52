package io.cairn.server.command;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Everything declared about one command (or subcommand, named "container|sub"), as Redis
 * declares it: arity (negative = at least), flags, key positions, ACL categories, docs.
 * Loaded from the command table resource; {@code handler} is bound by the command family.
 */
public final class CommandSpec {

    private final String name;
    private final int arity;
    private final Set<String> flags;
    private final boolean readOnly;
    private final int firstKey;
    private final int lastKey;
    private final int step;
    private final List<String> aclCategories;
    private final JsonNode info;
    private final JsonNode docs;
    private final Map<String, CommandSpec> subcommands;
    private CommandHandler handler;
    final CommandStats stats = new CommandStats();

    CommandSpec(String name, int arity, Set<String> flags, int firstKey, int lastKey, int step,
                List<String> aclCategories, JsonNode info, JsonNode docs, Map<String, CommandSpec> subcommands) {
        this.name = name;
        this.arity = arity;
        this.flags = flags;
        this.readOnly = flags.contains("readonly");
        this.firstKey = firstKey;
        this.lastKey = lastKey;
        this.step = step;
        this.aclCategories = aclCategories;
        this.info = info;
        this.docs = docs;
        this.subcommands = subcommands;
    }

    /** Lower-case full name: "get", or "config|get" for a subcommand. */
    public String name() {
        return name;
    }

    public int arity() {
        return arity;
    }

    public boolean acceptsArgCount(int argc) {
        return arity > 0 ? argc == arity : argc >= -arity;
    }

    public boolean hasFlag(String flag) {
        return flags.contains(flag);
    }

    /** Flagged {@code readonly}: its reply never waits for a commit to become durable. */
    public boolean isReadOnly() {
        return readOnly;
    }

    public Set<String> flags() {
        return flags;
    }

    public int firstKey() {
        return firstKey;
    }

    public int lastKey() {
        return lastKey;
    }

    public int step() {
        return step;
    }

    public List<String> aclCategories() {
        return aclCategories;
    }

    /** The COMMAND INFO entry as Redis gives it (JSON of the RESP reply). */
    public JsonNode info() {
        return info;
    }

    /** The COMMAND DOCS entry (summary, since, group, complexity, arguments...). */
    public JsonNode docs() {
        return docs;
    }

    public Map<String, CommandSpec> subcommands() {
        return subcommands;
    }

    public boolean isContainer() {
        return !subcommands.isEmpty();
    }

    public CommandHandler handler() {
        return handler;
    }

    void bind(CommandHandler handler) {
        this.handler = handler;
    }

    public CommandStats stats() {
        return stats;
    }

    /** Whether this spec or any of its subcommands has a handler, i.e. Cairn implements it. */
    public boolean implemented() {
        if (handler != null) return true;
        for (CommandSpec s : subcommands.values()) if (s.implemented()) return true;
        return false;
    }

    /** Keys named by the arguments, by first/last/step positions (COMMAND GETKEYS, ACL, WATCH). */
    public int[] keyPositions(int argc) {
        if (firstKey <= 0) return new int[0];
        int last = lastKey < 0 ? argc + lastKey : Math.min(lastKey, argc - 1);
        if (last < firstKey) return new int[0];
        int[] out = new int[(last - firstKey) / Math.max(step, 1) + 1];
        int n = 0;
        for (int i = firstKey; i <= last; i += Math.max(step, 1)) out[n++] = i;
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    @Override
    public String toString() {
        return name;
    }
}
