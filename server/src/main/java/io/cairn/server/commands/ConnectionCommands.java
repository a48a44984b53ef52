package io.cairn.server.commands;

import java.util.ArrayList;
import java.util.List;

import io.cairn.protocol.Reply;
import io.cairn.server.CommandFamily;
import io.cairn.server.Server;
import io.cairn.server.Session;
import io.cairn.server.command.Args;
import io.cairn.server.command.CommandException;
import io.cairn.server.command.CommandTable;
import io.cairn.server.command.Errors;

/** PING ECHO QUIT RESET HELLO AUTH SELECT, and the CLIENT container through {@link ClientCommands}. */
public final class ConnectionCommands implements CommandFamily {

    /** What HELLO presents: clients pick features by the Redis version they see. */
    static final String REDIS_VERSION = "7.0.15";

    private static final String HELLO_NOAUTH = "NOAUTH HELLO must be called with the client already authenticated, "
            + "otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select "
            + "the RESP protocol version at the same time";

    private final Server server;
    private final DefaultUserAuth auth;

    public ConnectionCommands(Server server) {
        this.server = server;
        this.auth = new DefaultUserAuth(server);
    }

    @Override
    public void register(CommandTable t) {
        t.bind("ping", this::ping);
        t.bind("echo", (s, a) -> Reply.bulk(a.bytes(1)));
        t.bind("quit", this::quit);
        t.bind("reset", this::reset);
        t.bind("hello", this::hello);
        t.bind("auth", this::auth);
        t.bind("select", this::select);
        new ClientCommands(server).register(t);
    }

    private Reply ping(Session s, Args a) {
        if (a.count() > 2) throw Errors.wrongArgs("ping");
        return a.count() == 2 ? Reply.bulk(a.bytes(1)) : Reply.PONG;
    }

    private Reply quit(Session s, Args a) {
        s.close();
        return Reply.OK;
    }

    private Reply reset(Session s, Args a) {
        s.reset();
        return Reply.simple("RESET");
    }

    private Reply auth(Session s, Args a) {
        if (a.count() > 3) throw Errors.syntax();
        String user;
        byte[] password;
        if (a.count() == 2) {
            // The one-argument form errs when there is no password, to flag a likely misconfiguration.
            if (auth.noPassword()) {
                throw Errors.err("AUTH <password> called without any password configured for the default user. "
                        + "Are you sure your configuration is correct?");
            }
            user = DefaultUserAuth.DEFAULT_USER;
            password = a.bytes(1);
        } else {
            user = a.string(1);
            password = a.bytes(2);
        }
        return login(s, user, password) ? Reply.OK : Reply.error(DefaultUserAuth.WRONGPASS);
    }

    private boolean login(Session s, String user, byte[] password) {
        if (!auth.check(user, password)) return false;
        s.authenticate(user);
        return true;
    }

    private Reply hello(Session s, Args a) {
        int next = 1;
        long version = 0;
        if (a.count() >= 2) {
            Long v = Args.parseLong(a.bytes(next++));
            if (v == null) throw Errors.err("Protocol version is not an integer or out of range");
            if (v < 2 || v > 3) throw new CommandException("NOPROTO unsupported protocol version");
            version = v;
        }
        String user = null;
        byte[] password = null;
        byte[] name = null;
        for (int i = next; i < a.count(); i++) {
            int more = a.count() - 1 - i;
            if (a.is(i, "AUTH") && more >= 2) {
                user = a.string(i + 1);
                password = a.bytes(i + 2);
                i += 2;
            } else if (a.is(i, "SETNAME") && more >= 1) {
                name = a.bytes(i + 1);
                i++;
            } else {
                throw Errors.err("Syntax error in HELLO option '" + a.string(i) + "'");
            }
        }
        if (user != null && !login(s, user, password)) return Reply.error(DefaultUserAuth.WRONGPASS);
        if (!s.authenticated()) return Reply.error(HELLO_NOAUTH);
        if (name != null) ClientCommands.setName(s, name);
        if (version != 0) s.setProtocol((int) version);
        return helloMap(s);
    }

    private static Reply helloMap(Session s) {
        List<Reply> kv = new ArrayList<>();
        kv.add(Reply.bulk("server"));
        kv.add(Reply.bulk("redis"));
        kv.add(Reply.bulk("version"));
        kv.add(Reply.bulk(REDIS_VERSION));
        kv.add(Reply.bulk("proto"));
        kv.add(Reply.integer(s.protocol()));
        kv.add(Reply.bulk("id"));
        kv.add(Reply.integer(s.id()));
        kv.add(Reply.bulk("mode"));
        kv.add(Reply.bulk("standalone"));
        kv.add(Reply.bulk("role"));
        kv.add(Reply.bulk("master"));
        kv.add(Reply.bulk("modules"));
        kv.add(Reply.EMPTY_ARRAY);
        return Reply.map(kv);
    }

    private Reply select(Session s, Args a) {
        long id = a.longAt(1);
        if (id < Integer.MIN_VALUE || id > Integer.MAX_VALUE) {
            throw Errors.err("value is out of range, value must between -2147483648 and 2147483647");
        }
        if (id < 0 || id >= server.databases()) throw Errors.err("DB index is out of range");
        s.select((int) id);
        return Reply.OK;
    }
}
