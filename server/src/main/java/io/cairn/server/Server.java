package io.cairn.server;

import java.util.concurrent.atomic.AtomicLong;

import io.cairn.server.command.CommandTable;
import io.cairn.storage.Keyspace;

/**
 * What every session shares: configuration, the keyspace, the command table, the connected
 * clients and the counters. The network listener and the command families are built around it.
 */
public final class Server {

    private final Config config;
    private final Keyspace keyspace;
    private final CommandTable table;
    private final ClientRegistry clients = new ClientRegistry();
    private final ServerStats stats = new ServerStats();
    private final SlowLog slowLog;
    private final long startMillis = System.currentTimeMillis();
    private final long startNanos = System.nanoTime();
    private final AtomicLong lastSaveSeconds = new AtomicLong(System.currentTimeMillis() / 1000);
    private final String runId;
    private volatile Runnable shutdownAction = () -> {};
    private volatile int boundPort;

    public Server(Config config, Keyspace keyspace, CommandTable table) {
        this.config = config;
        this.keyspace = keyspace;
        this.table = table;
        this.slowLog = new SlowLog(config);
        byte[] rnd = new byte[20];
        new java.security.SecureRandom().nextBytes(rnd);
        this.runId = java.util.HexFormat.of().formatHex(rnd);
    }

    public Config config() { return config; }

    public Keyspace keyspace() { return keyspace; }

    public CommandTable table() { return table; }

    public ClientRegistry clients() { return clients; }

    public ServerStats stats() { return stats; }

    public SlowLog slowLog() { return slowLog; }

    public long startMillis() { return startMillis; }

    public long uptimeMillis() { return (System.nanoTime() - startNanos) / 1_000_000; }

    public String runId() { return runId; }

    public long lastSaveSeconds() { return lastSaveSeconds.get(); }

    public void markSaved() { lastSaveSeconds.set(System.currentTimeMillis() / 1000); }

    public int databases() { return config.getInt("databases"); }

    /** The port actually listened on (differs from config when it asked for port 0). */
    public int port() { return boundPort; }

    void setBoundPort(int port) { boundPort = port; }

    /** SHUTDOWN: stops the listener and closes the keyspace. Set by whoever owns the process. */
    public void shutdown() { shutdownAction.run(); }

    public void onShutdown(Runnable action) { shutdownAction = action; }
}
