package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cairn.storage.ValueType;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.protocol.ProtocolVersion;

/**
 * SCAN keeps Redis's contract (numeric cursor, 0 ends it, every key present throughout the
 * scan comes back) and adds Cairn's: keys in byte order, and a MATCH prefix visits only its range.
 */
class ScanTest {

    private static final Pattern PAGE = Pattern.compile("^\\*2\\r\\n\\$\\d+\\r\\n(\\d+)\\r\\n\\*(\\d+)\\r\\n");

    static TestServer server;
    static KeySeed seed;
    static StatefulRedisConnection<String, String> connection;
    static RedisCommands<String, String> redis;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        seed = new KeySeed(server);
        connect();
    }

    private static void connect() {
        connection = server.connect(ProtocolVersion.RESP2);
        redis = connection.sync();
    }

    @AfterAll
    static void stop() {
        connection.close();
        server.close();
    }

    @BeforeEach
    void emptyDatabases() {
        seed.clearAll();
    }

    /** Every key of a whole scan, page by page, in the order the server gave them. */
    private static List<String> scanAll(ScanArgs args) {
        List<String> keys = new ArrayList<>();
        KeyScanCursor<String> page = redis.scan(ScanCursor.INITIAL, args);
        keys.addAll(page.getKeys());
        while (!page.isFinished()) {
            page = redis.scan(page, args);
            keys.addAll(page.getKeys());
        }
        return keys;
    }

    private static String cursorOf(String page) {
        Matcher m = PAGE.matcher(page);
        assertTrue(m.find(), page);
        return m.group(1);
    }

    // ---- order and completeness ----

    @Test
    void scanReturnsEveryKeyOnceInByteOrder() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) expected.add("key:" + Integer.toString(i * 7919 % 1000, 36));
        expected.add("é");
        expected.add("Z");
        for (String k : expected) seed.string(k, "v");
        Collections.sort(expected);
        assertEquals(expected, scanAll(ScanArgs.Builder.limit(7)));
    }

    @Test
    void scanOrdersBinaryKeysAsUnsignedBytes() {
        byte[][] keys = {{1}, {0x7F}, {(byte) 0x80}, {(byte) 0xFF}, {(byte) 0xFF, 0}};
        for (int i = keys.length - 1; i >= 0; i--) seed.put(0, keys[i], ValueType.STRING, new byte[] {1}, 0, null);
        RedisClient client = RedisClient.create(server.uri());
        client.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP2).build());
        try (StatefulRedisConnection<byte[], byte[]> c = client.connect(ByteArrayCodec.INSTANCE)) {
            List<byte[]> got = c.sync().scan(ScanArgs.Builder.limit(100)).getKeys();
            assertEquals(keys.length, got.size());
            for (int i = 0; i < keys.length; i++) assertArrayEquals(keys[i], got.get(i));
        } finally {
            client.shutdown();
        }
    }

    @Test
    void scanOfAnEmptyDatabaseEndsAtOnce() {
        try (RawClient c = server.raw()) {
            assertEquals("*2\r\n$1\r\n0\r\n*0\r\n", c.call("SCAN", "0"));
        }
    }

    @Test
    void theCursorIsZeroOnlyWhenNoKeyRemains() {
        for (int i = 0; i < 11; i++) seed.string(String.format("k%02d", i), "v");
        try (RawClient c = server.raw()) {
            String first = c.call("SCAN", "0", "COUNT", "10");
            assertNotEquals("0", cursorOf(first));
            String second = c.call("SCAN", cursorOf(first), "COUNT", "10");
            assertEquals("*2\r\n$1\r\n0\r\n*1\r\n$3\r\nk10\r\n", second);
        }
    }

    @Test
    void aPageThatReachesTheLastKeyEndsTheScan() {
        for (int i = 0; i < 10; i++) seed.string("k" + i, "v");
        try (RawClient c = server.raw()) {
            assertEquals("0", cursorOf(c.call("SCAN", "0", "COUNT", "10")));
        }
    }

    @Test
    void theDefaultCountIsTen() {
        for (int i = 0; i < 25; i++) seed.string(String.format("k%02d", i), "v");
        KeyScanCursor<String> page = redis.scan();
        assertEquals(10, page.getKeys().size());
        assertFalse(page.isFinished());
    }

    @Test
    void expiredKeysAreLeftOut() {
        seed.string("a", "v");
        seed.expiring("b", "v", -1);
        seed.string("c", "v");
        assertEquals(List.of("a", "c"), scanAll(ScanArgs.Builder.limit(1)));
    }

    @Test
    void lettucesScanIteratorWalksTheWholeKeyspace() {
        for (int i = 0; i < 57; i++) seed.string(String.format("it:%03d", i), "v");
        List<String> seen = new ArrayList<>();
        ScanIterator.scan(redis, ScanArgs.Builder.limit(5)).forEachRemaining(seen::add);
        assertEquals(57, seen.size());
        assertEquals("it:000", seen.get(0));
        assertEquals("it:056", seen.get(56));
    }

    // ---- the cursor ----

    @Test
    void theCursorIsADecimalIntegerThatRoundTrips() {
        for (int i = 0; i < 6; i++) seed.string("k" + i, "v");
        try (RawClient c = server.raw()) {
            String cursor = cursorOf(c.call("SCAN", "0", "COUNT", "2"));
            long n = Long.parseLong(cursor);
            assertTrue(n > 0 && n < (1L << 53), "fits a JavaScript number: " + n);
            assertEquals(Long.toString(n), cursor);
            // As a client that did int(cursor) and sent it back would.
            assertEquals("*2\r\n$", c.call("SCAN", Long.toString(n), "COUNT", "2").substring(0, 5));
        }
    }

    @Test
    void aPageResumesRightAfterTheLastKeyReturned() {
        for (String k : List.of("a", "b", "c", "d", "e")) seed.string(k, "v");
        KeyScanCursor<String> first = redis.scan(ScanArgs.Builder.limit(2));
        assertEquals(List.of("a", "b"), first.getKeys());
        seed.string("b0", "v");
        KeyScanCursor<String> second = redis.scan(first, ScanArgs.Builder.limit(2));
        assertEquals(List.of("b0", "c"), second.getKeys());
    }

    @Test
    void aCursorCanBeUsedAgainToRetryAPage() {
        for (int i = 0; i < 9; i++) seed.string("k" + i, "v");
        try (RawClient c = server.raw()) {
            String cursor = cursorOf(c.call("SCAN", "0", "COUNT", "3"));
            String page = c.call("SCAN", cursor, "COUNT", "3");
            String retry = c.call("SCAN", cursor, "COUNT", "3");
            assertEquals(page.substring(page.indexOf("\r\n*")), retry.substring(retry.indexOf("\r\n*")));
        }
    }

    @Test
    void aCursorContinuesOnAnotherConnection() {
        for (String k : List.of("a", "b", "c", "d")) seed.string(k, "v");
        // Pooled clients may send each page on a different connection: the cursor is the server's, not the connection's.
        String cursor;
        try (RawClient first = server.raw()) {
            cursor = cursorOf(first.call("SCAN", "0", "COUNT", "2"));
        }
        try (RawClient second = server.raw()) {
            assertEquals("*2\r\n$1\r\n0\r\n*2\r\n$1\r\nc\r\n$1\r\nd\r\n", second.call("SCAN", cursor, "COUNT", "2"));
        }
    }

    @Test
    void scanListsTheSelectedDatabaseOnly() {
        assumeTrue(seed.serves("select"), "needs SELECT from the connection commands");
        seed.string(0, "zero", "v");
        seed.string(5, "five", "v");
        try (RawClient c = server.raw()) {
            assertEquals("+OK\r\n", c.call("SELECT", "5"));
            assertEquals("*2\r\n$1\r\n0\r\n*1\r\n$4\r\nfive\r\n", c.call("SCAN", "0"));
        }
    }

    @Test
    void anUnknownCursorIsInvalid() {
        seed.string("a", "v");
        try (RawClient c = server.raw()) {
            assertEquals("-ERR invalid cursor\r\n", c.call("SCAN", "12345"));
            assertEquals("-ERR invalid cursor\r\n", c.call("SCAN", "abc"));
            assertEquals("-ERR invalid cursor\r\n", c.call("SCAN", "-1"));
            assertEquals("-ERR invalid cursor\r\n", c.call("SCAN", "18446744073709551616"));
        }
    }

    @Test
    void aCursorFromBeforeARestartIsInvalid() {
        for (int i = 0; i < 5; i++) seed.string("k" + i, "v");
        String cursor;
        try (RawClient c = server.raw()) {
            cursor = cursorOf(c.call("SCAN", "0", "COUNT", "2"));
        }
        connection.close();
        server.restart();
        connect();
        try (RawClient c = server.raw()) {
            assertEquals("-ERR invalid cursor\r\n", c.call("SCAN", cursor));
            assertEquals("0", cursorOf(c.call("SCAN", "0", "COUNT", "100")));
        }
    }

    // ---- options ----

    @Test
    void countMustBeAPositiveInteger() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR syntax error\r\n", c.call("SCAN", "0", "COUNT", "0"));
            assertEquals("-ERR syntax error\r\n", c.call("SCAN", "0", "COUNT", "-1"));
            assertEquals("-ERR value is not an integer or out of range\r\n", c.call("SCAN", "0", "COUNT", "x"));
        }
    }

    @Test
    void anUnknownOrIncompleteOptionIsASyntaxError() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR syntax error\r\n", c.call("SCAN", "0", "FOO", "1"));
            assertEquals("-ERR syntax error\r\n", c.call("SCAN", "0", "MATCH"));
            assertEquals("-ERR syntax error\r\n", c.call("SCAN", "0", "TYPE"));
        }
    }

    @Test
    void scanWithoutACursorIsAnArityError() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR wrong number of arguments for 'scan' command\r\n", c.call("SCAN"));
        }
    }

    @Test
    void matchWithAPrefixVisitsOnlyThatRange() {
        for (int i = 0; i < 3000; i++) seed.string(String.format("a:%04d", i), "v");
        for (int i = 0; i < 3000; i++) seed.string(String.format("z:%04d", i), "v");
        for (String k : List.of("user:42", "user:41:x", "user:420:x", "user:43:x")) seed.string(k, "v");
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 10; i++) mine.add("user:42:" + i);
        for (String k : mine) seed.string(k, "v");
        // COUNT bounds the keys examined; a walk of the whole keyspace would need 600 pages.
        KeyScanCursor<String> page = redis.scan(ScanArgs.Builder.matches("user:42:*").limit(10));
        assertEquals(mine, page.getKeys());
        assertTrue(page.isFinished());
    }

    @Test
    void matchAppliesTheWholeGlob() {
        for (String k : List.of("a:b", "a:c", "x:b", "b", "yy:b")) seed.string(k, "v");
        assertEquals(List.of("a:b", "x:b", "yy:b"), scanAll(ScanArgs.Builder.matches("*:b").limit(2)));
    }

    @Test
    void matchStarIsEveryKey() {
        for (String k : List.of("a", "b")) seed.string(k, "v");
        assertEquals(List.of("a", "b"), scanAll(ScanArgs.Builder.matches("*")));
    }

    @Test
    void typeKeepsOnlyKeysOfThatType() {
        seed.string("s1", "v");
        seed.json("j1", "{}");
        seed.string("s2", "v");
        assertEquals(List.of("s1", "s2"), scanAll(KeyScanArgs.Builder.type("string")));
        assertEquals(List.of("j1"), scanAll(KeyScanArgs.Builder.type("ReJSON-RL")));
    }

    @Test
    void typeIsMatchedIgnoringCase() {
        seed.string("s1", "v");
        try (RawClient c = server.raw()) {
            assertEquals("*2\r\n$1\r\n0\r\n*1\r\n$2\r\ns1\r\n", c.call("SCAN", "0", "TYPE", "STRING"));
        }
    }

    @Test
    void anUnknownTypeMatchesNothing() {
        seed.string("s1", "v");
        try (RawClient c = server.raw()) {
            assertEquals("*2\r\n$1\r\n0\r\n*0\r\n", c.call("SCAN", "0", "TYPE", "nosuchtype"));
        }
    }

    // ---- concurrent writers ----

    @Test
    void noKeyIsMissedOrRepeatedWhileAnotherConnectionWrites() throws Exception {
        List<String> stable = new ArrayList<>();
        for (int i = 0; i < 2000; i++) stable.add(String.format("s:%04d", i));
        for (String k : stable) seed.string(k, "v");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong writes = new AtomicLong();
        Thread writer = new Thread(() -> {
            try (StatefulRedisConnection<String, String> w = server.connect(ProtocolVersion.RESP2)) {
                RedisCommands<String, String> other = w.sync();
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                for (int i = 0; !stop.get(); i++) {
                    String near = stable.get(rnd.nextInt(stable.size()));
                    // New keys land between the stable ones, then move and vanish again.
                    other.copy(near, near + ":tmp" + i);
                    other.rename(near + ":tmp" + i, near + ":moved" + i);
                    if (i >= 3) other.del(stable.get(rnd.nextInt(stable.size())) + ":moved" + (i - 3));
                    // Rewrites of a stable key give it a new generation but keep it present.
                    other.pexpire(near, 1_000_000);
                    other.persist(near);
                    writes.addAndGet(5);
                }
            }
        });
        writer.start();
        Map<String, Integer> seen = new HashMap<>();
        try {
            KeyScanCursor<String> page = redis.scan(ScanArgs.Builder.limit(7));
            while (true) {
                for (String k : page.getKeys()) seen.merge(k, 1, Integer::sum);
                if (page.isFinished()) break;
                page = redis.scan(page, ScanArgs.Builder.limit(7));
            }
        } finally {
            stop.set(true);
            writer.join();
        }
        assertTrue(writes.get() > 0, "the writer ran during the scan");
        for (String k : stable) assertEquals(1, seen.getOrDefault(k, 0), k);
    }

    // ---- RESP3 ----

    @Test
    void resp3ScanRepliesTheSamePages() {
        assumeTrue(seed.speaksResp3(), "RESP3 needs HELLO from the connection commands");
        for (String k : List.of("a", "b", "c")) seed.string(k, "v");
        try (StatefulRedisConnection<String, String> c3 = server.connect(ProtocolVersion.RESP3)) {
            KeyScanCursor<String> page = c3.sync().scan(ScanArgs.Builder.limit(2));
            assertEquals(List.of("a", "b"), page.getKeys());
            page = c3.sync().scan(page, ScanArgs.Builder.limit(2));
            assertEquals(List.of("c"), page.getKeys());
            assertTrue(page.isFinished());
        }
    }
}
