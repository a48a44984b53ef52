package io.cairn.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.netty.util.AttributeKey;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes {@link Reply} values as RESP2 or RESP3, per the channel's {@link #PROTOCOL}
 * attribute, degrading RESP3-only types for RESP2 clients the way Redis does.
 */
@ChannelHandler.Sharable
public class RespEncoder extends MessageToByteEncoder<Reply> {

    /** Protocol version negotiated by HELLO (2 or 3); absent means 2. */
    public static final AttributeKey<Integer> PROTOCOL = AttributeKey.valueOf("cairn.resp.protocol");

    private static final int CRLF = ('\r' << 8) | '\n';
    private static final int CACHED_NUMBERS = 1024;
    /** "n\r\n" for small n: integers, lengths and counts are overwhelmingly small. */
    private static final byte[][] NUMBER_LINES = new byte[CACHED_NUMBERS][];
    private static final byte[] NULL_BULK = ascii("$-1\r\n");
    private static final byte[] NULL_ARRAY = ascii("*-1\r\n");
    private static final byte[] NULL_RESP3 = ascii("_\r\n");
    private static final byte[] TRUE_RESP3 = ascii("#t\r\n");
    private static final byte[] FALSE_RESP3 = ascii("#f\r\n");
    private static final byte[] TRUE_RESP2 = ascii(":1\r\n");
    private static final byte[] FALSE_RESP2 = ascii(":0\r\n");
    private static final byte[] LONG_MIN = ascii(Long.toString(Long.MIN_VALUE));
    private static final int DEFAULT_BUFFER = 256;

    static {
        for (int i = 0; i < CACHED_NUMBERS; i++) NUMBER_LINES[i] = ascii(i + "\r\n");
    }

    public RespEncoder() {
        super(Reply.class);
    }

    /** The channel's protocol version: the {@link #PROTOCOL} attribute, or 2 when unset. */
    public static int protocolOf(Channel channel) {
        Integer version = channel.attr(PROTOCOL).get();
        return version == null ? 2 : version;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Reply reply, ByteBuf out) {
        encode(reply, out, protocolOf(ctx.channel()));
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Reply reply, boolean preferDirect) {
        // Sizing large bulks up front avoids regrowing (and recopying) the buffer while writing.
        int size = DEFAULT_BUFFER;
        if (reply instanceof Reply.Bulk bulk) size = bulk.value().length + 16;
        else if (reply instanceof Reply.Raw raw) size = Math.max(raw.resp2().length, raw.resp3() == null ? 0 : raw.resp3().length);
        return preferDirect ? ctx.alloc().ioBuffer(size) : ctx.alloc().heapBuffer(size);
    }

    /**
     * Appends {@code reply} to {@code out} in RESP{@code protocolVersion}.
     *
     * @throws IllegalArgumentException for a protocol other than 2 or 3, a map with an odd
     *         number of elements, or a verbatim format that is not 3 characters
     */
    public static void encode(Reply reply, ByteBuf out, int protocolVersion) {
        if (protocolVersion != 2 && protocolVersion != 3) {
            throw new IllegalArgumentException("unsupported protocol version " + protocolVersion);
        }
        write(reply, out, protocolVersion == 3);
    }

    private static void write(Reply reply, ByteBuf out, boolean resp3) {
        if (reply instanceof Reply.Bulk bulk) {
            writeBulk(out, bulk.value());
        } else if (reply instanceof Reply.Simple simple) {
            writeLine(out, '+', simple.text());
        } else if (reply instanceof Reply.Int integer) {
            out.writeByte(':');
            writeNumberLine(out, integer.value());
        } else if (reply instanceof Reply.Array array) {
            writeAggregate(out, '*', array.items(), resp3);
        } else if (reply instanceof Reply.Null nil) {
            out.writeBytes(resp3 ? NULL_RESP3 : nil.array() ? NULL_ARRAY : NULL_BULK);
        } else if (reply instanceof Reply.Error error) {
            writeLine(out, '-', error.text());
        } else if (reply instanceof Reply.MapReply map) {
            writeMap(out, map.keysAndValues(), resp3);
        } else if (reply instanceof Reply.SetReply set) {
            writeAggregate(out, resp3 ? '~' : '*', set.items(), resp3);
        } else if (reply instanceof Reply.Double dbl) {
            writeDouble(out, dbl.value(), resp3);
        } else if (reply instanceof Reply.Bool bool) {
            out.writeBytes(bool.value() ? (resp3 ? TRUE_RESP3 : TRUE_RESP2) : (resp3 ? FALSE_RESP3 : FALSE_RESP2));
        } else if (reply instanceof Reply.Verbatim verbatim) {
            writeVerbatim(out, verbatim, resp3);
        } else if (reply instanceof Reply.BigNumber big) {
            if (resp3) writeLine(out, '(', big.digits());
            else writeBulk(out, big.digits().getBytes(StandardCharsets.US_ASCII));
        } else if (reply instanceof Reply.Push push) {
            writeAggregate(out, resp3 ? '>' : '*', push.items(), resp3);
        } else if (reply instanceof Reply.Raw raw) {
            out.writeBytes(resp3 && raw.resp3() != null ? raw.resp3() : raw.resp2());
        } else {
            throw new IllegalArgumentException("unknown reply type: " + reply);
        }
    }

    private static void writeAggregate(ByteBuf out, char prefix, List<Reply> items, boolean resp3) {
        out.writeByte(prefix);
        writeNumberLine(out, items.size());
        for (Reply item : items) write(item, out, resp3);
    }

    private static void writeMap(ByteBuf out, List<Reply> keysAndValues, boolean resp3) {
        int size = keysAndValues.size();
        if ((size & 1) != 0) throw new IllegalArgumentException("map reply needs an even number of elements, got " + size);
        out.writeByte(resp3 ? '%' : '*');
        writeNumberLine(out, resp3 ? size / 2 : size);
        for (Reply item : keysAndValues) write(item, out, resp3);
    }

    private static void writeBulk(ByteBuf out, byte[] value) {
        out.writeByte('$');
        writeNumberLine(out, value.length);
        out.writeBytes(value);
        out.writeShort(CRLF);
    }

    private static void writeDouble(ByteBuf out, double value, boolean resp3) {
        String text = DoubleFormat.format(value);
        if (resp3) {
            writeLine(out, ',', text);
        } else {
            out.writeByte('$');
            writeNumberLine(out, text.length());
            out.writeCharSequence(text, StandardCharsets.US_ASCII);
            out.writeShort(CRLF);
        }
    }

    private static void writeVerbatim(ByteBuf out, Reply.Verbatim verbatim, boolean resp3) {
        if (!resp3) {
            writeBulk(out, verbatim.text());
            return;
        }
        String format = verbatim.format();
        if (format.length() != 3) throw new IllegalArgumentException("verbatim format must be 3 characters: " + format);
        out.writeByte('=');
        writeNumberLine(out, verbatim.text().length + 4L);
        out.writeCharSequence(format, StandardCharsets.US_ASCII);
        out.writeByte(':');
        out.writeBytes(verbatim.text());
        out.writeShort(CRLF);
    }

    /** A one-line reply; CR and LF become spaces, as Redis does, so the line cannot break the stream. */
    private static void writeLine(ByteBuf out, char prefix, String text) {
        out.writeByte(prefix);
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            text = text.replace('\r', ' ').replace('\n', ' ');
        }
        ByteBufUtil.writeUtf8(out, text);
        out.writeShort(CRLF);
    }

    /** Writes the decimal digits of {@code value} followed by CRLF. */
    static void writeNumberLine(ByteBuf out, long value) {
        if (value >= 0 && value < CACHED_NUMBERS) {
            out.writeBytes(NUMBER_LINES[(int) value]);
            return;
        }
        writeDecimal(out, value);
        out.writeShort(CRLF);
    }

    private static void writeDecimal(ByteBuf out, long value) {
        if (value == Long.MIN_VALUE) {
            out.writeBytes(LONG_MIN);
            return;
        }
        if (value < 0) {
            out.writeByte('-');
            value = -value;
        }
        int digits = digitCount(value);
        out.ensureWritable(digits);
        int end = out.writerIndex() + digits;
        int pos = end;
        do {
            out.setByte(--pos, (int) ('0' + value % 10));
            value /= 10;
        } while (value != 0);
        out.writerIndex(end);
    }

    private static int digitCount(long positive) {
        int digits = 1;
        for (long bound = 10; digits < 19 && positive >= bound; bound *= 10) digits++;
        return digits;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
