package io.cairn.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Lets background work (flushing to MapDB, reclaiming expired keys, warming the cache) yield
 * the CPU to the threads that serve clients, as an LSM store's compaction does: on a small
 * machine a flusher at full priority takes a whole core from the server and its clients.
 * Linux schedules threads individually, so the calling thread alone is reniced. Best effort:
 * where this is not possible the thread simply keeps its priority.
 */
final class BackgroundPriority {

    private static final String NICENESS = "10";

    private BackgroundPriority() {}

    static void lowerCurrentThread() {
        try {
            Path self = Files.readSymbolicLink(Path.of("/proc/thread-self")); // "<pid>/task/<tid>"
            String tid = self.getFileName().toString();
            Process p = new ProcessBuilder("renice", "-n", NICENESS, "-p", tid)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly();
        } catch (Exception | LinkageError ignored) {
            // Not Linux, no renice, or not allowed: the work still gets done, only at normal priority.
        }
    }
}
