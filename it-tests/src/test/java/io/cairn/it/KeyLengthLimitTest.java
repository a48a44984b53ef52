package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DESIGN.md section 1: keys longer than key-max-bytes (default 8 KiB) are refused, changing nothing. */
class KeyLengthLimitTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aKeyOfExactlyTheLimitIsAccepted() {
        try (RawClient c = server.raw()) {
            String key = "k".repeat(8192);
            assertEquals("+OK\r\n", c.call("SET", key, "v"));
            assertEquals("$1\r\nv\r\n", c.call("GET", key));
        }
    }

    @Test
    void aKeyOverTheLimitIsRefusedWithAClearError() {
        try (RawClient c = server.raw()) {
            String key = "k".repeat(8193);
            assertEquals("-ERR key too long: 8193 bytes, the limit is 8192 (key-max-bytes)\r\n", c.call("SET", key, "v"));
            assertEquals("-ERR key too long: 8193 bytes, the limit is 8192 (key-max-bytes)\r\n", c.call("GET", key));
        }
    }

    @Test
    void aMultiKeyWriteWithOneLongKeyWritesNothing() {
        try (RawClient c = server.raw()) {
            String longKey = "m".repeat(9000);
            assertEquals("-ERR key too long: 9000 bytes, the limit is 8192 (key-max-bytes)\r\n",
                    c.call("MSET", "limit:a", "1", longKey, "2"));
            assertEquals("$-1\r\n", c.call("GET", "limit:a"));
        }
    }

    @Test
    void theLimitFollowsConfigSet() {
        try (RawClient c = server.raw()) {
            assertEquals("+OK\r\n", c.call("CONFIG", "SET", "key-max-bytes", "16"));
            try {
                assertEquals("+OK\r\n", c.call("SET", "sixteen-bytes-ok", "v"));
                assertEquals("-ERR key too long: 17 bytes, the limit is 16 (key-max-bytes)\r\n",
                        c.call("SET", "seventeen-bytes-x", "v"));
            } finally {
                assertEquals("+OK\r\n", c.call("CONFIG", "SET", "key-max-bytes", "8kb"));
            }
            assertEquals("+OK\r\n", c.call("SET", "seventeen-bytes-x", "v"));
        }
    }

    @Test
    void aLongKeyInsideMultiAbortsTheTransaction() {
        try (RawClient c = server.raw()) {
            assertEquals("+OK\r\n", c.call("MULTI"));
            assertEquals("+QUEUED\r\n", c.call("SET", "limit:tx", "1"));
            assertEquals("-ERR key too long: 8200 bytes, the limit is 8192 (key-max-bytes)\r\n",
                    c.call("SET", "t".repeat(8200), "v"));
            assertEquals("-EXECABORT Transaction discarded because of previous errors.\r\n", c.call("EXEC"));
            assertEquals("$-1\r\n", c.call("GET", "limit:tx"));
        }
    }
}
