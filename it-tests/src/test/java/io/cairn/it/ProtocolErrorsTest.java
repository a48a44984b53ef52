package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Malformed input over a real socket: Redis's "-ERR Protocol error: ..." reply, then the
 * connection is closed; the server and everybody else's data carry on.
 */
class ProtocolErrorsTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void seed() {
        try (RawClient c = server.raw()) {
            assertEquals("+OK\r\n", c.call("SET", "survivor", "still here"));
        }
    }

    private static void assertRejectedAndClosed(String input, String error) {
        try (RawClient c = server.raw()) {
            c.sendRaw(input);
            assertEquals("-ERR Protocol error: " + error + "\r\n", c.readReply());
            assertTrue(c.isClosedByServer(), "the connection must be closed after a protocol error");
        }
        try (RawClient c = server.raw()) {
            assertEquals("$10\r\nstill here\r\n", c.call("GET", "survivor"));
        }
    }

    @Test
    void aBulkLengthOverProtoMaxBulkLenIsRefusedWithoutAllocatingIt() {
        assertRejectedAndClosed("*2\r\n$3\r\nGET\r\n$600000000\r\n", "invalid bulk length");
    }

    @Test
    void aMultibulkCountThatIsNotANumberIsRefused() {
        assertRejectedAndClosed("*x\r\n", "invalid multibulk length");
    }

    @Test
    void aMultibulkCountOverTheArgumentLimitIsRefused() {
        assertRejectedAndClosed("*2000000\r\n", "invalid multibulk length");
    }

    @Test
    void anArgumentThatIsNotABulkIsRefused() {
        assertRejectedAndClosed("*1\r\n+PING\r\n", "expected '$', got '+'");
    }

    @Test
    void anInlineCommandWithUnbalancedQuotesIsRefused() {
        assertRejectedAndClosed("SET \"unbalanced v\r\n", "unbalanced quotes in request");
    }

    @Test
    void anInlineLineOverSixtyFourKibibytesIsRefused() {
        assertRejectedAndClosed("GET " + "x".repeat(70 * 1024), "too big inline request");
    }

    @Test
    void inlineCommandsWorkAsTelnetSendsThem() {
        try (RawClient c = server.raw()) {
            c.sendRaw("PING\r\nGET survivor\r\nSET \"two words\" 'it\\'s'\r\nGET \"two words\"\r\n");
            assertEquals("+PONG\r\n", c.readReply());
            assertEquals("$10\r\nstill here\r\n", c.readReply());
            assertEquals("+OK\r\n", c.readReply());
            assertEquals("$4\r\nit's\r\n", c.readReply());
        }
    }

    @Test
    void aPipelinedBatchGetsEveryReplyInOrder() {
        try (RawClient c = server.raw()) {
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 100; i++) batch.append("*2\r\n$4\r\nINCR\r\n$9\r\npipelined\r\n");
            c.sendRaw(batch.toString());
            for (int i = 1; i <= 100; i++) assertEquals(":" + i + "\r\n", c.readReply());
        }
    }
}
