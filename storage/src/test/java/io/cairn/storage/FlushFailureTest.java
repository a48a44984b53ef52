package io.cairn.storage;

import static io.cairn.storage.Stores.b;
import static io.cairn.storage.Stores.entry;
import static io.cairn.storage.Stores.put;
import static io.cairn.storage.Stores.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failing MapDB commit must not kill the flusher: SAVE and shutdown would then hang forever. */
class FlushFailureTest {

    @TempDir
    Path dir;

    @Test
    void syncReturnsAndReportsTheFailureWhenMapDbCannotCommit() throws Exception {
        MapDbEngine engine = Stores.open(dir);
        put(engine, 0, "k", entry(1, "v"));
        put(engine, 0, "j", entry(2, "v"));
        engine.sync();
        Field f = MapDbEngine.class.getDeclaredField("store");
        f.setAccessible(true);
        ((MapDbBackend) f.get(engine)).close(); // every later commit fails (and reads: only cached keys are used below)
        put(engine, 0, "k", entry(3, "v2"));
        assertTimeoutPreemptively(Duration.ofSeconds(20), engine::sync);
        assertFalse(engine.stats().lastCommitOk());
        // The write that could not be flushed is still served from memory, and still pending.
        assertEquals("v2", value(engine, 0, "k"));
        assertEquals(1, engine.stats().pendingWrites());
        put(engine, 0, "j", entry(4, "v3"));
        assertTimeoutPreemptively(Duration.ofSeconds(20), engine::sync);
        assertTimeoutPreemptively(Duration.ofSeconds(20), engine::close);
    }
}
