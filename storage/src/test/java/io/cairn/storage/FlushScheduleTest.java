package io.cairn.storage;

import static io.cairn.storage.Stores.entry;
import static io.cairn.storage.Stores.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the flusher checkpoints memory into MapDB: after flush-interval-ms, or sooner once the log has grown by flush-log-size. */
class FlushScheduleTest {

    private static final long HOUR = 3_600_000;
    private static final String VALUE = "v".repeat(100);

    @TempDir
    Path dir;

    @Test
    void aFlushStartsOnceTheLogHasGrownByFlushLogSize() throws Exception {
        try (MapDbEngine engine = new MapDbEngine(dir, HOUR, 64 * 1024, FsyncPolicy.EVERYSEC)) {
            for (int i = 0; i < 1000; i++) put(engine, 0, "k" + i, entry(i + 1, VALUE));
            assertTrue(waitFor(() -> engine.stats().commits() >= 1), "no flush although the log passed 64 KB: " + engine.stats());
        }
    }

    @Test
    void belowFlushLogSizeNothingIsFlushedBeforeTheInterval() throws Exception {
        try (MapDbEngine engine = new MapDbEngine(dir, HOUR, 64 * 1024, FsyncPolicy.EVERYSEC)) {
            for (int i = 0; i < 10; i++) put(engine, 0, "k" + i, entry(i + 1, VALUE));
            Thread.sleep(500);
            assertEquals(0, engine.stats().commits());
            assertEquals(10, engine.stats().pendingWrites());
        }
    }

    @Test
    void aFlushStartsWhenTheIntervalHasPassedWhateverTheLogSize() throws Exception {
        try (MapDbEngine engine = new MapDbEngine(dir, 300, Long.MAX_VALUE, FsyncPolicy.EVERYSEC)) {
            put(engine, 0, "k", entry(1, VALUE));
            assertTrue(waitFor(() -> engine.stats().pendingWrites() == 0 && engine.stats().commits() >= 1),
                    "nothing flushed 300 ms after the write: " + engine.stats());
        }
    }

    @Test
    void whatALogSizeFlushCommittedIsThereAfterAReopen() throws IOException {
        try (MapDbEngine engine = new MapDbEngine(dir, HOUR, 16 * 1024, FsyncPolicy.EVERYSEC)) {
            for (int i = 0; i < 500; i++) put(engine, 0, "k" + i, entry(i + 1, VALUE + i));
        }
        try (MapDbEngine engine = Stores.open(dir)) {
            for (int i = 0; i < 500; i++) assertEquals(VALUE + i, Stores.value(engine, 0, "k" + i));
        }
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) return true;
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }
}
