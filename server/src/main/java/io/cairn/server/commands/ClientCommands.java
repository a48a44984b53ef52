package io.cairn.server.commands;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import io.cairn.protocol.Reply;
import io.cairn.server.Server;
import io.cairn.server.Session;
import io.cairn.server.command.Args;
import io.cairn.server.command.CommandTable;
import io.cairn.server.command.Errors;

/** The CLIENT subcommands about connections: ID GETNAME SETNAME INFO LIST KILL SETINFO REPLY NO-EVICT NO-TOUCH. */
final class ClientCommands {

    private final Server server;

    ClientCommands(Server server) {
        this.server = server;
    }

    void register(CommandTable t) {
        t.bind("client|id", (s, a) -> Reply.integer(s.id()));
        t.bind("client|getname", (s, a) -> s.name().isEmpty() ? Reply.NULL : Reply.bulk(s.name()));
        t.bind("client|setname", (s, a) -> {
            setName(s, a.bytes(2));
            return Reply.OK;
        });
        t.bind("client|info", (s, a) -> Reply.verbatim(ClientInfo.line(s, "client|info") + "\n"));
        t.bind("client|list", this::list);
        t.bind("client|kill", this::kill);
        t.bind("client|setinfo", this::setInfo);
        t.bind("client|reply", this::reply);
        t.bind("client|no-evict", (s, a) -> {
            s.setNoEvict(onOff(a));
            return Reply.OK;
        });
        t.bind("client|no-touch", (s, a) -> {
            s.setNoTouch(onOff(a));
            return Reply.OK;
        });
    }

    /** CLIENT SETNAME and HELLO SETNAME: an empty name clears it. */
    static void setName(Session s, byte[] name) {
        if (!printable(name)) throw Errors.err("Client names cannot contain spaces, newlines or special characters.");
        s.setName(new String(name, StandardCharsets.US_ASCII));
    }

    /** What may appear in a CLIENT LIST field: printable ASCII without spaces, like Redis's check. */
    private static boolean printable(byte[] v) {
        for (byte c : v) if (c < '!' || c > '~') return false;
        return true;
    }

    private static boolean onOff(Args a) {
        if (a.is(2, "ON")) return true;
        if (a.is(2, "OFF")) return false;
        throw Errors.syntax();
    }

    private Reply list(Session s, Args a) {
        StringBuilder out = new StringBuilder();
        if (a.count() == 4 && a.is(2, "TYPE")) {
            if (!normalType(a.string(3))) return Reply.verbatim("");
            for (Session c : server.clients().all()) append(out, c, s);
        } else if (a.count() > 3 && a.is(2, "ID")) {
            for (int i = 3; i < a.count(); i++) {
                Long id = Args.parseLong(a.bytes(i));
                if (id == null) throw Errors.err("Invalid client ID");
                Session c = server.clients().get(id);
                if (c != null) append(out, c, s);
            }
        } else if (a.count() != 2) {
            throw Errors.syntax();
        } else {
            for (Session c : server.clients().all()) append(out, c, s);
        }
        return Reply.verbatim(out.toString());
    }

    private static void append(StringBuilder out, Session c, Session caller) {
        out.append(ClientInfo.line(c, c == caller ? "client|list" : null)).append('\n');
    }

    /** True for "normal", false for the other types Redis knows (none of which Cairn has). */
    private static boolean normalType(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        if (t.equals("normal")) return true;
        if (List.of("slave", "replica", "pubsub", "master").contains(t)) return false;
        throw Errors.err("Unknown client type '" + type + "'");
    }

    private Reply kill(Session s, Args a) {
        KillFilter f = new KillFilter();
        boolean oldForm = a.count() == 3;
        if (oldForm) {
            f.addr = a.string(2);
            f.skipMe = false; // the old form may kill the caller itself
        } else {
            for (int i = 2; i < a.count(); i += 2) {
                boolean more = i + 1 < a.count();
                if (!more) throw Errors.syntax();
                String v = a.string(i + 1);
                if (a.is(i, "ID")) {
                    Long id = Args.parseLong(a.bytes(i + 1));
                    if (id == null || id < 1) throw Errors.err("client-id should be greater than 0");
                    f.id = id;
                } else if (a.is(i, "TYPE")) {
                    f.normalOnly = normalType(v);
                    f.anyType = false;
                } else if (a.is(i, "ADDR")) {
                    f.addr = v;
                } else if (a.is(i, "LADDR")) {
                    f.laddr = v;
                } else if (a.is(i, "USER")) {
                    if (!DefaultUserAuth.DEFAULT_USER.equals(v)) throw Errors.err("No such user '" + v + "'");
                    f.user = v;
                } else if (a.is(i, "SKIPME")) {
                    if (a.is(i + 1, "YES")) f.skipMe = true;
                    else if (a.is(i + 1, "NO")) f.skipMe = false;
                    else throw Errors.syntax();
                } else {
                    throw Errors.syntax();
                }
            }
        }
        int killed = 0;
        for (Session c : server.clients().all()) {
            if (!f.matches(c, s)) continue;
            c.close();
            // Gone for every later command at once, as Redis frees it on the spot; the caller
            // itself stays listed until its reply is out.
            if (c != s) server.clients().remove(c);
            killed++;
        }
        if (oldForm) {
            if (killed == 0) throw Errors.err("No such client");
            return Reply.OK;
        }
        return Reply.integer(killed);
    }

    /** CLIENT KILL's filters; all given ones must match. */
    private static final class KillFilter {
        long id;
        String addr;
        String laddr;
        String user;
        boolean anyType = true;
        boolean normalOnly;
        boolean skipMe = true;

        boolean matches(Session c, Session caller) {
            if (addr != null && !addr.equals(c.connection().remoteAddress())) return false;
            if (laddr != null && !laddr.equals(c.connection().localAddress())) return false;
            if (!anyType && !normalOnly) return false;
            if (id != 0 && c.id() != id) return false;
            if (user != null && !user.equals(c.user())) return false;
            return !(c == caller && skipMe);
        }
    }

    private Reply setInfo(Session s, Args a) {
        String attr = a.string(2);
        byte[] value = a.bytes(3);
        boolean libName = a.is(2, "LIB-NAME");
        if (!libName && !a.is(2, "LIB-VER")) throw Errors.err("Unrecognized option '" + attr + "'");
        if (!printable(value)) throw Errors.err(attr + " cannot contain spaces, newlines or special characters.");
        String v = new String(value, StandardCharsets.US_ASCII);
        if (libName) s.setLibName(v);
        else s.setLibVersion(v);
        return Reply.OK;
    }

    /** OFF and SKIP are not answered themselves; the dispatcher drops replies while they hold. */
    private Reply reply(Session s, Args a) {
        if (a.is(2, "ON")) {
            s.setReplyMode(Session.ReplyMode.ON);
            return Reply.OK;
        }
        if (a.is(2, "OFF")) {
            s.setReplyMode(Session.ReplyMode.OFF);
            return null;
        }
        if (a.is(2, "SKIP")) {
            if (s.replyMode() != Session.ReplyMode.OFF) s.setReplyMode(Session.ReplyMode.SKIP);
            return null;
        }
        throw Errors.syntax();
    }

}
