package io.cairn.server.commands;

import java.time.Instant;

import io.cairn.protocol.Reply;
import io.cairn.server.CommandFamily;
import io.cairn.server.Server;
import io.cairn.server.Session;
import io.cairn.server.command.Args;
import io.cairn.server.command.CommandTable;
import io.cairn.server.command.Errors;

/**
 * Server administration: INFO, CONFIG, DBSIZE, FLUSHDB, FLUSHALL, TIME, SAVE, BGSAVE, LASTSAVE,
 * SHUTDOWN, SLOWLOG, MEMORY, SWAPDB and Cairn's BACKUP. The larger ones live in their own classes and are bound
 * from here, so the server wiring knows a single family.
 */
public final class ServerCommands implements CommandFamily {

    private final Server server;
    private final SaveState saves;
    private final Backups backups;

    public ServerCommands(Server server) {
        this.server = server;
        this.saves = new SaveState(server);
        this.backups = new Backups(server);
    }

    @Override
    public void register(CommandTable t) {
        InfoCommand info = new InfoCommand(server, saves, backups);
        t.bind("info", info::handle);
        new ConfigCommands(server).register(t);
        new SlowLogCommands(server).register(t);
        new MemoryCommands(server).register(t);
        t.bind("dbsize", (s, a) -> Reply.integer(s.bucket().size()));
        t.bind("flushdb", this::flushDb);
        t.bind("flushall", this::flushAll);
        t.bind("time", (s, a) -> time());
        t.bind("save", this::save);
        t.bind("bgsave", this::bgsave);
        t.bind("lastsave", (s, a) -> Reply.integer(server.lastSaveSeconds()));
        t.bind("shutdown", this::shutdown);
        t.bind("swapdb", this::swapDb);
        t.bind("backup", backups::handle);
    }

    /** FLUSHDB [ASYNC|SYNC]: the session's bucket only. Both modes are immediate here. */
    private Reply flushDb(Session s, Args a) {
        checkFlushMode(a);
        s.bucket().clear();
        return Reply.OK;
    }

    /** FLUSHALL [ASYNC|SYNC]: every numbered bucket and every named one (which stay, empty). */
    private Reply flushAll(Session s, Args a) {
        checkFlushMode(a);
        for (int db = 0; db < server.databases(); db++) server.keyspace().bucket(db).clear();
        for (int id : io.cairn.server.kv.BucketCommands.namedBucketIds(server.keyspace())) server.keyspace().bucket(id).clear();
        return Reply.OK;
    }

    private static void checkFlushMode(Args a) {
        if (a.count() > 2 || a.count() == 2 && !a.is(1, "ASYNC") && !a.is(1, "SYNC")) throw Errors.syntax();
    }

    /** TIME: [unix seconds, microseconds], both as bulk strings. */
    private static Reply time() {
        Instant now = Instant.now();
        return Reply.array(Reply.bulk(Long.toString(now.getEpochSecond())), Reply.bulk(Long.toString(now.getNano() / 1000)));
    }

    private Reply save(Session s, Args a) {
        if (saves.inProgress()) throw Errors.err("Background save already in progress");
        saves.saveNow();
        return Reply.OK;
    }

    /**
     * BGSAVE [SCHEDULE]. Redis schedules a save only when some other child process (an AOF
     * rewrite) is busy; Cairn has none, so SCHEDULE starts at once like a plain BGSAVE, and a save
     * already running is an error either way, as in Redis.
     */
    private Reply bgsave(Session s, Args a) {
        if (a.count() > 2 || a.count() == 2 && !a.is(1, "SCHEDULE")) throw Errors.syntax();
        if (!saves.startBackground()) throw Errors.err("Background save already in progress");
        return Reply.simple("Background saving started");
    }

    /**
     * SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] | ABORT. Success sends no reply: the connection just
     * closes. Shutting down runs on its own thread because it stops the event loops, one of
     * which is running this handler.
     */
    private Reply shutdown(Session s, Args a) {
        boolean nosave = false, save = false, flags = false, abort = false;
        for (int i = 1; i < a.count(); i++) {
            if (a.is(i, "NOSAVE")) {
                nosave = true;
                flags = true;
            } else if (a.is(i, "SAVE")) {
                save = true;
                flags = true;
            } else if (a.is(i, "NOW") || a.is(i, "FORCE")) {
                flags = true;
            } else if (a.is(i, "ABORT")) {
                abort = true;
            } else {
                throw Errors.syntax();
            }
        }
        if (abort && flags || nosave && save) throw Errors.syntax();
        if (abort) throw Errors.err("No shutdown in progress.");
        // The commit log is fsynced at close whatever the flags: SAVE additionally brings MapDB up
        // to date first (which may take a while after a bulk load), as Redis saves its RDB.
        boolean saveFirst = save;
        s.close();
        Thread t = new Thread(() -> {
            // Every write is durable when the keyspace closes; SAVE also records the save time.
            if (saveFirst) saves.saveNow();
            server.shutdown();
        }, "cairn-shutdown-command");
        t.start();
        return null;
    }

    /** SWAPDB a b: exchanges two numbered buckets' contents. */
    private Reply swapDb(Session s, Args a) {
        Long first = Args.parseLong(a.bytes(1));
        if (first == null || first != (int) (long) first) throw Errors.err("invalid first DB index");
        Long second = Args.parseLong(a.bytes(2));
        if (second == null || second != (int) (long) second) throw Errors.err("invalid second DB index");
        int n = server.databases();
        if (first < 0 || first >= n || second < 0 || second >= n) throw Errors.err("DB index is out of range");
        if (!first.equals(second)) server.keyspace().swap((int) (long) first, (int) (long) second);
        return Reply.OK;
    }
}
