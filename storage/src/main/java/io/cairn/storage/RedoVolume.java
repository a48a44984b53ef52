package io.cairn.storage;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

import org.mapdb.DataInput2;
import org.mapdb.volume.Volume;

/**
 * Makes each MapDB commit all-or-nothing under {@code kill -9}.
 *
 * <p>Why: MapDB 3.1's {@code StoreWAL.commit()} writes the transaction to its own WAL file, then
 * copies the changed records into the store file in place, and it never replays that WAL when it
 * opens a store (its {@code init} only reads the header). A process killed during the copy leaves
 * a half-written store that no longer opens: CrashRecoveryTest hit it about one run in three,
 * {@code IndexOutOfBoundsException} deserializing a B-tree node at start. Cairn's own commit log
 * cannot repair that, because it only holds the writes after MapDB's last commit.
 *
 * <p>How: this wraps the store file's volume (MapDB's WAL files are left alone). Every write
 * between two {@code sync()} calls, which is exactly one commit's copy phase (StoreWAL holds
 * every segment lock meanwhile, so nothing reads the store file), is appended to a redo file
 * instead of the store; {@code sync()} seals the redo file with a count and a CRC32C, fsyncs it,
 * applies it to the store, syncs the store and deletes the redo file. {@link #recover} runs
 * before the store is opened: a sealed redo file is applied again (applying is idempotent), an
 * unsealed one is deleted, because the store still holds the previous commit untouched.
 */
final class RedoVolume extends Volume {

    private static final long TRAILER = -1L;

    private final Volume inner;
    private final Path redo;
    private final CRC32C crc = new CRC32C();
    private final byte[] header = new byte[12];
    private FileOutputStream redoFile;
    private DataOutputStream redoOut;
    private long pending;

    RedoVolume(Volume inner, Path redo) {
        this.inner = inner;
        this.redo = redo;
    }

    /** The redo file kept next to a store file. */
    static Path redoPathFor(Path storeFile) {
        return storeFile.resolveSibling(storeFile.getFileName() + ".redo");
    }

    /**
     * Finishes or discards a commit that a crash interrupted; call before opening the store.
     * Returns true when a sealed redo file was applied.
     */
    static boolean recover(Path storeFile) throws IOException {
        Path redo = redoPathFor(storeFile);
        if (!Files.exists(redo)) return false;
        boolean sealed = isSealed(redo);
        if (sealed) {
            try (FileChannel store = FileChannel.open(storeFile, StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
                replay(redo, (offset, data) -> {
                    ByteBuffer b = ByteBuffer.wrap(data);
                    long at = offset;
                    while (b.hasRemaining()) at += store.write(b, at);
                });
                store.force(true);
            }
        }
        Files.delete(redo);
        if (!sealed) System.out.println("cairn: discarded MapDB's unfinished commit (the previous one stands)");
        return sealed;
    }

    // ---- writes: recorded until sync ----

    @Override
    public synchronized void putLong(long offset, long value) {
        record(offset, ByteBuffer.allocate(8).putLong(value).array(), 0, 8);
    }

    @Override
    public synchronized void putInt(long offset, int value) {
        record(offset, ByteBuffer.allocate(4).putInt(value).array(), 0, 4);
    }

    @Override
    public synchronized void putByte(long offset, byte value) {
        record(offset, new byte[] {value}, 0, 1);
    }

    @Override
    public synchronized void putData(long offset, byte[] src, int srcPos, int srcSize) {
        record(offset, src, srcPos, srcSize);
    }

    @Override
    public synchronized void putData(long offset, ByteBuffer buf) {
        byte[] b = new byte[buf.remaining()];
        buf.get(b); // consumed, as MapDB's own volumes do
        record(offset, b, 0, b.length);
    }

    @Override
    public synchronized void clear(long startOffset, long endOffset) {
        byte[] zeros = new byte[(int) Math.min(endOffset - startOffset, 1 << 16)];
        for (long at = startOffset; at < endOffset; at += zeros.length) {
            record(at, zeros, 0, (int) Math.min(zeros.length, endOffset - at));
        }
    }

    private void record(long offset, byte[] src, int pos, int len) {
        try {
            if (redoOut == null) {
                redoFile = new FileOutputStream(redo.toFile());
                redoOut = new DataOutputStream(new BufferedOutputStream(redoFile, 1 << 16));
                crc.reset();
                pending = 0;
            }
            ByteBuffer.wrap(header).putLong(offset).putInt(len);
            redoOut.write(header);
            redoOut.write(src, pos, len);
            crc.update(header);
            crc.update(src, pos, len);
            pending++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + redo, e);
        }
    }

    /** Seals and fsyncs the recorded writes, applies them to the store file, syncs it, deletes the redo file. */
    @Override
    public synchronized void sync() {
        if (redoOut == null) {
            inner.sync();
            return;
        }
        seal();
        applySealed();
    }

    /** The commit point: once this returns, a restart finishes the commit whatever happens next. */
    synchronized void seal() {
        try {
            redoOut.writeLong(TRAILER);
            redoOut.writeLong(pending);
            redoOut.writeInt((int) crc.getValue());
            redoOut.flush();
            redoFile.getFD().sync();
            redoOut.close();
            redoOut = null;
            redoFile = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + redo, e);
        }
    }

    private void applySealed() {
        try {
            replay(redo, (offset, data) -> inner.putData(offset, data, 0, data.length));
            inner.sync();
            Files.delete(redo);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot apply " + redo, e);
        }
    }

    /** Drops the writes of a commit that failed before its sync (MapDB rolled back). */
    synchronized void discardPending() {
        if (redoOut == null) return;
        try {
            redoOut.close();
        } catch (IOException ignored) {
            // the file is deleted next
        }
        redoOut = null;
        redoFile = null;
        try {
            Files.deleteIfExists(redo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Apply {
        void write(long offset, byte[] data) throws IOException;
    }

    private static boolean isSealed(Path redo) throws IOException {
        try {
            return scan(redo, (offset, data) -> { });
        } catch (EOFException e) {
            return false;
        }
    }

    /** Applies a sealed redo file (its seal was checked before, or it was just written and fsynced). */
    private static void replay(Path redo, Apply apply) throws IOException {
        if (!scan(redo, apply)) throw new IOException(redo + " is not sealed");
    }

    /** Reads every write; returns true when the trailer's count and checksum match what was read. */
    private static boolean scan(Path redo, Apply apply) throws IOException {
        CRC32C sum = new CRC32C();
        long seen = 0;
        byte[] head = new byte[12];
        try (InputStream raw = Files.newInputStream(redo);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            while (true) {
                in.readFully(head, 0, 8);
                long offset = ByteBuffer.wrap(head).getLong();
                if (offset == TRAILER) {
                    long count = in.readLong();
                    int expected = in.readInt();
                    return count == seen && expected == (int) sum.getValue();
                }
                in.readFully(head, 8, 4);
                int len = ByteBuffer.wrap(head, 8, 4).getInt();
                if (offset < 0 || len < 0 || len > (64 << 20)) return false;
                byte[] data = new byte[len];
                in.readFully(data);
                sum.update(head);
                sum.update(data);
                apply.write(offset, data);
                seen++;
            }
        }
    }

    // ---- everything else goes to the store's own volume ----

    @Override
    public void ensureAvailable(long offset) {
        inner.ensureAvailable(offset);
    }

    @Override
    public void truncate(long size) {
        inner.truncate(size);
    }

    @Override
    public long getLong(long offset) {
        return inner.getLong(offset);
    }

    @Override
    public int getInt(long offset) {
        return inner.getInt(offset);
    }

    @Override
    public byte getByte(long offset) {
        return inner.getByte(offset);
    }

    @Override
    public DataInput2 getDataInput(long offset, int size) {
        return inner.getDataInput(offset, size);
    }

    @Override
    public void getData(long offset, byte[] bytes, int bytesPos, int size) {
        inner.getData(offset, bytes, bytesPos, size);
    }

    @Override
    public long getPackedLong(long position) {
        return inner.getPackedLong(position);
    }

    @Override
    public boolean fileLoad() {
        return inner.fileLoad();
    }

    @Override
    public synchronized void close() {
        discardPending();
        closed.set(true);
        inner.close();
    }

    @Override
    public int sliceSize() {
        return inner.sliceSize();
    }

    @Override
    public boolean isSliced() {
        return inner.isSliced();
    }

    @Override
    public long length() {
        return inner.length();
    }

    @Override
    public boolean isReadOnly() {
        return inner.isReadOnly();
    }

    @Override
    public File getFile() {
        return inner.getFile();
    }

    @Override
    public boolean getFileLocked() {
        return inner.getFileLocked();
    }
}
