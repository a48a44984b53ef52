package io.cairn.storage;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The payloads of {@link CommitLog} records: what one engine commit changed, in logical bucket
 * ids, so that a replay goes through the same code as the original commit. One record holds
 * a whole {@link WriteBatch}, which is what makes MSET, EXEC and RENAME all-or-nothing across a
 * crash.
 */
final class LogRecords {

    private static final byte PUT = 1;
    private static final byte DELETE = 2;
    private static final byte CLEAR = 3;
    private static final byte SWAP = 4;

    /** Flags of a put or delete: what the key held just before it (see {@link #flags}). */
    private static final int EXISTED = 0x10;
    private static final int EXPIRING = 0x20;
    private static final int KIND = 0x0f;

    /** What a replay does with each operation of a record. */
    interface Sink {
        void write(WriteBatch.Op op, int flags);

        void clear(int bucket);

        void swap(int a, int b);
    }

    private LogRecords() {}

    static int flags(boolean existed, boolean expiring) {
        return (existed ? EXISTED : 0) | (expiring ? EXPIRING : 0);
    }

    static boolean existed(int flags) {
        return (flags & EXISTED) != 0;
    }

    static boolean expiring(int flags) {
        return (flags & EXPIRING) != 0;
    }

    /** A batch's writes, each with the flags of what its key held before it. */
    static byte[] batch(List<WriteBatch.Op> ops, int[] previous) {
        int size = 4;
        for (WriteBatch.Op op : ops) {
            size += 1 + 4 + 4 + op.key().length;
            if (op.entry() != null) size += 4 + EntryCodec.size(op.entry());
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(ops.size());
        for (int i = 0; i < ops.size(); i++) {
            WriteBatch.Op op = ops.get(i);
            b.put((byte) ((op.entry() == null ? DELETE : PUT) | previous[i])).putInt(op.bucket()).putInt(op.key().length).put(op.key());
            if (op.entry() != null) {
                b.putInt(EntryCodec.size(op.entry()));
                EntryCodec.encodeInto(op.entry(), b);
            }
        }
        return b.array();
    }

    /** One record doing what {@code payloads} do in order: a unit of work is all or nothing. */
    static byte[] merge(List<byte[]> payloads) {
        int size = 4, count = 0;
        for (byte[] p : payloads) {
            size += p.length - 4;
            count += ByteBuffer.wrap(p).getInt();
        }
        ByteBuffer b = ByteBuffer.allocate(size).putInt(count);
        for (byte[] p : payloads) b.put(p, 4, p.length - 4);
        return b.array();
    }

    static byte[] clear(int bucket) {
        return ByteBuffer.allocate(4 + 1 + 4).putInt(1).put(CLEAR).putInt(bucket).array();
    }

    static byte[] swap(int a, int b) {
        return ByteBuffer.allocate(4 + 1 + 8).putInt(1).put(SWAP).putInt(a).putInt(b).array();
    }

    static void replay(byte[] payload, Sink sink) {
        ByteBuffer b = ByteBuffer.wrap(payload);
        int n = b.getInt();
        for (int i = 0; i < n; i++) {
            int tag = b.get();
            int kind = tag & KIND;
            switch (kind) {
                case PUT, DELETE -> {
                    int bucket = b.getInt();
                    byte[] key = new byte[b.getInt()];
                    b.get(key);
                    Entry entry = null;
                    if (kind == PUT) {
                        byte[] encoded = new byte[b.getInt()];
                        b.get(encoded);
                        entry = EntryCodec.decode(encoded);
                    }
                    sink.write(new WriteBatch.Op(bucket, key, entry), tag & ~KIND);
                }
                case CLEAR -> sink.clear(b.getInt());
                case SWAP -> sink.swap(b.getInt(), b.getInt());
                default -> throw new IllegalStateException("unknown commit log operation " + kind);
            }
        }
    }
}
