package io.cairn.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;
import io.netty.util.ReferenceCountUtil;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Decodes client requests into {@code byte[][]} argv (command name first), following Redis's
 * processMultibulkBuffer / processInlineBuffer: RESP multibulk ({@code *N\r\n$len\r\n...})
 * and inline lines. Malformed input yields one {@link ProtocolError}, after which all input
 * is discarded; the server is expected to reply with the error and close the connection.
 *
 * <p>Parsing is incremental: header positions and partially read arguments survive between
 * reads, so a request trickling in byte by byte is never rescanned from its start.
 */
public class RespDecoder extends ByteToMessageDecoder {

    static final String INVALID_MULTIBULK_LENGTH = "Protocol error: invalid multibulk length";
    static final String INVALID_BULK_LENGTH = "Protocol error: invalid bulk length";
    static final String TOO_BIG_MBULK_COUNT = "Protocol error: too big mbulk count string";
    static final String TOO_BIG_BULK_COUNT = "Protocol error: too big bulk count string";
    static final String TOO_BIG_INLINE = "Protocol error: too big inline request";
    static final String UNBALANCED_QUOTES = "Protocol error: unbalanced quotes in request";

    /**
     * Bulks at least this long (Redis's PROTO_MBULK_BIG_ARG) are copied out as they arrive;
     * otherwise Netty's cumulation buffer would be regrown, and recopied, many times over.
     */
    static final int BIG_BULK = 32 * 1024;

    private static final long NOT_A_NUMBER = Long.MIN_VALUE;
    private static final int INITIAL_ARGV = 16;

    private final RespLimits limits;

    private int pendingArgs;          // bulks still to read for the current multibulk; 0 between commands
    private byte[][] argv;
    private int argc;
    private long bulkLength = -1;     // -1 while the next "$len" header has not been read
    private byte[] bigBulk;           // a large bulk being filled, grown geometrically up to bulkLength
    private int bigBulkFilled;
    private int scanned;              // bytes after readerIndex already known to hold no line terminator
    private boolean failed;

    public RespDecoder() {
        this(new RespLimits());
    }

    public RespDecoder(RespLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (failed) {
            // Nothing after a protocol error can be trusted; don't even buffer it.
            ReferenceCountUtil.release(msg);
            return;
        }
        super.channelRead(ctx, msg);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed || !in.isReadable()) {
            in.skipBytes(in.readableBytes());
            return;
        }
        Object result = pendingArgs > 0 ? readArguments(in)
                : in.getByte(in.readerIndex()) == '*' ? readMultibulkHeader(in)
                : readInline(in);
        if (result == null) return;
        if (result instanceof ProtocolError) {
            failed = true;
            clearRequestState();
            in.skipBytes(in.readableBytes());
        }
        out.add(result);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        clearRequestState();
    }

    /** Capacity currently reserved for a partially received large bulk (for tests). */
    int pendingBulkCapacity() {
        return bigBulk == null ? 0 : bigBulk.length;
    }

    private Object readMultibulkHeader(ByteBuf in) {
        int cr = findTerminator(in, ByteProcessor.FIND_CR);
        if (cr < 0) return in.readableBytes() > limits.maxInlineLength() ? new ProtocolError(TOO_BIG_MBULK_COUNT) : null;
        if (!lineComplete(in, cr)) return null;
        long count = parseLength(in, in.readerIndex() + 1, cr);
        if (count == NOT_A_NUMBER || count > limits.maxMultibulkLength()) {
            return new ProtocolError(INVALID_MULTIBULK_LENGTH);
        }
        consumeLine(in, cr);
        if (count <= 0) return null; // Redis ignores "*0" and negative counts.
        pendingArgs = (int) count;
        // The count is only a claim: grow argv as arguments really arrive.
        argv = new byte[Math.min(pendingArgs, INITIAL_ARGV)][];
        argc = 0;
        return readArguments(in);
    }

    private Object readArguments(ByteBuf in) {
        while (pendingArgs > 0) {
            if (bulkLength < 0) {
                ProtocolError error = readBulkHeader(in);
                if (error != null) return error;
                if (bulkLength < 0) return null;
            }
            byte[] arg = readBulk(in);
            if (arg == null) return null;
            if (argc == argv.length) argv = Arrays.copyOf(argv, Math.min(argc * 2, argc + pendingArgs));
            argv[argc++] = arg;
            pendingArgs--;
        }
        byte[][] command = argc == argv.length ? argv : Arrays.copyOf(argv, argc);
        argv = null;
        argc = 0;
        return command;
    }

    /** Sets {@link #bulkLength} once a whole "$len" line is readable. */
    private ProtocolError readBulkHeader(ByteBuf in) {
        int cr = findTerminator(in, ByteProcessor.FIND_CR);
        if (cr < 0) return in.readableBytes() > limits.maxInlineLength() ? new ProtocolError(TOO_BIG_BULK_COUNT) : null;
        if (!lineComplete(in, cr)) return null;
        int first = in.getByte(in.readerIndex()) & 0xFF;
        if (first != '$') return new ProtocolError("Protocol error: expected '$', got '" + (char) first + "'");
        long length = parseLength(in, in.readerIndex() + 1, cr);
        if (length < 0 || length > limits.maxBulkLength()) return new ProtocolError(INVALID_BULK_LENGTH);
        consumeLine(in, cr);
        bulkLength = length;
        return null;
    }

    private byte[] readBulk(ByteBuf in) {
        int length = (int) bulkLength;
        if (bigBulk == null) {
            if (in.readableBytes() >= (long) length + 2) {
                byte[] arg = new byte[length];
                in.readBytes(arg);
                in.skipBytes(2);
                bulkLength = -1;
                return arg;
            }
            if (length < BIG_BULK) return null;
        }
        int take = Math.min(in.readableBytes(), length - bigBulkFilled);
        if (take > 0) {
            growBigBulk(bigBulkFilled + take, length);
            in.readBytes(bigBulk, bigBulkFilled, take);
            bigBulkFilled += take;
        }
        // Like Redis, the two bytes after the payload are skipped without being checked.
        if (bigBulkFilled < length || in.readableBytes() < 2) return null;
        in.skipBytes(2);
        byte[] arg = bigBulk;
        bigBulk = null;
        bigBulkFilled = 0;
        bulkLength = -1;
        return arg;
    }

    /** Doubling (capped at the claimed length) keeps copying linear without trusting the claim. */
    private void growBigBulk(int needed, int length) {
        int capacity = bigBulk == null ? 0 : bigBulk.length;
        if (needed <= capacity) return;
        int newCapacity = (int) Math.min(length, Math.max(needed, Math.max(2L * capacity, BIG_BULK)));
        bigBulk = bigBulk == null ? new byte[newCapacity] : Arrays.copyOf(bigBulk, newCapacity);
    }

    private Object readInline(ByteBuf in) {
        int lf = findTerminator(in, ByteProcessor.FIND_LF);
        if (lf < 0) return in.readableBytes() > limits.maxInlineLength() ? new ProtocolError(TOO_BIG_INLINE) : null;
        int start = in.readerIndex();
        int end = lf > start && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        byte[] line = new byte[end - start];
        in.getBytes(start, line);
        in.readerIndex(lf + 1);
        scanned = 0;
        byte[][] args = InlineSplitter.split(line);
        if (args == null) return new ProtocolError(UNBALANCED_QUOTES);
        return args.length == 0 ? null : args; // empty lines are skipped
    }

    /** Index of the terminator, resuming the search where the previous read left off; -1 if absent. */
    private int findTerminator(ByteBuf in, ByteProcessor finder) {
        int from = in.readerIndex() + scanned;
        int index = in.forEachByte(from, in.writerIndex() - from, finder);
        if (index < 0) scanned = in.readableBytes();
        return index;
    }

    /** Like Redis, a header line needs one byte after its '\r', which is taken to be the '\n'. */
    private boolean lineComplete(ByteBuf in, int cr) {
        if (cr + 1 < in.writerIndex()) return true;
        scanned = cr - in.readerIndex();
        return false;
    }

    private void consumeLine(ByteBuf in, int cr) {
        in.readerIndex(cr + 2);
        scanned = 0;
    }

    /**
     * Parses [from, to) with the strictness of Redis's string2ll (no sign '+', no leading
     * zeros, no spaces, at most 20 characters). Every valid negative number is returned as -1,
     * since callers only need to tell "negative" apart; {@link #NOT_A_NUMBER} if invalid.
     */
    static long parseLength(ByteBuf in, int from, int to) {
        int length = to - from;
        if (length == 0 || length > 20) return NOT_A_NUMBER;
        if (length == 1 && in.getByte(from) == '0') return 0;
        boolean negative = in.getByte(from) == '-';
        int i = negative ? from + 1 : from;
        if (i == to) return NOT_A_NUMBER;
        int firstDigit = in.getByte(i) - '0';
        if (firstDigit < 1 || firstDigit > 9) return NOT_A_NUMBER;
        // Accumulate negatively, as Long.parseLong does, so Long.MIN_VALUE's magnitude fits.
        long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long multiplyMin = limit / 10;
        long value = -firstDigit;
        for (i++; i < to; i++) {
            int digit = in.getByte(i) - '0';
            if (digit < 0 || digit > 9 || value < multiplyMin) return NOT_A_NUMBER;
            value *= 10;
            if (value < limit + digit) return NOT_A_NUMBER;
            value -= digit;
        }
        return negative ? -1 : -value;
    }

    private void clearRequestState() {
        pendingArgs = 0;
        argv = null;
        argc = 0;
        bulkLength = -1;
        bigBulk = null;
        bigBulkFilled = 0;
        scanned = 0;
    }
}
