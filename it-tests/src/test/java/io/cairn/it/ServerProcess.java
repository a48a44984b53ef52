package io.cairn.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lettuce.core.RedisURI;

/**
 * The real server ({@code io.cairn.server.Main}) in its own JVM, so that a test can kill it
 * with SIGKILL, as a crash would, and start it again on the same data directory.
 */
final class ServerProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("Ready to accept connections on (\\S+):(\\d+)");
    private static final long START_TIMEOUT_SECONDS = 30;
    private static final int KEPT_OUTPUT_LINES = 40;

    /** Children still running; killed if the test JVM itself is stopped (surefire timeout, Ctrl-C). */
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly)));
    }

    private final Path dir;
    private final String[] args;
    private Process process;
    private int port;
    private final Deque<String> output = new ArrayDeque<>();

    private ServerProcess(Path dir, String[] args) {
        this.dir = dir;
        this.args = args;
    }

    /** Starts a server on {@code dir} with extra command-line args and waits until it is ready. */
    static ServerProcess start(Path dir, String... args) {
        ServerProcess server = new ServerProcess(dir, args);
        server.launch();
        return server;
    }

    int port() {
        return port;
    }

    RedisURI uri() {
        return RedisURI.create("127.0.0.1", port);
    }

    /** SIGKILL (what destroyForcibly sends on Linux): no shutdown hook, no last commit. */
    void kill9() {
        if (process == null) return;
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LIVE.remove(process);
        process = null;
    }

    /** Starts a new server process on the same directory (killing the current one if alive). */
    void restart() {
        kill9();
        launch();
    }

    /** The server's last lines of output, for failure messages. */
    synchronized String recentOutput() {
        return String.join("\n", output);
    }

    @Override
    public void close() {
        kill9();
    }

    private void launch() {
        // C1 only: the JVM starts about a third faster, and a crash test restarts it many times
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.cairn.server.Main",
                // port 0: the kernel picks a free port, which the ready line names (no race for a port)
                "--port", "0", "--dir", dir.toString()));
        command.addAll(List.of(args));
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        }
        LIVE.add(process);
        synchronized (this) {
            output.clear();
        }
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Process p = process;
        Thread reader = new Thread(() -> readOutput(p, ready), "cairn-child-output");
        reader.setDaemon(true);
        reader.start();
        try {
            port = ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            kill9();
            throw new IllegalStateException("server on " + dir + " did not become ready: " + e + "\n" + recentOutput(), e);
        }
    }

    /** Drains the child's output (a full pipe would block it) and spots the ready line. */
    private void readOutput(Process p, CompletableFuture<Integer> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                keep(line);
                Matcher m = READY.matcher(line);
                if (m.find()) ready.complete(Integer.parseInt(m.group(2)));
            }
        } catch (IOException ignored) {
            // the process was killed
        }
        ready.completeExceptionally(new IllegalStateException("server exited before it was ready"));
    }

    private synchronized void keep(String line) {
        if (output.size() == KEPT_OUTPUT_LINES) output.removeFirst();
        output.addLast(line);
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
