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

    /** What a replay does with each operation of a record. */
    interface Sink {
        void write(WriteBatch.Op op);

        void clear(int bucket);

        void swap(int a, int b);
    }

    private LogRecords() {}

    static byte[] batch(List<WriteBatch.Op> ops) {
        int size = 4;
        for (WriteBatch.Op op : ops) {
            size += 1 + 4 + 4 + op.key().length;
            if (op.entry() != null) size += 4 + EntryCodec.size(op.entry());
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(ops.size());
        for (WriteBatch.Op op : ops) {
            b.put(op.entry() == null ? DELETE : PUT).putInt(op.bucket()).putInt(op.key().length).put(op.key());
            if (op.entry() != null) {
                b.putInt(EntryCodec.size(op.entry()));
                EntryCodec.encodeInto(op.entry(), b);
            }
        }
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
            byte kind = b.get();
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
                    sink.write(new WriteBatch.Op(bucket, key, entry));
                }
                case CLEAR -> sink.clear(b.getInt());
                case SWAP -> sink.swap(b.getInt(), b.getInt());
                default -> throw new IllegalStateException("unknown commit log operation " + kind);
            }
        }
    }
}
