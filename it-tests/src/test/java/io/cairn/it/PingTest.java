package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PingTest {

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
    void pingAnswersPongOverRawSocket() {
        try (RawClient c = server.raw()) {
            assertEquals("+PONG\r\n", c.call("PING"));
        }
    }

    @Test
    void commandNamesMatchInAnyLetterCase() {
        try (RawClient c = server.raw()) {
            assertEquals("+OK\r\n", c.call("sEt", "case:k", "v"));
            assertEquals("$1\r\nv\r\n", c.call("GeT", "case:k"));
            assertEquals("+PONG\r\n", c.call("ping"));
        }
    }

    @Test
    void aNameThatOnlyLowerCasesToACommandOutsideAsciiIsUnknown() {
        // Redis compares command names ASCII-case-insensitively; the Kelvin sign lower-cases to 'k' in Java.
        try (RawClient c = server.raw()) {
            assertEquals("-ERR unknown command '\u212AEYS', with args beginning with: '*' \r\n", c.call("\u212AEYS", "*"));
        }
    }

    @Test
    void unknownCommandNamesItAndItsFirstArguments() {
        try (RawClient c = server.raw()) {
            assertEquals("-ERR unknown command 'FOO', with args beginning with: 'a' 'b' \r\n", c.call("FOO", "a", "b"));
        }
    }
}
