package io.cairn.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import io.cairn.server.CairnServer;
import io.cairn.server.Config;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.protocol.ProtocolVersion;

/**
 * A real Cairn server on an ephemeral port of 127.0.0.1 with its own temporary data
 * directory, and helpers to reach it with real clients (Lettuce, raw sockets).
 */
public final class TestServer implements AutoCloseable {

    private final Path dir;
    private final String[] extraArgs;
    private CairnServer server;
    private RedisClient client;

    private TestServer(Path dir, String... extraArgs) {
        this.dir = dir;
        this.extraArgs = extraArgs;
    }

    /** Starts a server with a fresh temporary directory; extra args as on the command line. */
    public static TestServer start(String... extraArgs) {
        try {
            TestServer t = new TestServer(Files.createTempDirectory("cairn-it-"), extraArgs);
            t.boot();
            return t;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void boot() throws Exception {
        Config config = new Config();
        String[] base = {"--port", "0", "--dir", dir.toString()};
        String[] all = new String[base.length + extraArgs.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extraArgs, 0, all, base.length, extraArgs.length);
        config.loadArgs(all);
        server = CairnServer.start(config);
    }

    /** Stops the server cleanly and starts a new one on the same directory (a clean restart). */
    public void restart() {
        closeClient();
        server.close();
        try {
            boot();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return server.port();
    }

    public Path dir() {
        return dir;
    }

    public CairnServer cairn() {
        return server;
    }

    public RedisURI uri() {
        return RedisURI.create("127.0.0.1", port());
    }

    /** A shared Lettuce client (RESP3 by default, as Lettuce negotiates with HELLO). */
    public synchronized RedisClient client() {
        if (client == null) client = RedisClient.create(uri());
        return client;
    }

    /** A new Lettuce connection speaking RESP2 or RESP3. */
    public StatefulRedisConnection<String, String> connect(ProtocolVersion version) {
        RedisClient c = RedisClient.create(uri());
        c.setOptions(ClientOptions.builder().protocolVersion(version).build());
        return c.connect();
    }

    /** Sync commands on a fresh RESP2 connection. */
    public RedisCommands<String, String> resp2() {
        return connect(ProtocolVersion.RESP2).sync();
    }

    /** Sync commands on a fresh RESP3 connection. */
    public RedisCommands<String, String> resp3() {
        return connect(ProtocolVersion.RESP3).sync();
    }

    /** A raw socket client for exact protocol assertions. */
    public RawClient raw() {
        try {
            return new RawClient("127.0.0.1", port());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void closeClient() {
        if (client != null) {
            client.shutdown();
            client = null;
        }
    }

    @Override
    public void close() {
        closeClient();
        if (server != null) server.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: it is a temp directory
        }
    }
}
