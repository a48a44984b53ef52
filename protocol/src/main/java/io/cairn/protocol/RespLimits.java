package io.cairn.protocol;

/**
 * Request-size limits enforced by {@link RespDecoder}. One instance is shared by all
 * connections and read on every check, so CONFIG SET (e.g. proto-max-bulk-len) takes effect
 * for the next request header parsed on any connection, without reconnecting.
 */
public final class RespLimits {

    /** Our proto-max-bulk-len default (Redis ships 512 MB; we are more conservative). */
    public static final long DEFAULT_MAX_BULK_LENGTH = 64L * 1024 * 1024;
    public static final int DEFAULT_MAX_MULTIBULK_LENGTH = 1024 * 1024;
    /** Redis's PROTO_INLINE_MAX_SIZE: also bounds a multibulk header line. */
    public static final int DEFAULT_MAX_INLINE_LENGTH = 64 * 1024;

    /** A bulk argument becomes a byte[]; Java arrays cannot be larger than this. */
    public static final long MAX_SUPPORTED_BULK_LENGTH = Integer.MAX_VALUE - 8;

    private volatile long maxBulkLength;
    private volatile int maxMultibulkLength;
    private volatile int maxInlineLength;

    public RespLimits() {
        this(DEFAULT_MAX_BULK_LENGTH, DEFAULT_MAX_MULTIBULK_LENGTH, DEFAULT_MAX_INLINE_LENGTH);
    }

    public RespLimits(long maxBulkLength, int maxMultibulkLength, int maxInlineLength) {
        setMaxBulkLength(maxBulkLength);
        setMaxMultibulkLength(maxMultibulkLength);
        setMaxInlineLength(maxInlineLength);
    }

    public long maxBulkLength() { return maxBulkLength; }

    public int maxMultibulkLength() { return maxMultibulkLength; }

    public int maxInlineLength() { return maxInlineLength; }

    public void setMaxBulkLength(long value) {
        if (value < 1 || value > MAX_SUPPORTED_BULK_LENGTH) {
            throw new IllegalArgumentException("max bulk length out of range: " + value);
        }
        maxBulkLength = value;
    }

    public void setMaxMultibulkLength(int value) {
        if (value < 1) throw new IllegalArgumentException("max multibulk length out of range: " + value);
        maxMultibulkLength = value;
    }

    public void setMaxInlineLength(int value) {
        if (value < 1) throw new IllegalArgumentException("max inline length out of range: " + value);
        maxInlineLength = value;
    }

    @Override
    public String toString() {
        return "RespLimits[maxBulkLength=" + maxBulkLength + ", maxMultibulkLength=" + maxMultibulkLength
                + ", maxInlineLength=" + maxInlineLength + "]";
    }
}
