package io.cairn.server;

import java.util.concurrent.CountDownLatch;

/** {@code cairn-server [file.conf] [--name value]...}, like redis-server, in the foreground. */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        Config config = new Config();
        try {
            config.loadArgs(args);
        } catch (IllegalArgumentException | java.io.IOException e) {
            System.err.println("*** FATAL CONFIG ERROR: " + e.getMessage());
            System.exit(1);
        }
        CairnServer cairn;
        try {
            cairn = CairnServer.start(config);
        } catch (Exception e) {
            System.err.println("Failed to start: " + e);
            e.printStackTrace();
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        cairn.server().onShutdown(() -> {
            cairn.close();
            stopped.countDown();
        });
        // SIGTERM and SIGINT close cleanly, as redis-server does: every write is committed first.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Received shutdown signal, closing.");
            cairn.close();
        }, "cairn-shutdown"));
        System.out.println("Ready to accept connections on " + cairn.host() + ":" + cairn.port());
        System.out.flush();
        stopped.await();
        System.out.println("Cairn is now ready to exit, bye bye...");
        System.exit(0);
    }
}
