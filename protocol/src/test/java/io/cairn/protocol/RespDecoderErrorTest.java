package io.cairn.protocol;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RespDecoderErrorTest {

    private static List<Object> decode(String input) {
        return new DecoderHarness().feed(input).messages();
    }

    private static List<Object> error(String message) {
        return List.of(new ProtocolError(message));
    }

    private static final RespLimits SMALL = new RespLimits(100, 10, RespLimits.DEFAULT_MAX_INLINE_LENGTH);

    @Test
    void nonNumericMultibulkCountIsInvalid() {
        assertEquals(error("Protocol error: invalid multibulk length"), decode("*x\r\n"));
    }

    @Test
    void emptyMultibulkCountIsInvalid() {
        assertEquals(error("Protocol error: invalid multibulk length"), decode("*\r\n"));
    }

    @Test
    void multibulkCountWithLeadingZeroIsInvalid() {
        assertEquals(error("Protocol error: invalid multibulk length"), decode("*01\r\n"));
    }

    @Test
    void multibulkCountWithPlusSignIsInvalid() {
        assertEquals(error("Protocol error: invalid multibulk length"), decode("*+1\r\n"));
    }

    @Test
    void multibulkCountOverflowingALongIsInvalid() {
        assertEquals(error("Protocol error: invalid multibulk length"), decode("*99999999999999999999\r\n"));
    }

    @Test
    void multibulkCountOverTheLimitIsInvalid() {
        assertEquals(error("Protocol error: invalid multibulk length"), new DecoderHarness(SMALL).feed("*11\r\n").messages());
    }

    @Test
    void defaultMultibulkLimitRejectsMoreThanAMebiArguments() {
        assertEquals(error("Protocol error: invalid multibulk length"), decode("*1048577\r\n"));
    }

    @Test
    void headerOtherThanDollarIsReportedWithTheOffendingByte() {
        assertEquals(error("Protocol error: expected '$', got 'f'"), decode("*3\r\n$3\r\nSET\r\n$1\r\nx\r\nfooz\r\n"));
    }

    @Test
    void negativeBulkLengthIsInvalid() {
        assertEquals(error("Protocol error: invalid bulk length"), decode("*3\r\n$3\r\nSET\r\n$1\r\nx\r\n$-10\r\n"));
    }

    @Test
    void nullBulkInARequestIsInvalid() {
        assertEquals(error("Protocol error: invalid bulk length"), decode("*1\r\n$-1\r\n"));
    }

    @Test
    void nonNumericBulkLengthIsInvalid() {
        assertEquals(error("Protocol error: invalid bulk length"), decode("*3\r\n$3\r\nSET\r\n$1\r\nx\r\n$blabla\r\n"));
    }

    @Test
    void bulkLengthOverTheLimitIsInvalid() {
        assertEquals(error("Protocol error: invalid bulk length"), new DecoderHarness(SMALL).feed("*1\r\n$101\r\n").messages());
    }

    @Test
    void hugeClaimedBulkLengthOverTheDefaultLimitIsRejectedBeforeAnyPayload() {
        DecoderHarness harness = new DecoderHarness().feed("*2\r\n$3\r\nSET\r\n$600000000\r\n");
        assertEquals(error("Protocol error: invalid bulk length"), harness.messages());
        assertEquals(0, harness.decoder.pendingBulkCapacity());
    }

    @Test
    void mbulkCountLineLongerThanTheInlineLimitIsTooBig() {
        assertEquals(error("Protocol error: too big mbulk count string"), decode("*" + "1".repeat(64 * 1024)));
    }

    @Test
    void mbulkCountLineAtTheInlineLimitStillWaits() {
        assertEquals(List.of(), decode("*" + "1".repeat(64 * 1024 - 1)));
    }

    @Test
    void bulkCountLineLongerThanTheInlineLimitIsTooBig() {
        assertEquals(error("Protocol error: too big bulk count string"), decode("*1\r\n$" + "1".repeat(64 * 1024)));
    }

    @Test
    void inlineRequestLongerThanTheLimitWithoutNewlineIsTooBig() {
        assertEquals(error("Protocol error: too big inline request"), decode("SET k " + "v".repeat(64 * 1024)));
    }

    @Test
    void inlineRequestOfExactlyTheLimitWithoutNewlineStillWaits() {
        assertEquals(List.of(), decode("x".repeat(64 * 1024)));
    }

    @Test
    void inlineTooBigIsDetectedWhenTheLineArrivesInPieces() {
        DecoderHarness harness = new DecoderHarness();
        for (int i = 0; i < 64; i++) harness.feed("x".repeat(1024));
        assertEquals(List.of(), harness.messages());
        assertEquals(error("Protocol error: too big inline request"), harness.feed("x").messages());
    }

    @Test
    void commandsBeforeTheErrorAreStillDelivered() {
        List<Object> out = decode("*1\r\n$4\r\nPING\r\n*x\r\n");
        assertEquals(List.of(List.of("PING"), new ProtocolError("Protocol error: invalid multibulk length")), out);
    }

    @Test
    void inputAfterAnErrorInTheSameBufferIsDiscarded() {
        assertEquals(error("Protocol error: invalid multibulk length"), decode("*x\r\n*1\r\n$4\r\nPING\r\n"));
    }

    @Test
    void inputArrivingAfterAnErrorIsDiscarded() {
        DecoderHarness harness = new DecoderHarness().feed("*x\r\n");
        assertEquals(error("Protocol error: invalid multibulk length"), harness.messages());
        assertEquals(List.of(), harness.feed("*1\r\n$4\r\nPING\r\nPING\r\n").messages());
    }

    @Test
    void protocolErrorBecomesAnErrReply() {
        assertEquals(new Reply.Error("ERR Protocol error: invalid bulk length"),
                new ProtocolError("Protocol error: invalid bulk length").toReply());
    }
}
