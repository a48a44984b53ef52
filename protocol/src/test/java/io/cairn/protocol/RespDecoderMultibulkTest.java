package io.cairn.protocol;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.cairn.protocol.DecoderHarness.bytes;
import static io.cairn.protocol.DecoderHarness.commands;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RespDecoderMultibulkTest {

    @Test
    void decodesAMultibulkCommandIntoArgvWithTheNameFirst() {
        List<Object> out = new DecoderHarness().feed("*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n").messages();
        assertEquals(commands(List.of("SET", "key", "value")), out);
    }

    @Test
    void emitsCommandsAsByteArrayArrays() {
        DecoderHarness harness = new DecoderHarness().feed("*1\r\n$4\r\nPING\r\n");
        byte[][] argv = harness.channel.readInbound();
        assertArrayEquals(new byte[][] {bytes("PING")}, argv);
    }

    @Test
    void decodesAnEmptyBulkArgument() {
        assertEquals(commands(List.of("SET", "k", "")),
                new DecoderHarness().feed("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$0\r\n\r\n").messages());
    }

    @Test
    void bulksAreBinarySafe() {
        String value = "a\r\nb\0c\r\n";
        List<Object> out = new DecoderHarness().feed("*2\r\n$4\r\nECHO\r\n$" + value.length() + "\r\n" + value + "\r\n").messages();
        assertEquals(commands(List.of("ECHO", value)), out);
    }

    @Test
    void bulksKeepAllByteValues() {
        byte[] value = new byte[256];
        for (int i = 0; i < value.length; i++) value[i] = (byte) i;
        DecoderHarness harness = new DecoderHarness().feed("*1\r\n$256\r\n").feed(value).feed("\r\n");
        byte[][] argv = harness.channel.readInbound();
        assertArrayEquals(value, argv[0]);
    }

    @Test
    void pipelinedCommandsInOneBufferAreAllDecodedInOrder() {
        String one = "*1\r\n$4\r\nPING\r\n";
        String two = "*2\r\n$3\r\nGET\r\n$1\r\na\r\n";
        String three = "*3\r\n$3\r\nSET\r\n$1\r\nb\r\n$1\r\n2\r\n";
        assertEquals(commands(List.of("PING"), List.of("GET", "a"), List.of("SET", "b", "2")),
                new DecoderHarness().feed(one + two + three).messages());
    }

    @Test
    void inlineAndMultibulkCommandsCanBePipelinedTogether() {
        assertEquals(commands(List.of("PING"), List.of("GET", "a"), List.of("ECHO", "x")),
                new DecoderHarness().feed("PING\r\n*2\r\n$3\r\nGET\r\n$1\r\na\r\nECHO x\n").messages());
    }

    @Test
    void zeroLengthMultibulkIsIgnored() {
        assertEquals(commands(List.of("PING")), new DecoderHarness().feed("*0\r\n*1\r\n$4\r\nPING\r\n").messages());
    }

    @Test
    void nullMultibulkIsIgnored() {
        assertEquals(commands(List.of("PING")), new DecoderHarness().feed("*-1\r\n*1\r\n$4\r\nPING\r\n").messages());
    }

    @Test
    void anyNegativeMultibulkLengthIsIgnoredLikeRedis() {
        assertEquals(commands(List.of("PING")), new DecoderHarness().feed("*-10\r\n*1\r\n$4\r\nPING\r\n").messages());
    }

    @Test
    void incompleteCommandProducesNothingUntilTheRestArrives() {
        DecoderHarness harness = new DecoderHarness().feed("*2\r\n$3\r\nGET\r\n$3\r\nke");
        assertEquals(List.of(), harness.messages());
        assertEquals(commands(List.of("GET", "key")), harness.feed("y\r\n").messages());
    }

    @Test
    void bulkIsNotDeliveredUntilItsTrailingCrlfHasArrived() {
        DecoderHarness harness = new DecoderHarness().feed("*1\r\n$3\r\nabc\r");
        assertEquals(List.of(), harness.messages());
        assertEquals(commands(List.of("abc")), harness.feed("\n").messages());
    }

    @Test
    void headerLineIsCompleteOnceTheByteAfterCrArrives() {
        DecoderHarness harness = new DecoderHarness().feed("*1\r");
        assertEquals(List.of(), harness.messages());
        assertEquals(commands(List.of("PING")), harness.feed("\n$4\r\nPING\r\n").messages());
    }

    @Test
    void multibulkCountAtTheLimitIsAccepted() {
        RespLimits limits = new RespLimits(RespLimits.DEFAULT_MAX_BULK_LENGTH, 2, RespLimits.DEFAULT_MAX_INLINE_LENGTH);
        assertEquals(commands(List.of("a", "b")),
                new DecoderHarness(limits).feed("*2\r\n$1\r\na\r\n$1\r\nb\r\n").messages());
    }

    @Test
    void bulkLengthAtTheLimitIsAccepted() {
        RespLimits limits = new RespLimits(3, RespLimits.DEFAULT_MAX_MULTIBULK_LENGTH, RespLimits.DEFAULT_MAX_INLINE_LENGTH);
        assertEquals(commands(List.of("abc")), new DecoderHarness(limits).feed("*1\r\n$3\r\nabc\r\n").messages());
    }

    @Test
    void largeMultibulkCountDecodesAllArguments() {
        StringBuilder request = new StringBuilder("*1000\r\n");
        for (int i = 0; i < 1000; i++) request.append("$").append(String.valueOf(i).length()).append("\r\n").append(i).append("\r\n");
        List<Object> out = new DecoderHarness().feed(request.toString()).messages();
        @SuppressWarnings("unchecked") List<String> argv = (List<String>) out.get(0);
        assertEquals(1000, argv.size());
        assertEquals("999", argv.get(999));
    }
}
