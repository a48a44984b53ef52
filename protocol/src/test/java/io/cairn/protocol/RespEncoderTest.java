package io.cairn.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RespEncoderTest {

    private static String resp2(Reply reply) {
        return encode(reply, 2);
    }

    private static String resp3(Reply reply) {
        return encode(reply, 3);
    }

    private static String encode(Reply reply, int version) {
        ByteBuf out = Unpooled.buffer();
        try {
            RespEncoder.encode(reply, out, version);
            return out.toString(StandardCharsets.ISO_8859_1);
        } finally {
            out.release();
        }
    }

    private static String utf8AsLatin1(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    @Test
    void simpleStringIsTheSameInBothProtocols() {
        assertEquals("+OK\r\n", resp2(Reply.OK));
        assertEquals("+OK\r\n", resp3(Reply.OK));
    }

    @Test
    void simpleStringLineBreaksBecomeSpaces() {
        assertEquals("+a  b c\r\n", resp2(Reply.simple("a\r\nb\nc")));
    }

    @Test
    void simpleStringIsWrittenAsUtf8() {
        assertEquals(utf8AsLatin1("+caf\u00e9\r\n"), resp2(Reply.simple("caf\u00e9")));
    }

    @Test
    void errorIsTheSameInBothProtocols() {
        assertEquals("-ERR unknown command\r\n", resp2(Reply.err("unknown command")));
        assertEquals("-WRONGTYPE bad\r\n", resp3(Reply.error("WRONGTYPE bad")));
    }

    @Test
    void errorLineBreaksBecomeSpaces() {
        assertEquals("-ERR bad  input\r\n", resp2(Reply.err("bad\r\ninput")));
    }

    @Test
    void integerIsTheSameInBothProtocols() {
        assertEquals(":42\r\n", resp2(Reply.integer(42)));
        assertEquals(":42\r\n", resp3(Reply.integer(42)));
    }

    @Test
    void integersAroundTheCachedRangeAreExact() {
        assertEquals(":0\r\n", resp2(Reply.integer(0)));
        assertEquals(":1023\r\n", resp2(Reply.integer(1023)));
        assertEquals(":1024\r\n", resp2(Reply.integer(1024)));
        assertEquals(":-1\r\n", resp2(Reply.integer(-1)));
    }

    @Test
    void extremeIntegersAreExact() {
        assertEquals(":9223372036854775807\r\n", resp2(Reply.integer(Long.MAX_VALUE)));
        assertEquals(":-9223372036854775808\r\n", resp2(Reply.integer(Long.MIN_VALUE)));
        assertEquals(":1000000000000000000\r\n", resp2(Reply.integer(1_000_000_000_000_000_000L)));
        assertEquals(":999999999999999999\r\n", resp2(Reply.integer(999_999_999_999_999_999L)));
    }

    @Test
    void bulkIsTheSameInBothProtocols() {
        assertEquals("$5\r\nhello\r\n", resp2(Reply.bulk("hello")));
        assertEquals("$5\r\nhello\r\n", resp3(Reply.bulk("hello")));
    }

    @Test
    void emptyBulkHasZeroLength() {
        assertEquals("$0\r\n\r\n", resp2(Reply.bulk(new byte[0])));
    }

    @Test
    void bulkIsBinarySafe() {
        assertEquals("$5\r\na\r\n\0\u00ff\r\n", resp2(Reply.bulk(new byte[] {'a', '\r', '\n', 0, (byte) 0xFF})));
    }

    @Test
    void bulkLengthBeyondTheCachedRangeIsExact() {
        assertEquals("$1500\r\n" + "x".repeat(1500) + "\r\n", resp2(Reply.bulk("x".repeat(1500))));
    }

    @Test
    void nullIsANullBulkInResp2() {
        assertEquals("$-1\r\n", resp2(Reply.NULL));
    }

    @Test
    void nullArrayIsANullMultibulkInResp2() {
        assertEquals("*-1\r\n", resp2(Reply.NULL_ARRAY));
    }

    @Test
    void bothNullsAreUnderscoreInResp3() {
        assertEquals("_\r\n", resp3(Reply.NULL));
        assertEquals("_\r\n", resp3(Reply.NULL_ARRAY));
    }

    @Test
    void arrayIsTheSameInBothProtocols() {
        Reply array = Reply.array(Reply.bulk("a"), Reply.integer(1), Reply.NULL);
        assertEquals("*3\r\n$1\r\na\r\n:1\r\n$-1\r\n", resp2(array));
        assertEquals("*3\r\n$1\r\na\r\n:1\r\n_\r\n", resp3(array));
    }

    @Test
    void emptyArrayHasZeroCount() {
        assertEquals("*0\r\n", resp2(Reply.EMPTY_ARRAY));
    }

    @Test
    void nestedAggregatesAreDegradedAtEveryLevel() {
        Reply nested = Reply.array(Reply.map(List.of(Reply.bulk("k"), Reply.bool(true))));
        assertEquals("*1\r\n*2\r\n$1\r\nk\r\n:1\r\n", resp2(nested));
        assertEquals("*1\r\n%1\r\n$1\r\nk\r\n#t\r\n", resp3(nested));
    }

    @Test
    void mapCountsPairsInResp3() {
        Reply map = Reply.map(List.of(Reply.bulk("a"), Reply.integer(1), Reply.bulk("b"), Reply.integer(2)));
        assertEquals("%2\r\n$1\r\na\r\n:1\r\n$1\r\nb\r\n:2\r\n", resp3(map));
    }

    @Test
    void mapIsAFlatArrayOfKeysAndValuesInResp2() {
        Reply map = Reply.map(List.of(Reply.bulk("a"), Reply.integer(1), Reply.bulk("b"), Reply.integer(2)));
        assertEquals("*4\r\n$1\r\na\r\n:1\r\n$1\r\nb\r\n:2\r\n", resp2(map));
    }

    @Test
    void mapWithAnOddNumberOfElementsIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> resp3(Reply.map(List.of(Reply.bulk("a")))));
    }

    @Test
    void setIsTildeInResp3() {
        assertEquals("~2\r\n$1\r\na\r\n$1\r\nb\r\n", resp3(Reply.set(List.of(Reply.bulk("a"), Reply.bulk("b")))));
    }

    @Test
    void setIsAnArrayInResp2() {
        assertEquals("*2\r\n$1\r\na\r\n$1\r\nb\r\n", resp2(Reply.set(List.of(Reply.bulk("a"), Reply.bulk("b")))));
    }

    @Test
    void doubleIsACommaLineInResp3() {
        assertEquals(",1.5\r\n", resp3(Reply.dbl(1.5)));
    }

    @Test
    void doubleIsABulkStringInResp2() {
        assertEquals("$3\r\n1.5\r\n", resp2(Reply.dbl(1.5)));
    }

    @Test
    void doubleUsesSeventeenSignificantDigitsLikeRedis7_0() {
        assertEquals(",0.10000000000000001\r\n", resp3(Reply.dbl(0.1)));
        assertEquals(",0.33333333333333331\r\n", resp3(Reply.dbl(1.0 / 3)));
    }

    @Test
    void integralDoubleHasNoDecimalPoint() {
        assertEquals("$1\r\n3\r\n", resp2(Reply.dbl(3.0)));
        assertEquals(",-42\r\n", resp3(Reply.dbl(-42.0)));
        assertEquals(",10000000000000000\r\n", resp3(Reply.dbl(1e16)));
    }

    @Test
    void doubleSwitchesToExponentFormLikePrintfG() {
        assertEquals(",1e+17\r\n", resp3(Reply.dbl(1e17)));
        assertEquals(",1.2345678901234568e+17\r\n", resp3(Reply.dbl(123456789012345678.0)));
        assertEquals(",1.0000000000000001e-05\r\n", resp3(Reply.dbl(1e-5)));
        assertEquals(",0.0001\r\n", resp3(Reply.dbl(1e-4)));
        assertEquals(",1.7976931348623157e+308\r\n", resp3(Reply.dbl(Double.MAX_VALUE)));
    }

    @Test
    void signedZeroDoubleKeepsItsSign() {
        assertEquals(",0\r\n", resp3(Reply.dbl(0.0)));
        assertEquals(",-0\r\n", resp3(Reply.dbl(-0.0)));
    }

    @Test
    void infiniteDoublesAreSpelledInf() {
        assertEquals(",inf\r\n", resp3(Reply.dbl(Double.POSITIVE_INFINITY)));
        assertEquals(",-inf\r\n", resp3(Reply.dbl(Double.NEGATIVE_INFINITY)));
        assertEquals("$3\r\ninf\r\n", resp2(Reply.dbl(Double.POSITIVE_INFINITY)));
        assertEquals("$4\r\n-inf\r\n", resp2(Reply.dbl(Double.NEGATIVE_INFINITY)));
    }

    @Test
    void nanDoubleIsSpelledNan() {
        assertEquals(",nan\r\n", resp3(Reply.dbl(Double.NaN)));
        assertEquals("$3\r\nnan\r\n", resp2(Reply.dbl(Double.NaN)));
    }

    @Test
    void booleanIsHashTOrFInResp3() {
        assertEquals("#t\r\n", resp3(Reply.bool(true)));
        assertEquals("#f\r\n", resp3(Reply.bool(false)));
    }

    @Test
    void booleanIsOneOrZeroInResp2() {
        assertEquals(":1\r\n", resp2(Reply.bool(true)));
        assertEquals(":0\r\n", resp2(Reply.bool(false)));
    }

    @Test
    void verbatimCarriesItsFormatInResp3() {
        assertEquals("=9\r\ntxt:hello\r\n", resp3(Reply.verbatim("hello")));
    }

    @Test
    void verbatimIsABulkOfTheTextOnlyInResp2() {
        assertEquals("$5\r\nhello\r\n", resp2(Reply.verbatim("hello")));
    }

    @Test
    void verbatimFormatMustBeThreeCharacters() {
        Reply bad = new Reply.Verbatim("text", new byte[] {'x'});
        assertThrows(IllegalArgumentException.class, () -> resp3(bad));
    }

    @Test
    void bigNumberIsAParenLineInResp3() {
        assertEquals("(3492890328409238509324850943850943825024385\r\n",
                resp3(new Reply.BigNumber("3492890328409238509324850943850943825024385")));
    }

    @Test
    void bigNumberIsABulkStringInResp2() {
        assertEquals("$4\r\n-123\r\n", resp2(new Reply.BigNumber("-123")));
    }

    @Test
    void pushIsAngleBracketInResp3() {
        assertEquals(">2\r\n$7\r\nmessage\r\n$1\r\nx\r\n", resp3(Reply.push(List.of(Reply.bulk("message"), Reply.bulk("x")))));
    }

    @Test
    void pushIsAnArrayInResp2() {
        assertEquals("*2\r\n$7\r\nmessage\r\n$1\r\nx\r\n", resp2(Reply.push(List.of(Reply.bulk("message"), Reply.bulk("x")))));
    }

    @Test
    void rawWritesTheBytesForTheConnectionsProtocol() {
        Reply raw = new Reply.Raw("$-1\r\n".getBytes(StandardCharsets.US_ASCII), "_\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("$-1\r\n", resp2(raw));
        assertEquals("_\r\n", resp3(raw));
    }

    @Test
    void unsupportedProtocolVersionIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> encode(Reply.OK, 4));
    }

    @Test
    void nettyEncoderUsesResp2WhenTheChannelHasNoProtocolAttribute() {
        EmbeddedChannel channel = new EmbeddedChannel(new RespEncoder());
        channel.writeOutbound(Reply.NULL);
        assertEquals("$-1\r\n", readOutbound(channel));
    }

    @Test
    void nettyEncoderUsesTheChannelsProtocolAttribute() {
        EmbeddedChannel channel = new EmbeddedChannel(new RespEncoder());
        channel.attr(RespEncoder.PROTOCOL).set(3);
        channel.writeOutbound(Reply.map(List.of(Reply.bulk("k"), Reply.NULL)));
        assertEquals("%1\r\n$1\r\nk\r\n_\r\n", readOutbound(channel));
    }

    @Test
    void nettyEncoderWritesLargeBulksCompletely() {
        EmbeddedChannel channel = new EmbeddedChannel(new RespEncoder());
        String value = "v".repeat(100_000);
        channel.writeOutbound(Reply.bulk(value));
        assertEquals("$100000\r\n" + value + "\r\n", readOutbound(channel));
    }

    private static String readOutbound(EmbeddedChannel channel) {
        ByteBuf buf = channel.readOutbound();
        try {
            return buf.toString(StandardCharsets.ISO_8859_1);
        } finally {
            buf.release();
        }
    }
}
