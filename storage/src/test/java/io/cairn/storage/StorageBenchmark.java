package io.cairn.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Throughput of the keyspace as commands see it (DESIGN.md section 11's measurement, redone
 * through Keyspace/Bucket): puts/s and gets/s of 1,000,000 keys with 100-byte values, the time
 * to make them durable, and the time from opening the store to the first answered get.
 * Prints, asserts nothing: run it by hand with {@code java -cp ... io.cairn.storage.StorageBenchmark [keys] [dir] [flush-interval-ms]}.
 */
public final class StorageBenchmark {

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("cairn-bench");
        long flushMillis = args.length > 2 ? Long.parseLong(args[2]) : 200; // the server's default
        byte[] value = new byte[100];
        new Random(1).nextBytes(value);
        int[] order = shuffled(n, 2);

        Keyspace ks = new Keyspace(new MapDbEngine(dir, flushMillis));
        Bucket bucket = ks.bucket(0);
        long t0 = System.nanoTime();
        for (int i : order) {
            ks.lock().lock();
            try {
                bucket.put(key(i), ValueType.STRING, value, Entry.NO_EXPIRY, null);
            } finally {
                ks.lock().unlock();
            }
        }
        report("put", n, t0);

        order = shuffled(n, 3);
        t0 = System.nanoTime();
        long found = 0;
        for (int i : order) {
            ks.lock().lock();
            try {
                if (bucket.get(key(i)) != null) found++;
            } finally {
                ks.lock().unlock();
            }
        }
        report("get (memory)", n, t0);
        check(found, n);

        // What a kill -9 right now would leave: MapDB as of its last commit plus the log.
        Path crashCopy = Files.createTempDirectory("cairn-bench-crash");
        t0 = System.nanoTime();
        ks.engine().backup(crashCopy);
        System.out.printf("crash-consistent copy: %,d ms%n", (System.nanoTime() - t0) / 1_000_000);
        t0 = System.nanoTime();
        try (Keyspace copy = new Keyspace(new MapDbEngine(crashCopy, flushMillis))) {
            Entry e = copy.bucket(0).get(key(order[order.length - 1]));
            System.out.printf("open of that copy (replaying the log) to first get: %,d ms (%s, %,d keys)%n",
                    (System.nanoTime() - t0) / 1_000_000, e == null ? "missing!" : "found", copy.bucket(0).size());
        }

        t0 = System.nanoTime();
        ks.save();
        System.out.printf("save (flush of %,d keys to MapDB): %,d ms%n", n, (System.nanoTime() - t0) / 1_000_000);
        t0 = System.nanoTime();
        ks.close();
        System.out.printf("close: %,d ms; file %,d MB%n", (System.nanoTime() - t0) / 1_000_000,
                Files.size(dir.resolve(StoreManifest.current(dir))) >> 20);

        t0 = System.nanoTime();
        ks = new Keyspace(new MapDbEngine(dir, flushMillis));
        bucket = ks.bucket(0);
        Entry first = bucket.get(key(order[0]));
        System.out.printf("reopen to first get: %,d ms (%s)%n", (System.nanoTime() - t0) / 1_000_000, first);

        order = shuffled(n, 4);
        t0 = System.nanoTime();
        found = 0;
        for (int i : order) {
            ks.lock().lock();
            try {
                if (bucket.get(key(i)) != null) found++;
            } finally {
                ks.lock().unlock();
            }
        }
        report("get (after reopen, from MapDB)", n, t0);
        check(found, n);
        System.out.printf("count after reopen: %,d%n", bucket.size());
        ks.close();
    }

    private static byte[] key(int i) {
        return ("key:" + i).getBytes();
    }

    private static int[] shuffled(int n, long seed) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        Random r = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    private static void report(String what, int n, long t0) {
        long ms = Math.max(1, (System.nanoTime() - t0) / 1_000_000);
        System.out.printf("%s: %,d ops in %,d ms = %,d ops/s%n", what, n, ms, n * 1000L / ms);
    }

    private static void check(long found, int n) {
        if (found != n) throw new AssertionError("found " + found + " of " + n);
    }
}
