package io.cairn.server;

import java.nio.file.Path;
import java.util.List;

import io.cairn.protocol.RespLimits;
import io.cairn.server.command.CommandTable;
import io.cairn.server.commands.ConnectionCommands;
import io.cairn.server.commands.ExpiryCommands;
import io.cairn.server.commands.IntrospectionCommands;
import io.cairn.server.commands.KeyCommands;
import io.cairn.server.commands.ServerCommands;
import io.cairn.server.commands.StringCommands;
import io.cairn.server.commands.TransactionCommands;
import io.cairn.server.json.JsonArrayCommands;
import io.cairn.server.json.JsonCommands;
import io.cairn.server.json.JsonNumberCommands;
import io.cairn.server.json.JsonObjectCommands;
import io.cairn.server.json.JsonPatchCommand;
import io.cairn.server.json.JsonStringCommands;
import io.cairn.server.net.Listener;
import io.cairn.storage.FsyncPolicy;
import io.cairn.storage.Keyspace;
import io.cairn.storage.MapDbEngine;

/** A running Cairn: keyspace, command table with every family bound, and the listener. */
public final class CairnServer implements AutoCloseable {

    private final Server server;
    private final Listener listener;
    private final Keyspace keyspace;
    private volatile boolean closed;

    private CairnServer(Config config) throws Exception {
        Path dir = Path.of(config.get("dir"));
        long opening = System.nanoTime();
        MapDbEngine engine = new MapDbEngine(dir, Long.parseLong(config.get("flush-interval-ms")),
                config.getMemory("flush-log-size"), FsyncPolicy.parse(config.get("appendfsync")));
        // Redis says the same once its RDB or AOF is loaded; here it is MapDB opened and the log's tail replayed.
        System.out.printf(java.util.Locale.ROOT, "DB loaded from disk: %.3f seconds%n", (System.nanoTime() - opening) / 1e9);
        config.onChange("appendfsync", v -> engine.setFsyncPolicy(FsyncPolicy.parse(v)));
        this.keyspace = new Keyspace(engine);
        CommandTable table = new CommandTable();
        this.server = new Server(config, keyspace, table);
        Dispatcher dispatcher = new Dispatcher(server);
        for (CommandFamily family : families(server, dispatcher)) family.register(table);
        RespLimits limits = new RespLimits();
        limits.setMaxBulkLength(config.getMemory("proto-max-bulk-len"));
        config.onChange("proto-max-bulk-len", v -> limits.setMaxBulkLength(Config.memory(v)));
        try {
            this.listener = new Listener(server, dispatcher, limits);
        } catch (Exception e) {
            keyspace.close();
            throw e;
        }
        server.setBoundPort(listener.port());
        engine.startWarmUp();
        server.onShutdown(this::close);
    }

    private static List<CommandFamily> families(Server server, Dispatcher dispatcher) {
        return List.of(
                new ConnectionCommands(server),
                new ServerCommands(server),
                new IntrospectionCommands(server),
                new StringCommands(server),
                new KeyCommands(server),
                new ExpiryCommands(server),
                new TransactionCommands(server, dispatcher),
                new io.cairn.server.kv.KvCommands(server),
                new io.cairn.server.kv.BucketCommands(server),
                new JsonCommands(server),
                new JsonNumberCommands(server),
                new JsonStringCommands(server),
                new JsonArrayCommands(server),
                new JsonObjectCommands(server),
                new JsonPatchCommand(server));
    }

    public static CairnServer start(Config config) throws Exception {
        return new CairnServer(config);
    }

    public Server server() {
        return server;
    }

    public int port() {
        return listener.port();
    }

    public String host() {
        return listener.host();
    }

    /** Stops accepting, closes connections, and makes every write durable. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        listener.close();
        keyspace.close();
    }

    public boolean isClosed() {
        return closed;
    }
}
