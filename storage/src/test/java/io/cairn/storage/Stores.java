package io.cairn.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Shared helpers: byte/string conversion, entries with chosen generations, engines with controlled flushing. */
final class Stores {

    /** A flush interval so long that only {@link StorageEngine#sync()} and close flush: tests decide when data reaches MapDB. */
    static final long MANUAL_FLUSH = 3_600_000;

    private Stores() {}

    /** ISO-8859-1, so "\u00e9" is the single byte 0xE9: tests can spell any byte. */
    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String s(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    static Entry entry(long generation, String value) {
        return new Entry(ValueType.STRING, b(value), Entry.NO_EXPIRY, generation, null);
    }

    static Entry expiring(long generation, String value, long expireAt) {
        return new Entry(ValueType.STRING, b(value), expireAt, generation, null);
    }

    static MapDbEngine open(Path dir) {
        return open(dir, MANUAL_FLUSH);
    }

    static MapDbEngine open(Path dir, long flushIntervalMillis) {
        try {
            MapDbEngine engine = new MapDbEngine(dir, flushIntervalMillis);
            engine.startWarmUp();
            return engine;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void put(StorageEngine engine, int bucket, String key, Entry e) {
        if (!engine.commit(WriteBatch.put(bucket, b(key), e))) throw new AssertionError("unconditional put refused");
    }

    static void delete(StorageEngine engine, int bucket, String key) {
        if (!engine.commit(WriteBatch.delete(bucket, b(key)))) throw new AssertionError("unconditional delete refused");
    }

    static String value(StorageEngine engine, int bucket, String key) {
        Entry e = engine.get(bucket, b(key));
        return e == null ? null : s(e.value());
    }

    /** Keys of a scan, decoded as ISO-8859-1 so every byte maps to one char. */
    static List<String> keys(Iterator<KeyEntry> it) {
        List<String> out = new ArrayList<>();
        while (it.hasNext()) out.add(s(it.next().key()));
        return out;
    }

    static List<String> scanKeys(StorageEngine engine, int bucket, String from, String to, boolean reverse) {
        return keys(engine.scan(bucket, from == null ? null : b(from), to == null ? null : b(to), reverse));
    }
}
