package io.cairn.storage;

import static io.cairn.storage.Stores.b;
import static io.cairn.storage.Stores.entry;
import static io.cairn.storage.Stores.put;
import static io.cairn.storage.Stores.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {

    @TempDir
    Path dir;

    @Test
    void closeThenReopenKeepsEverything() {
        try (MapDbEngine engine = Stores.open(dir)) {
            for (int i = 0; i < 1000; i++) put(engine, i % 3, "k" + i, new Entry(ValueType.JSON, b("[" + i + "]"), i % 2 == 0 ? 0 : 5_000_000_000_000L + i, i + 1, i % 5 == 0 ? b("m" + i) : null));
            Stores.delete(engine, 0, "k0");
        }
        try (MapDbEngine engine = Stores.open(dir)) {
            assertNull(engine.get(0, b("k0")));
            for (int i = 1; i < 1000; i++) {
                Entry e = engine.get(i % 3, b("k" + i));
                assertEquals(new Entry(ValueType.JSON, b("[" + i + "]"), i % 2 == 0 ? 0 : 5_000_000_000_000L + i, i + 1, i % 5 == 0 ? b("m" + i) : null), e);
            }
            assertEquals(333, engine.count(0));
            assertEquals(1000, engine.lastGeneration());
        }
    }

    @Test
    void reopenWithoutCloseKeepsEverythingSynced() throws Exception {
        MapDbEngine abandoned = Stores.open(dir.resolve("live"));
        Path crashed = dir.resolve("crashed");
        try {
            for (int i = 0; i < 100; i++) put(abandoned, 0, "synced" + i, entry(i + 1, "v" + i));
            abandoned.sync();
            for (int i = 0; i < 100; i++) put(abandoned, 0, "unsynced" + i, entry(i + 101, "v"));
            // MapDB locks its file, so the same JVM cannot reopen it unclosed. A copy of the files
            // taken now is what a kill -9 would leave behind: what the OS has, nothing more.
            Files.createDirectories(crashed);
            try (Stream<Path> files = Files.list(dir.resolve("live"))) {
                for (Path f : (Iterable<Path>) files::iterator) Files.copy(f, crashed.resolve(f.getFileName()));
            }
        } finally {
            abandoned.close();
        }
        try (MapDbEngine engine = Stores.open(crashed)) {
            for (int i = 0; i < 100; i++) assertEquals("v" + i, value(engine, 0, "synced" + i));
            assertTrue(engine.lastGeneration() >= 100);
            assertEquals(Stores.scanKeys(engine, 0, null, null, false).size(), engine.count(0));
        }
    }

    @Test
    void aStoreKilledMidWriteReopensWithEverythingSyncedBeforeTheKill() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), dir.toString())
                .redirectErrorStream(true)
                .start();
        int lastSynced = -1;
        long lastGen = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = System.currentTimeMillis() + 60_000;
            String line;
            int syncs = 0;
            while ((line = out.readLine()) != null && System.currentTimeMillis() < deadline) {
                if (!line.startsWith("synced ")) throw new AssertionError("child said: " + line);
                String[] parts = line.split(" ");
                lastSynced = Integer.parseInt(parts[1]);
                lastGen = Long.parseLong(parts[3]);
                if (++syncs == 6) break;
            }
            Thread.sleep(700); // let it get well into unsynced writes and background flushes
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertTrue(lastSynced >= 0, "the child never synced");

        try (MapDbEngine engine = Stores.open(dir)) {
            for (int i = 0; i <= lastSynced; i++) {
                assertNotNull(engine.get(0, b("a" + i)), "a" + i + " was synced before the kill");
                assertEquals("value-" + i, value(engine, 0, "b" + i));
            }
            long keys = 0;
            int pairsA = 0, pairsB = 0;
            for (Iterator<KeyEntry> it = engine.scan(0, null, null, false); it.hasNext(); ) {
                byte[] k = it.next().key();
                keys++;
                if (k[0] == 'a') pairsA++;
                else pairsB++;
            }
            assertEquals(pairsA, pairsB, "a batch was half applied");
            assertEquals(keys, engine.count(0), "stored count disagrees with the keys stored");
            assertTrue(engine.lastGeneration() >= lastGen);
            System.out.printf("killed after %d synced pairs; reopened with %d pairs%n", lastSynced + 1, pairsA);
            // The reopened store takes writes and keeps them.
            put(engine, 0, "after", entry(engine.lastGeneration() + 1, "ok"));
        }
        try (MapDbEngine engine = Stores.open(dir)) {
            assertEquals("ok", value(engine, 0, "after"));
            assertEquals(List.of("after"), Stores.scanKeys(engine, 0, "after", "after\u0000", false));
        }
    }
}
