package io.cairn.server.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.cairn.protocol.Reply;

/** The reply of a container's HELP subcommand, framed as Redis's addReplyHelp frames it. */
final class HelpReply {

    private HelpReply() {}

    static Reply of(String command, String... lines) {
        List<Reply> out = new ArrayList<>(lines.length + 3);
        out.add(Reply.simple(command.toUpperCase(Locale.ROOT) + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"));
        for (String line : lines) out.add(Reply.simple(line));
        out.add(Reply.simple("HELP"));
        out.add(Reply.simple("    Prints this help."));
        return Reply.array(out);
    }
}
