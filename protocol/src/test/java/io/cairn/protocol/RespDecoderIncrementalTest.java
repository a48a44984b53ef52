package io.cairn.protocol;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.cairn.protocol.DecoderHarness.bytes;
import static io.cairn.protocol.DecoderHarness.decodeInChunks;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RespDecoderIncrementalTest {

    /** Multibulk, binary bulk, empty bulk, ignored "*0", inline with quotes, bare-LF inline. */
    private static final byte[] PIPELINE = bytes(
            "*3\r\n$3\r\nSET\r\n$4\r\nk\r\n\0\r\n$0\r\n\r\n"
            + "*0\r\n"
            + "SET \"a b\" 'c'\r\n"
            + "*1\r\n$4\r\nPING\r\n"
            + "GET x\n");

    private static List<Object> expected() {
        return decodeInChunks(PIPELINE);
    }

    @Test
    void referencePipelineDecodesToTheExpectedCommands() {
        assertEquals(DecoderHarness.commands(List.of("SET", "k\r\n\0", ""), List.of("SET", "a b", "c"),
                List.of("PING"), List.of("GET", "x")), expected());
    }

    @Test
    void splittingAtEveryByteBoundaryDecodesIdentically() {
        for (int cut = 1; cut < PIPELINE.length; cut++) {
            assertEquals(expected(), decodeInChunks(PIPELINE, cut), "split at " + cut);
        }
    }

    @Test
    void splittingAtEveryPairOfBoundariesDecodesIdentically() {
        for (int first = 1; first < PIPELINE.length; first++) {
            for (int second = first; second < PIPELINE.length; second++) {
                assertEquals(expected(), decodeInChunks(PIPELINE, first, second), "split at " + first + "," + second);
            }
        }
    }

    @Test
    void feedingOneByteAtATimeDecodesIdentically() {
        int[] cuts = new int[PIPELINE.length - 1];
        for (int i = 0; i < cuts.length; i++) cuts[i] = i + 1;
        assertEquals(expected(), decodeInChunks(PIPELINE, cuts));
    }

    @Test
    void largeBulkFedInSmallChunksIsReassembledExactly() {
        byte[] value = pattern(200_000);
        DecoderHarness harness = new DecoderHarness().feed("*2\r\n$3\r\nSET\r\n$" + value.length + "\r\n");
        for (int from = 0; from < value.length; from += 1000) {
            harness.feed(Arrays.copyOfRange(value, from, Math.min(value.length, from + 1000)));
        }
        assertNull(harness.channel.readInbound());
        harness.feed("\r\n");
        byte[][] argv = harness.channel.readInbound();
        assertArrayEquals(value, argv[1]);
    }

    @Test
    void largeBulkWhoseCrlfArrivesSeparatelyByteByByteIsDelivered() {
        byte[] value = pattern(RespDecoder.BIG_BULK + 1);
        DecoderHarness harness = new DecoderHarness().feed("*1\r\n$" + value.length + "\r\n").feed(value).feed("\r");
        assertNull(harness.channel.readInbound());
        byte[][] argv = harness.feed("\n").channel.readInbound();
        assertArrayEquals(value, argv[0]);
    }

    @Test
    void splittingAroundTheEndOfALargeBulkDecodesIdentically() {
        byte[] value = pattern(RespDecoder.BIG_BULK + 100);
        byte[] head = bytes("*2\r\n$3\r\nSET\r\n$" + value.length + "\r\n");
        byte[] tail = bytes("\r\n*1\r\n$4\r\nPING\r\n");
        byte[] data = new byte[head.length + value.length + tail.length];
        System.arraycopy(head, 0, data, 0, head.length);
        System.arraycopy(value, 0, data, head.length, value.length);
        System.arraycopy(tail, 0, data, head.length + value.length, tail.length);
        List<Object> whole = decodeInChunks(data);
        assertEquals(2, whole.size());
        int valueEnd = head.length + value.length;
        for (int second = valueEnd - 4; second < data.length; second++) {
            assertEquals(whole, decodeInChunks(data, head.length + 10, second), "split at " + second);
        }
    }

    @Test
    void largeBulkArrivingInOneBufferIsDecoded() {
        byte[] value = pattern(100_000);
        DecoderHarness harness = new DecoderHarness().feed("*1\r\n$" + value.length + "\r\n").feed(value).feed("\r\n");
        byte[][] argv = harness.channel.readInbound();
        assertArrayEquals(value, argv[0]);
    }

    @Test
    void hugeClaimedBulkWithinTheLimitIsNotAllocatedUpFront() {
        RespLimits limits = new RespLimits(1L << 30, RespLimits.DEFAULT_MAX_MULTIBULK_LENGTH, RespLimits.DEFAULT_MAX_INLINE_LENGTH);
        DecoderHarness harness = new DecoderHarness(limits).feed("*2\r\n$3\r\nSET\r\n$600000000\r\n").feed(pattern(50_000));
        assertNull(harness.channel.readInbound());
        assertTrue(harness.decoder.pendingBulkCapacity() <= 100_000,
                "reserved " + harness.decoder.pendingBulkCapacity() + " bytes for 50000 received");
    }

    @Test
    void bulkLimitChangedAtRuntimeAppliesToTheNextRequest() {
        RespLimits limits = new RespLimits();
        DecoderHarness harness = new DecoderHarness(limits).feed("*1\r\n$5\r\nhello\r\n");
        assertEquals(DecoderHarness.commands(List.of("hello")), harness.messages());
        limits.setMaxBulkLength(4);
        assertEquals(List.of(new ProtocolError("Protocol error: invalid bulk length")),
                harness.feed("*1\r\n$5\r\nhello\r\n").messages());
    }

    @Test
    void longInlineLineTrickledByteByByteIsDecoded() {
        String arg = "x".repeat(60_000);
        byte[] line = bytes("ECHO " + arg + "\r\n");
        DecoderHarness harness = new DecoderHarness();
        for (byte b : line) harness.feed(new byte[] {b});
        assertEquals(DecoderHarness.commands(List.of("ECHO", arg)), harness.messages());
    }

    private static byte[] pattern(int length) {
        byte[] value = new byte[length];
        for (int i = 0; i < length; i++) value[i] = (byte) (i * 31 + (i >>> 8));
        return value;
    }
}
