package io.cairn.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart replays the commit log over MapDB's last commit and gets exactly the state of the
 * moment: checked through backups, which copy MapDB's files and the log while the engine runs,
 * exactly what a kill -9 leaves behind. Random puts, deletes, multi-key batches, FLUSHDB and
 * SWAPDB, with the flusher either idle (everything comes from the log) or racing every
 * millisecond (the log's tail lands on some checkpoint).
 */
class ReplayTest {

    @TempDir
    Path dir;

    @Test
    void aCopyTakenWithNothingFlushedRestartsFromTheLogAlone() throws IOException {
        runModel(Stores.MANUAL_FLUSH);
    }

    @Test
    void aCopyTakenWhileTheFlusherRacesRestartsWithExactlyTheStateOfThatMoment() throws IOException {
        runModel(1);
    }

    @Test
    void expiryTimesComeBackAsAbsoluteTimes() throws IOException {
        long past = System.currentTimeMillis() - 1000;
        long future = System.currentTimeMillis() + 3_600_000;
        try (MapDbEngine engine = Stores.open(dir.resolve("live"))) {
            Stores.put(engine, 0, "gone", Stores.expiring(1, "x", past));
            Stores.put(engine, 0, "later", Stores.expiring(2, "y", future));
            engine.backup(dir.resolve("copy"));
        }
        try (MapDbEngine copy = Stores.open(dir.resolve("copy"))) {
            assertEquals(past, copy.get(0, Stores.b("gone")).expireAt());
            assertEquals(future, copy.get(0, Stores.b("later")).expireAt());
            assertEquals(2, copy.lastGeneration(), "generations come back with the entries");
        }
    }

    @Test
    void aUnitOfWorkComesBackWholeOrNotAtAll() throws IOException {
        try (MapDbEngine engine = Stores.open(dir.resolve("live"), 1)) {
            Stores.put(engine, 0, "before", Stores.entry(1, "x"));
            engine.beginUnit();
            try {
                Stores.put(engine, 0, "a", Stores.entry(2, "1"));
                engine.clear(1);
                Stores.put(engine, 0, "b", Stores.entry(3, "2"));
                engine.backup(dir.resolve("during")); // what a crash in the middle of the unit leaves
            } finally {
                engine.endUnit();
            }
            engine.backup(dir.resolve("after"));
        }
        try (MapDbEngine during = Stores.open(dir.resolve("during"))) {
            assertEquals("x", Stores.value(during, 0, "before"));
            assertEquals(null, Stores.value(during, 0, "a"), "half a unit came back");
            assertEquals(null, Stores.value(during, 0, "b"));
        }
        try (MapDbEngine after = Stores.open(dir.resolve("after"))) {
            assertEquals("1", Stores.value(after, 0, "a"));
            assertEquals("2", Stores.value(after, 0, "b"));
        }
    }

    /** The replay reads nothing from MapDB: the log says whether each key existed and expired before. */
    @Test
    void countsComeBackRightWhenTheLogRewritesKeysAlreadyInMapDB() throws IOException {
        long future = System.currentTimeMillis() + 3_600_000;
        try (MapDbEngine engine = Stores.open(dir.resolve("live"))) {
            Stores.put(engine, 0, "plain", Stores.entry(1, "a"));
            Stores.put(engine, 0, "expiring", Stores.expiring(2, "b", future));
            Stores.put(engine, 0, "doomed", Stores.expiring(3, "c", future));
            Stores.put(engine, 0, "kept", Stores.expiring(4, "d", future));
            engine.sync(); // all four in MapDB
            Stores.put(engine, 0, "plain", Stores.expiring(5, "a2", future)); // gains an expiry
            Stores.put(engine, 0, "expiring", Stores.entry(6, "b2"));         // loses its expiry
            Stores.delete(engine, 0, "doomed");
            Stores.delete(engine, 0, "never-there");
            Stores.put(engine, 0, "new", Stores.entry(7, "e"));
            engine.backup(dir.resolve("copy"));
            assertEquals(4, engine.count(0));
            assertEquals(2, engine.countExpiring(0));
        }
        try (MapDbEngine copy = Stores.open(dir.resolve("copy"))) {
            assertEquals(4, copy.count(0));
            assertEquals(2, copy.countExpiring(0));
            assertEquals(null, Stores.value(copy, 0, "doomed"));
            assertEquals("b2", Stores.value(copy, 0, "expiring"));
            copy.sync(); // the replayed writes reach MapDB: the copy's own restart agrees
        }
        try (MapDbEngine again = Stores.open(dir.resolve("copy"))) {
            assertEquals(4, again.count(0));
            assertEquals(2, again.countExpiring(0));
            assertEquals(null, Stores.value(again, 0, "doomed"));
            assertEquals(future, again.get(0, Stores.b("plain")).expireAt());
        }
    }

    private void runModel(long flushIntervalMillis) throws IOException {
        long seed = Long.getLong("model.seed", System.nanoTime());
        Random rnd = new Random(seed);
        String context = "seed " + seed + " (rerun with -Dmodel.seed=" + seed + ")";
        List<TreeMap<String, String>> model = new ArrayList<>();
        for (int b = 0; b < 3; b++) model.add(new TreeMap<>());
        int copies = 0;
        long gen = 0;
        try (MapDbEngine engine = Stores.open(dir.resolve("live"), flushIntervalMillis)) {
            for (int op = 0; op < 6000; op++) {
                int bucket = rnd.nextInt(3);
                int dice = rnd.nextInt(1000);
                if (dice < 500) {
                    String k = "k" + rnd.nextInt(200), v = "v" + op;
                    Stores.put(engine, bucket, k, Stores.entry(++gen, v));
                    model.get(bucket).put(k, v);
                } else if (dice < 700) {
                    String k = "k" + rnd.nextInt(200);
                    Stores.delete(engine, bucket, k);
                    model.get(bucket).remove(k);
                } else if (dice < 990) {
                    WriteBatch batch = new WriteBatch();
                    for (int i = 0; i < 3; i++) {
                        String k = "m" + rnd.nextInt(50);
                        boolean delete = rnd.nextInt(4) == 0;
                        batch.write(bucket, Stores.b(k), delete ? null : Stores.entry(++gen, "b" + op));
                        if (delete) model.get(bucket).remove(k);
                        else model.get(bucket).put(k, "b" + op);
                    }
                    assertTrue(engine.commit(batch));
                } else if (dice < 995) {
                    engine.clear(bucket);
                    model.get(bucket).clear();
                } else {
                    int other = (bucket + 1) % 3;
                    engine.swap(bucket, other);
                    TreeMap<String, String> t = model.get(bucket);
                    model.set(bucket, model.get(other));
                    model.set(other, t);
                }
                if (op % 1500 == 1499) {
                    Path copy = dir.resolve("copy" + copies++);
                    engine.backup(copy);
                    try (MapDbEngine restarted = Stores.open(copy)) {
                        for (int b = 0; b < 3; b++) {
                            assertEquals(model.get(b), contents(restarted, b), context + ", copy after op " + op + ", bucket " + b);
                            assertEquals(model.get(b).size(), restarted.count(b), context + ", count of bucket " + b);
                        }
                        assertEquals(gen, restarted.lastGeneration(), context);
                    }
                }
            }
        }
        assertTrue(Files.exists(dir.resolve("copy3")));
    }

    private static Map<String, String> contents(StorageEngine engine, int bucket) {
        TreeMap<String, String> out = new TreeMap<>();
        for (Iterator<KeyEntry> it = engine.scan(bucket, null, null, false); it.hasNext(); ) {
            KeyEntry ke = it.next();
            out.put(Stores.s(ke.key()), Stores.s(ke.entry().value()));
        }
        return out;
    }
}
