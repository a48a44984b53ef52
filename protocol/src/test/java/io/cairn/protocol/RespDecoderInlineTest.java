package io.cairn.protocol;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.cairn.protocol.DecoderHarness.commands;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RespDecoderInlineTest {

    private static List<Object> decode(String input) {
        return new DecoderHarness().feed(input).messages();
    }

    private static final ProtocolError UNBALANCED = new ProtocolError("Protocol error: unbalanced quotes in request");

    @Test
    void decodesAnInlineCommandSplitOnSpaces() {
        assertEquals(commands(List.of("SET", "key", "value")), decode("SET key value\r\n"));
    }

    @Test
    void acceptsABareLineFeedAsTerminator() {
        assertEquals(commands(List.of("PING")), decode("PING\n"));
    }

    @Test
    void collapsesRunsOfSpacesAndTabs() {
        assertEquals(commands(List.of("GET", "k")), decode("  GET \t  k  \r\n"));
    }

    @Test
    void skipsEmptyLines() {
        assertEquals(commands(List.of("PING")), decode("\r\n\n\r\nPING\r\n"));
    }

    @Test
    void skipsLinesOfOnlyBlanks() {
        assertEquals(commands(List.of("PING")), decode("   \t \r\nPING\r\n"));
    }

    @Test
    void waitsForTheEndOfLine() {
        DecoderHarness harness = new DecoderHarness().feed("PIN");
        assertEquals(List.of(), harness.messages());
        assertEquals(commands(List.of("PING")), harness.feed("G\r\n").messages());
    }

    @Test
    void doubleQuotesKeepSpacesInsideOneArgument() {
        assertEquals(commands(List.of("SET", "my key", "a  b")), decode("SET \"my key\" \"a  b\"\r\n"));
    }

    @Test
    void doubleQuotesAllowAnEmptyArgument() {
        assertEquals(commands(List.of("SET", "k", "")), decode("SET k \"\"\r\n"));
    }

    @Test
    void doubleQuotesUnderstandCEscapes() {
        assertEquals(commands(List.of("ECHO", "\n\r\t\b\u0007\\\"")), decode("ECHO \"\\n\\r\\t\\b\\a\\\\\\\"\"\r\n"));
    }

    @Test
    void doubleQuotesUnderstandHexEscapes() {
        assertEquals(commands(List.of("ECHO", "A\u00ff\0z")), decode("ECHO \"\\x41\\xFF\\x00\\x7a\"\r\n"));
    }

    @Test
    void unknownEscapeInDoubleQuotesYieldsTheEscapedCharacter() {
        assertEquals(commands(List.of("ECHO", "xZZq")), decode("ECHO \"\\xZZ\\q\"\r\n"));
    }

    @Test
    void singleQuotesAreLiteralExceptForEscapedSingleQuote() {
        assertEquals(commands(List.of("ECHO", "it's \\n")), decode("ECHO 'it\\'s \\n'\r\n"));
    }

    @Test
    void quoteInsideAnUnquotedWordStartsAQuotedPart() {
        assertEquals(commands(List.of("ECHO", "ab c")), decode("ECHO a\"b c\"\r\n"));
    }

    @Test
    void unterminatedDoubleQuoteIsUnbalanced() {
        assertEquals(List.of(UNBALANCED), decode("SET k \"value\r\n"));
    }

    @Test
    void unterminatedSingleQuoteIsUnbalanced() {
        assertEquals(List.of(UNBALANCED), decode("SET k 'value\r\n"));
    }

    @Test
    void closingQuoteFollowedByANonSpaceIsUnbalanced() {
        assertEquals(List.of(UNBALANCED), decode("SET \"k\"v 1\r\n"));
    }

    @Test
    void trailingBackslashInsideDoubleQuotesIsUnbalanced() {
        assertEquals(List.of(UNBALANCED), decode("ECHO \"abc\\\r\n"));
    }

    @Test
    void nulByteEndsTheInlineLineLikeACString() {
        assertEquals(commands(List.of("ECHO", "a")), decode("ECHO a\0 ignored\r\n"));
    }

    @Test
    void carriageReturnInsideTheLineSeparatesArguments() {
        assertEquals(commands(List.of("ECHO", "a", "b")), decode("ECHO a\rb\r\n"));
    }
}
