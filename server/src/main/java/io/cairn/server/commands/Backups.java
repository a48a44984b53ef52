package io.cairn.server.commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.cairn.protocol.Reply;
import io.cairn.server.Server;
import io.cairn.server.Session;
import io.cairn.server.command.Args;
import io.cairn.server.command.Errors;

/**
 * BACKUP directory: a consistent copy of the data, written in the background like BGSAVE while
 * clients go on, into a directory that {@code cairn-server --dir} can start from. Progress and
 * outcome are in INFO persistence ({@code cairn_backup_in_progress}, {@code
 * cairn_last_backup_status}), which {@code scripts/cairn-backup} polls.
 */
final class Backups {

    private final Server server;
    private volatile boolean inProgress;
    private volatile String lastStatus = "ok";
    private volatile long lastMillis;
    private volatile String lastDirectory = "";

    Backups(Server server) {
        this.server = server;
    }

    Reply handle(Session s, Args a) {
        Path target = Path.of(a.string(1)).toAbsolutePath().normalize();
        Path own = Path.of(server.config().get("dir")).toAbsolutePath().normalize();
        if (target.startsWith(own) || own.startsWith(target)) {
            throw Errors.err("backup directory must be outside the server's dir " + own);
        }
        if (isNonEmptyDirectory(target) || Files.exists(target) && !Files.isDirectory(target)) {
            throw Errors.err("backup directory " + target + " exists and is not empty");
        }
        synchronized (this) {
            if (inProgress) throw Errors.err("Backup already in progress");
            inProgress = true;
        }
        Thread t = new Thread(() -> run(target), "cairn-backup");
        t.setDaemon(true);
        t.start();
        return Reply.simple("Backup started");
    }

    private static boolean isNonEmptyDirectory(Path p) {
        if (!Files.isDirectory(p)) return false;
        try (Stream<Path> files = Files.list(p)) {
            return files.findAny().isPresent();
        } catch (IOException e) {
            return true;
        }
    }

    private void run(Path target) {
        String status = "ok";
        try {
            server.keyspace().engine().backup(target);
        } catch (IOException | RuntimeException e) {
            status = "err " + e;
            System.err.println("cairn: backup to " + target + " failed: " + e);
        } finally {
            lastStatus = status.replace('\r', ' ').replace('\n', ' ');
            lastMillis = System.currentTimeMillis();
            lastDirectory = target.toString();
            inProgress = false;
        }
    }

    boolean inProgress() {
        return inProgress;
    }

    String lastStatus() {
        return lastStatus;
    }

    long lastSeconds() {
        return lastMillis / 1000;
    }

    String lastDirectory() {
        return lastDirectory;
    }
}
