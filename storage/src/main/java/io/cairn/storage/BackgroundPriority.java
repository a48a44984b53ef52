package io.cairn.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Lowers the calling thread's CPU priority (Linux nice value), as RocksDB does for its
 * compaction threads ({@code Env::LowerThreadPoolCPUPriority}).
 *
 * <p>Why: on a machine with few cores the MapDB flusher competes with the event loop and the
 * commit log's writer for CPU. Its work can wait (the log already made every write durable),
 * theirs cannot: measured on 2 cores under {@code appendfsync always}, {@code redis-benchmark
 * SET -d 100 -r 100000} went from about 0.6 of Redis's throughput to about 1.0 with the
 * flusher at nice 10. A nice thread still gets every idle cycle, and at nice 10 about a tenth
 * of a busy core's time against a nice-0 thread, so it keeps up under sustained load rather
 * than starving.
 *
 * <p>Java has no call for one thread's nice value (thread priorities are ignored on Linux unless
 * the JVM runs as root with a special flag), so this asks {@code renice} for the thread id that
 * {@code /proc/thread-self} names. Best effort: elsewhere, or without {@code renice}, the thread
 * keeps its priority.
 */
final class BackgroundPriority {
    static final int NICE = 10;

    private BackgroundPriority() {
    }

    /** Called by the thread to lower, at its start. */
    static void lowerCurrentThread() {
        try {
            Path self = Files.readSymbolicLink(Path.of("/proc/thread-self")); // "<pid>/task/<tid>"
            String tid = self.getFileName().toString();
            Process renice = new ProcessBuilder("renice", "-n", Integer.toString(NICE), "-p", tid)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!renice.waitFor(5, TimeUnit.SECONDS)) renice.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | Error e) {
            // Not Linux, no /proc or no renice: the thread runs at its normal priority.
        }
    }
}
