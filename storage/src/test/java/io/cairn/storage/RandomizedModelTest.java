package io.cairn.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine against a TreeMap model: random puts, deletes, point reads and bounded scans in
 * both directions, with flushes and reopens at random points, so every read crosses some mix of
 * unflushed writes, tombstones and flushed data. Keys draw on a tiny alphabet that includes
 * bytes 0x00 and 0xFF so prefixes, extensions and unsigned order all get exercised.
 */
class RandomizedModelTest {

    private static final byte[] ALPHABET = {0x00, 'a', 'b', 0x7f, (byte) 0x80, (byte) 0xff};

    @TempDir
    Path dir;

    @Test
    void engineAgreesWithASortedMapModelUnderRandomOperationsFlushesAndReopens() {
        runModel(Stores.MANUAL_FLUSH, 20_000);
    }

    /** The same with the background flusher running every millisecond, racing every read and write. */
    @Test
    void engineAgreesWithTheModelWhileTheFlusherRunsConcurrently() {
        runModel(1, 8_000);
    }

    private void runModel(long flushIntervalMillis, int operations) {
        long seed = Long.getLong("model.seed", System.nanoTime());
        Random rnd = new Random(seed);
        String context = "seed " + seed + " (rerun with -Dmodel.seed=" + seed + ")";
        NavigableMap<byte[], String>[] model = models(3);
        MapDbEngine engine = Stores.open(dir, flushIntervalMillis);
        long gen = 0;
        try {
            for (int op = 0; op < operations; op++) {
                int bucket = rnd.nextInt(model.length);
                byte[] key = randomKey(rnd);
                int dice = rnd.nextInt(100);
                String at = context + ", op " + op;
                if (dice < 40) {
                    String v = "v" + op;
                    Stores.put(engine, bucket, Stores.s(key), Stores.entry(++gen, v));
                    model[bucket].put(key, v);
                } else if (dice < 55) {
                    engine.commit(WriteBatch.delete(bucket, key));
                    model[bucket].remove(key);
                } else if (dice < 75) {
                    Entry e = engine.get(bucket, key);
                    assertEquals(model[bucket].get(key), e == null ? null : Stores.s(e.value()), at + " get " + Arrays.toString(key));
                } else if (dice < 99 || rnd.nextInt(10) < 6) {
                    checkScan(engine, model[bucket], bucket, rnd, at);
                } else if (rnd.nextInt(100) < 95) {
                    engine.sync();
                } else {
                    engine.close();
                    engine = Stores.open(dir, flushIntervalMillis);
                }
                if (op % 1000 == 0) {
                    for (int b = 0; b < model.length; b++) assertEquals(model[b].size(), engine.count(b), at + " count " + b);
                }
            }
            for (int pass = 0; pass < 2; pass++) {
                for (int b = 0; b < model.length; b++) {
                    assertEquals(render(model[b]), render(engine.scan(b, null, null, false)), context + " final scan " + b + " pass " + pass);
                    assertEquals(model[b].size(), engine.count(b), context + " final count " + b + " pass " + pass);
                }
                engine.close();
                engine = Stores.open(dir, flushIntervalMillis);
            }
        } finally {
            engine.close();
        }
    }

    private static void checkScan(StorageEngine engine, NavigableMap<byte[], String> model, int bucket, Random rnd, String at) {
        byte[] from = rnd.nextInt(4) == 0 ? null : randomKey(rnd);
        byte[] to = rnd.nextInt(4) == 0 ? null : randomKey(rnd);
        boolean reverse = rnd.nextBoolean();
        NavigableMap<byte[], String> expected = reverse ? model.descendingMap() : model;
        boolean emptyRange = from != null && to != null && Integer.signum(Keys.UNSIGNED.compare(from, to)) != (reverse ? 1 : -1);
        if (emptyRange) {
            expected = new TreeMap<>(Keys.UNSIGNED);
        } else {
            if (from != null) expected = expected.tailMap(from, true);
            if (to != null) expected = expected.headMap(to, false);
        }
        assertEquals(render(expected), render(engine.scan(bucket, from, to, reverse)),
                at + " scan from " + Arrays.toString(from) + " to " + Arrays.toString(to) + (reverse ? " reverse" : ""));
    }

    private static byte[] randomKey(Random rnd) {
        byte[] k = new byte[rnd.nextInt(4)];
        for (int i = 0; i < k.length; i++) k[i] = ALPHABET[rnd.nextInt(ALPHABET.length)];
        return k;
    }

    @SuppressWarnings("unchecked")
    private static NavigableMap<byte[], String>[] models(int n) {
        NavigableMap<byte[], String>[] out = new NavigableMap[n];
        for (int i = 0; i < n; i++) out[i] = new TreeMap<>(Keys.UNSIGNED);
        return out;
    }

    private static List<String> render(Map<byte[], String> m) {
        List<String> out = new ArrayList<>();
        m.forEach((k, v) -> out.add(Arrays.toString(k) + "=" + v));
        return out;
    }

    private static List<String> render(Iterator<KeyEntry> it) {
        List<String> out = new ArrayList<>();
        while (it.hasNext()) {
            KeyEntry ke = it.next();
            out.add(Arrays.toString(ke.key()) + "=" + Stores.s(ke.entry().value()));
        }
        return out;
    }
}
