package io.cairn.storage;

import java.util.Iterator;

/**
 * Active expiry: walks the engine's time-ordered expiry index from its start, deleting keys
 * whose deadline has passed, so that a keyspace full of expired keys shrinks without a scan of
 * every key. Works in short batches under the keyspace lock so clients are never held long.
 */
final class ExpiryReclaimer {

    private static final int BATCH = 500;
    private static final long PERIOD_MILLIS = 100;
    private static final long BUDGET_NANOS = 25_000_000;
    private static final long BACKLOG_PAUSE_MILLIS = 5;

    private final Keyspace keyspace;
    private final Thread thread;
    private volatile boolean running = true;

    ExpiryReclaimer(Keyspace keyspace) {
        this.keyspace = keyspace;
        this.thread = new Thread(this::loop, "cairn-expiry");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        boolean backlog = false;
        while (running) {
            try {
                // With a backlog (a pass ran out of budget while refs were still due), come back
                // almost at once: at one pass per period a million keys expiring together would
                // take many minutes to go. Each batch still holds the lock only briefly.
                Thread.sleep(backlog ? BACKLOG_PAUSE_MILLIS : PERIOD_MILLIS);
                long deadline = System.nanoTime() + BUDGET_NANOS;
                backlog = false;
                while (running && reclaimBatch() == BATCH) {
                    if (System.nanoTime() >= deadline) {
                        backlog = true;
                        break;
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // A failed pass is retried on the next period; expiry stays exact through passive checks.
                if (running) System.err.println("expiry reclaimer: " + e);
            }
        }
    }

    /** Reclaims up to one batch of expired keys; returns how many references it examined. */
    int reclaimBatch() {
        // Read the index without the keyspace lock: it may wait on MapDB while the flusher
        // commits, and clients must not wait with it. Every reference is re-checked below.
        Iterator<ExpiryRef> refs = keyspace.engine().expiring(keyspace.now(), BATCH);
        if (!refs.hasNext()) return 0;
        keyspace.lock().lock();
        try {
            int seen = 0;
            while (refs.hasNext()) {
                ExpiryRef ref = refs.next();
                seen++;
                // get() deletes the entry when it really is past its deadline.
                keyspace.bucket(ref.bucket()).get(ref.key());
            }
            return seen;
        } finally {
            keyspace.lock().unlock();
        }
    }
}
