package io.cairn.server.commands;

import java.util.concurrent.atomic.AtomicLong;

import io.cairn.server.Server;

/**
 * SAVE and BGSAVE: make every write so far durable, now or on a background thread, and keep
 * what INFO persistence and LASTSAVE report about it. At most one background save runs.
 */
final class SaveState {

    private final Server server;
    private final AtomicLong saves = new AtomicLong();
    private volatile long backgroundStartNanos;
    private volatile boolean inProgress;
    private volatile boolean lastBackgroundOk = true;
    private volatile long lastBackgroundSeconds = -1;

    SaveState(Server server) {
        this.server = server;
    }

    /** SAVE: durable before returning. */
    void saveNow() {
        server.keyspace().save();
        server.markSaved();
        saves.incrementAndGet();
    }

    /** BGSAVE: false when one is already running. */
    synchronized boolean startBackground() {
        if (inProgress) return false;
        inProgress = true;
        backgroundStartNanos = System.nanoTime();
        Thread t = new Thread(this::runBackground, "cairn-bgsave");
        t.setDaemon(true);
        t.start();
        return true;
    }

    private void runBackground() {
        boolean ok = true;
        try {
            saveNow();
        } catch (RuntimeException e) {
            ok = false;
        } finally {
            lastBackgroundOk = ok;
            lastBackgroundSeconds = (System.nanoTime() - backgroundStartNanos) / 1_000_000_000L;
            synchronized (this) {
                inProgress = false;
            }
        }
    }

    boolean inProgress() {
        return inProgress;
    }

    boolean lastBackgroundOk() {
        return lastBackgroundOk;
    }

    long lastBackgroundSeconds() {
        return lastBackgroundSeconds;
    }

    long currentBackgroundSeconds() {
        return inProgress ? (System.nanoTime() - backgroundStartNanos) / 1_000_000_000L : -1;
    }

    long count() {
        return saves.get();
    }
}
