package io.cairn.server;

import java.util.LinkedHashMap;
import java.util.Map;

import io.cairn.storage.Bucket;

/**
 * One client's state: selected bucket, protocol version, name, authentication, MULTI and
 * WATCH. Handlers read and change it; it outlives no connection.
 */
public final class Session {

    /** A watched key and the generation it had when watched (0 = absent). */
    public record Watch(int bucket, byte[] key, long generation) {}

    public enum ReplyMode { ON, OFF, SKIP }

    private final long id;
    private final Server server;
    private final Connection connection;
    // Monotonic: they only ever measure an age and an idle time.
    private final long createdNanos = System.nanoTime();
    private volatile long lastCommandNanos = createdNanos;
    private volatile String lastCommand = "NULL";
    private Bucket bucket;
    private int protocol = 2;
    private volatile String name = "";
    private volatile String libName = "";
    private volatile String libVersion = "";
    private volatile String user = "default";
    private boolean authenticated;
    private Transaction transaction;
    private final Map<String, Watch> watches = new LinkedHashMap<>();
    private ReplyMode replyMode = ReplyMode.ON;
    private boolean noEvict;
    private boolean noTouch;
    private volatile boolean closing;
    /** Commit position of this session's last write: its replies wait until that is durable. */
    private long lastWritePosition;

    public Session(long id, Server server, Connection connection) {
        this.id = id;
        this.server = server;
        this.connection = connection;
        this.bucket = server.keyspace().bucket(0);
        this.authenticated = server.config().get("requirepass").isEmpty();
    }

    public long id() { return id; }

    public long lastWritePosition() { return lastWritePosition; }

    public void wroteAt(long position) { lastWritePosition = Math.max(lastWritePosition, position); }

    public Server server() { return server; }

    public Connection connection() { return connection; }

    public Bucket bucket() { return bucket; }

    public void select(int bucketId) { this.bucket = server.keyspace().bucket(bucketId); }

    public int protocol() { return protocol; }

    public void setProtocol(int protocol) { this.protocol = protocol; }

    public String name() { return name; }

    public void setName(String name) { this.name = name; }

    public String libName() { return libName; }

    public void setLibName(String v) { this.libName = v; }

    public String libVersion() { return libVersion; }

    public void setLibVersion(String v) { this.libVersion = v; }

    public String user() { return user; }

    public boolean authenticated() { return authenticated; }

    public void authenticate(String user) {
        this.user = user;
        this.authenticated = true;
    }

    public void deauthenticate() {
        this.user = "default";
        this.authenticated = server.config().get("requirepass").isEmpty();
    }

    public Transaction transaction() { return transaction; }

    public boolean inMulti() { return transaction != null; }

    public void beginMulti() { transaction = new Transaction(); }

    public void endMulti() { transaction = null; }

    public Map<String, Watch> watches() { return watches; }

    public void unwatchAll() { watches.clear(); }

    public ReplyMode replyMode() { return replyMode; }

    public void setReplyMode(ReplyMode mode) { this.replyMode = mode; }

    public boolean noEvict() { return noEvict; }

    public void setNoEvict(boolean v) { noEvict = v; }

    public boolean noTouch() { return noTouch; }

    public void setNoTouch(boolean v) { noTouch = v; }

    public long ageMillis() { return (System.nanoTime() - createdNanos) / 1_000_000; }

    public long idleMillis() { return (System.nanoTime() - lastCommandNanos) / 1_000_000; }

    public String lastCommand() { return lastCommand; }

    /** {@code nanos} is the command's end on {@link System#nanoTime()}, which the dispatcher has read anyway. */
    void touched(String command, long nanos) {
        lastCommand = command;
        lastCommandNanos = nanos;
    }

    /** Close once pending replies are out (QUIT, CLIENT KILL). */
    public void close() {
        closing = true;
        connection.closeAfterFlush();
    }

    public boolean closing() { return closing; }

    /** RESET: back to a fresh connection's state, keeping the connection. */
    public void reset() {
        transaction = null;
        watches.clear();
        bucket = server.keyspace().bucket(0);
        protocol = 2;
        name = "";
        replyMode = ReplyMode.ON;
        noEvict = false;
        noTouch = false;
        deauthenticate();
    }
}
