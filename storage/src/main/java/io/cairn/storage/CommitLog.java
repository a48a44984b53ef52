package io.cairn.storage;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;

/**
 * The write-ahead log that makes memory-first writes durable (DESIGN.md section 11). Every
 * commit of the engine appends one record, in commit order, to an in-memory buffer; a writer
 * thread writes whatever has accumulated with one system call and, under {@code always}, forces
 * it to disk with one fsync. That is the group commit: fifty clients writing at once share an
 * fsync instead of queuing behind fifty of them, and nobody waits for the disk while holding the
 * engine's lock.
 *
 * <p>Records are {@code [int length][int crc32c][long lsn][payload]} in segment files named by
 * their first sequence number. The background flusher records in MapDB the sequence number its
 * snapshot covers; segments wholly below it are deleted, and a restart replays only the records
 * above it. A record cut short by a crash fails its length or checksum: the log is truncated
 * there, which is exactly the set of writes whose replies never left.
 */
final class CommitLog implements AutoCloseable {

    static final String DIR_NAME = "wal";
    private static final int HEADER = 16;
    /** Small enough that a restart skips little already-checkpointed log, large enough to rotate rarely. */
    static final long SEGMENT_BYTES = 16L << 20;
    /** Under everysec and no, how long appended records may sit in memory before reaching the OS. */
    private static final long LINGER_MILLIS = 5;
    private static final long RETRY_MILLIS = 100;
    /** Under always, how long appended records wait for {@link #kick()} before they are fsynced anyway. */
    private static final long KICK_WAIT_NANOS = 2_000_000;
    /**
     * Under always, how often an idle writer looks for records a committing thread appended and
     * then did not commit (its connection closed first, say): those do not wake the writer.
     */
    private static final long IDLE_LOOK_MILLIS = 100;

    /** Receives the records a restart replays, in order. */
    interface Replay {
        void record(long lsn, byte[] payload);
    }

    private final Path dir;
    private final long segmentLimit;
    private final Thread writer;
    private final TreeMap<Long, Path> segments = new TreeMap<>();
    private final Object waitersLock = new Object();
    private final List<Waiter> waiters = new ArrayList<>();
    /** Set (under waitersLock) at close: nobody waits any more. */
    private boolean closedForWaiters;
    private final CRC32C appendCrc = new CRC32C();

    // Guarded by this: what the engine has appended and the writer has not yet taken.
    private byte[] buffer = new byte[64 * 1024];
    private byte[] spare;
    private int size;
    /** Written under this; read without it by {@link #appendedLsn()}, which every command calls twice. */
    private volatile long appendedLsn;
    private long firstBuffered;
    private boolean writerWaiting;
    private boolean forceWanted;
    private boolean kicked;
    private boolean closed;
    /**
     * Threads that have committed at the end of their turn ({@link #commitInline} or {@link #kick}),
     * event loops: their appends do not wake the writer, since they commit them themselves.
     * Waking it for every group cost a context switch or two on two cores, and a paired run of
     * SET -c 50 under always took 0.91 of the time without them.
     */
    private final ThreadLocal<Boolean> committers = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private volatile FsyncPolicy policy;
    private volatile long writtenLsn;
    private volatile long durableLsn;
    private volatile long fsyncs;
    private volatile long lastFsyncMillis;
    private volatile String failure;

    // Owned by the writer thread (and by close() once it has stopped).
    /** Held by whoever writes and fsyncs (the writer thread, or an event loop in commitInline). */
    private final ReentrantLock io = new ReentrantLock();
    // Guarded by io: records taken from the buffer whose write failed, retried before anything newer.
    private byte[] carry;
    private int carryLength;
    private long carryFirst;
    private long carryLast;
    private volatile boolean carryPending;
    private FileChannel segment;
    private long segmentBytes;
    private final SpareSegment nextSegment;
    /** Whether the current segment has asked {@link #nextSegment} for its successor yet. */
    private boolean successorAsked;
    private long lastForceNanos = System.nanoTime();

    private record Waiter(long lsn, Runnable action) {}

    private CommitLog(Path dir, long lastLsn, FsyncPolicy policy, long segmentLimit) throws IOException {
        this.dir = dir;
        this.nextSegment = new SpareSegment(dir, segmentLimit);
        this.segmentLimit = segmentLimit;
        this.policy = policy;
        this.appendedLsn = lastLsn;
        this.writtenLsn = lastLsn;
        this.durableLsn = lastLsn;
        this.writer = new Thread(this::writeLoop, "cairn-commit-log");
        writer.setDaemon(true);
    }

    /**
     * Opens the log in {@code dir}, first handing every intact record above {@code checkpoint}
     * to {@code replay} and cutting off a torn tail; appends continue after the last record.
     */
    static CommitLog open(Path dir, long checkpoint, FsyncPolicy policy, Replay replay) throws IOException {
        return open(dir, checkpoint, policy, replay, SEGMENT_BYTES);
    }

    static CommitLog open(Path dir, long checkpoint, FsyncPolicy policy, Replay replay, long segmentLimit)
            throws IOException {
        Files.createDirectories(dir);
        TreeMap<Long, Path> found = listSegments(dir);
        long last = 0;
        Iterator<Map.Entry<Long, Path>> it = found.entrySet().iterator();
        while (it.hasNext()) {
            Path file = it.next().getValue();
            ReadResult r = readSegment(file, checkpoint, last, replay);
            last = r.lastLsn();
            if (r.tornAt() >= 0) {
                if (!r.padding()) {
                    System.err.println("cairn: commit log " + file.getFileName() + " ends in a torn record at byte "
                            + r.tornAt() + "; truncating there (writes after it were never acknowledged)");
                }
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ch.truncate(r.tornAt());
                    ch.force(true);
                }
                while (it.hasNext()) {
                    Files.deleteIfExists(it.next().getValue());
                    it.remove();
                }
            }
        }
        CommitLog log = new CommitLog(dir, Math.max(last, checkpoint), policy, segmentLimit);
        log.segments.putAll(found);
        log.releaseUpTo(checkpoint);
        log.writer.start();
        return log;
    }

    private static TreeMap<Long, Path> listSegments(Path dir) throws IOException {
        TreeMap<Long, Path> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(p -> {
                String name = p.getFileName().toString();
                if (name.startsWith("wal-") && name.endsWith(".log")) {
                    out.put(Long.parseLong(name.substring(4, name.length() - 4)), p);
                }
            });
        }
        return out;
    }

    /** {@code tornAt} -1 when the segment ends cleanly; {@code padding} when it ends in preallocated zeros. */
    private record ReadResult(long lastLsn, long tornAt, boolean padding) {
        ReadResult(long lastLsn, long tornAt) {
            this(lastLsn, tornAt, false);
        }
    }

    private static ReadResult readSegment(Path file, long checkpoint, long after, Replay replay) throws IOException {
        long size = Files.size(file);
        long pos = 0;
        long last = after;
        CRC32C crc = new CRC32C();
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            while (pos < size) {
                if (size - pos < HEADER) return new ReadResult(last, pos);
                int length = in.readInt();
                int sum = in.readInt();
                long lsn = in.readLong();
                if (length == 0 && sum == 0 && lsn == 0) return new ReadResult(last, pos, true);
                if (length < 0 || length > size - pos - HEADER || lsn <= last) return new ReadResult(last, pos);
                if (lsn <= checkpoint) {
                    // Already in MapDB: skip without reading, this segment is only partly obsolete.
                    in.skipNBytes(length);
                } else {
                    byte[] payload = new byte[length];
                    in.readFully(payload);
                    crc.reset();
                    crc.update(longBytes(lsn));
                    crc.update(payload);
                    if ((int) crc.getValue() != sum) return new ReadResult(last, pos);
                    if (lsn > Math.max(last, checkpoint) + 1) {
                        System.err.println("cairn: commit log gap before record " + lsn + " (after "
                                + Math.max(last, checkpoint) + ")");
                    }
                    replay.record(lsn, payload);
                }
                last = lsn;
                pos += HEADER + length;
            }
        } catch (EOFException e) {
            return new ReadResult(last, pos);
        }
        return new ReadResult(last, -1);
    }

    private static byte[] longBytes(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    private static String segmentName(long firstLsn) {
        return String.format("wal-%020d.log", firstLsn);
    }

    // ---- appending (engine thread, under the engine's lock) ----

    /** Appends one record; returns its sequence number. Order of calls is commit order. */
    synchronized long append(byte[] payload) {
        if (closed) throw new IllegalStateException("commit log closed");
        long lsn = ++appendedLsn;
        int need = size + HEADER + payload.length;
        if (need > buffer.length) buffer = java.util.Arrays.copyOf(buffer, Math.max(need, buffer.length * 2));
        appendCrc.reset();
        appendCrc.update(longBytes(lsn));
        appendCrc.update(payload);
        ByteBuffer b = ByteBuffer.wrap(buffer, size, HEADER);
        b.putInt(payload.length).putInt((int) appendCrc.getValue()).putLong(lsn);
        System.arraycopy(payload, 0, buffer, size + HEADER, payload.length);
        boolean wasEmpty = size == 0;
        if (wasEmpty) firstBuffered = lsn;
        size = need;
        // Under always the writer starts its grouping wait; the fsync itself waits for kick().
        if (wasEmpty && writerWaiting && policy == FsyncPolicy.ALWAYS && !committers.get()) notifyAll();
        return lsn;
    }

    /**
     * Under always: write and fsync what has been appended now, instead of at the end of the
     * grouping wait. The server calls it once per event-loop turn, after it has read and run the
     * commands of every connection that had input, which is what makes one fsync serve all of
     * them (as Redis's beforeSleep does), rather than starting an fsync for the first command
     * while the others are still being read.
     */
    synchronized void kick() {
        markCommitter();
        kicked = true;
        if (writerWaiting) notifyAll();
    }

    long appendedLsn() {
        return appendedLsn;
    }

    /** True when a reply may leave for a write at {@code lsn}: at once unless the policy is always. */
    boolean isDurable(long lsn) {
        return policy != FsyncPolicy.ALWAYS || durableLsn >= lsn;
    }

    /** Runs {@code action} (on the log's thread, or this one) once {@link #isDurable} holds for {@code lsn}. */
    void whenDurable(long lsn, Runnable action) {
        synchronized (waitersLock) {
            if (!isDurable(lsn) && !closedForWaiters) {
                waiters.add(new Waiter(lsn, action));
                return;
            }
        }
        action.run();
    }


    private void releaseWaiters(boolean all) {
        List<Runnable> ready = new ArrayList<>();
        synchronized (waitersLock) {
            if (all) closedForWaiters = true;
            Iterator<Waiter> it = waiters.iterator();
            while (it.hasNext()) {
                Waiter w = it.next();
                if (all || isDurable(w.lsn())) {
                    ready.add(w.action());
                    it.remove();
                }
            }
        }
        for (Runnable r : ready) {
            try {
                r.run();
            } catch (RuntimeException e) {
                System.err.println("cairn: commit log waiter failed: " + e);
            }
        }
    }

    void setPolicy(FsyncPolicy p) {
        synchronized (this) {
            policy = p;
            forceWanted = true; // whoever waited under always is released by one last fsync
            notifyAll();
        }
    }

    FsyncPolicy policy() {
        return policy;
    }

    /** Writes and fsyncs everything appended so far before returning (SAVE, shutdown, backup). */
    void sync() {
        long target;
        synchronized (this) {
            target = appendedLsn;
            if (durableLsn >= target) return;
            forceWanted = true;
            notifyAll();
        }
        synchronized (waitersLock) {
            while (durableLsn < target && !closedForWaiters) {
                try {
                    waitersLock.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    // ---- the writer thread ----

    private void writeLoop() {
        while (true) {
            boolean force;
            synchronized (this) {
                try {
                    if (!carryPending) {
                        if (policy == FsyncPolicy.ALWAYS) {
                            long deadline = 0;
                            while (!forceWanted && !closed && policy == FsyncPolicy.ALWAYS && !(size > 0 && kicked)) {
                                writerWaiting = true;
                                if (size == 0) {
                                    deadline = 0;
                                    wait(IDLE_LOOK_MILLIS);
                                    continue;
                                }
                                // Records nobody kicked for (written outside an event loop) go after a bound.
                                long now = System.nanoTime();
                                if (deadline == 0) deadline = now + KICK_WAIT_NANOS;
                                else if (now >= deadline) break;
                                wait(Math.max(1, (deadline - now) / 1_000_000));
                            }
                            kicked = false;
                        } else if (!forceWanted && !closed) {
                            writerWaiting = true;
                            wait(LINGER_MILLIS);
                        }
                    }
                } catch (InterruptedException e) {
                    return;
                } finally {
                    writerWaiting = false;
                }
                if (closed) return;
                force = forceWanted;
                forceWanted = false;
            }
            boolean ok;
            io.lock();
            try {
                ok = writeAndSync(force);
            } finally {
                io.unlock();
            }
            if (!ok) sleepQuietly(RETRY_MILLIS);
            releaseWaiters(false);
            synchronized (waitersLock) {
                waitersLock.notifyAll();
            }
        }
    }

    /**
     * Under always, called by an event loop at the end of its turn (see {@link #kick()}): writes
     * and fsyncs what is appended on this thread, as Redis's beforeSleep does, when the writer
     * thread is not busy with an fsync of its own (then the writer is kicked instead). On two
     * cores this keeps the hand-off of every group commit off the scheduler: the event loop
     * would otherwise wake the writer, and the writer wake the event loop again for the replies.
     * Returns false when it did nothing and the caller should kick the writer.
     */
    boolean commitInline() {
        if (policy != FsyncPolicy.ALWAYS) return false;
        markCommitter();
        if (!io.tryLock()) return false;
        boolean ok;
        try {
            synchronized (this) {
                if (closed || (size == 0 && !carryPending)) return true;
                kicked = false;
            }
            ok = writeAndSync(false);
        } finally {
            io.unlock();
        }
        if (!ok) kick(); // the writer retries, and keeps the replies held meanwhile
        releaseWaiters(false);
        synchronized (waitersLock) {
            waitersLock.notifyAll();
        }
        return true;
    }

    private void markCommitter() {
        if (!committers.get()) committers.set(Boolean.TRUE);
    }

    /**
     * One step of the log's output, holding {@link #io}: takes what is appended unless an earlier
     * failed step left records to retry (they go first, so the file keeps commit order), writes
     * them, and fsyncs as the policy says. Returns false when it failed; the records stay.
     */
    private boolean writeAndSync(boolean force) {
        synchronized (this) {
            if (carry == null && size > 0) {
                carry = buffer;
                carryLength = size;
                carryFirst = firstBuffered;
                carryLast = appendedLsn;
                carryPending = true;
                buffer = spare != null ? spare : new byte[64 * 1024];
                spare = null;
                size = 0;
            }
        }
        try {
            if (carry != null) {
                write(carry, carryLength, carryFirst);
                writtenLsn = carryLast;
                synchronized (this) {
                    if (spare == null && carry.length <= (4 << 20)) spare = carry;
                }
                carry = null;
                carryPending = false;
            }
            FsyncPolicy p = policy;
            long now = System.nanoTime();
            boolean due = p == FsyncPolicy.EVERYSEC && now - lastForceNanos >= 1_000_000_000L;
            if ((force || p == FsyncPolicy.ALWAYS || due) && writtenLsn > durableLsn) {
                segment.force(false);
                fsyncs++;
                lastFsyncMillis = System.currentTimeMillis();
                lastForceNanos = now;
            }
            if (force || p == FsyncPolicy.ALWAYS || due) durableLsn = writtenLsn;
            failure = null;
            return true;
        } catch (IOException | RuntimeException e) {
            // Keep the records and try again: under always the replies stay held, as they must.
            if (failure == null) System.err.println("cairn: commit log write failed, retrying: " + e);
            failure = String.valueOf(e);
            synchronized (this) {
                forceWanted |= force;
            }
            return false;
        }
    }

    private void write(byte[] data, int length, long firstLsn) throws IOException {
        if (segment == null || segmentBytes >= segmentLimit) rotate(firstLsn);
        long start = segmentBytes;
        try {
            ByteBuffer b = ByteBuffer.wrap(data, 0, length);
            while (b.hasRemaining()) segment.write(b);
            segmentBytes += length;
            if (!successorAsked && segmentBytes >= segmentLimit / 2) {
                successorAsked = true;
                nextSegment.prepare();
            }
        } catch (IOException e) {
            try {
                segment.position(start); // the retry overwrites whatever part was written
            } catch (IOException ignored) {
                // the retry's own failure will say so
            }
            throw e;
        }
    }

    private void rotate(long firstLsn) throws IOException {
        if (segment != null) {
            segment.force(false);
            segment.close();
            segment = null;
        }
        Path file = dir.resolve(segmentName(firstLsn));
        FileChannel ch;
        if (nextSegment.takeAs(file)) {
            ch = FileChannel.open(file, StandardOpenOption.WRITE);
        } else {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            SpareSegment.zeroFill(ch, segmentLimit);
        }
        syncDirectory();
        synchronized (segments) {
            segments.put(firstLsn, file);
        }
        segment = ch;
        segmentBytes = 0;
        successorAsked = false;
    }

    /** A new segment's directory entry must be on disk too, or an fsync of its data is worth nothing. */
    private void syncDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open a directory; the data fsync is all they offer.
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- checkpoints, backup, stats ----

    /** Deletes the segments whose every record is at or below {@code lsn} (now in MapDB). The newest stays. */
    void releaseUpTo(long lsn) {
        List<Path> doomed = new ArrayList<>();
        synchronized (segments) {
            Long next;
            while (segments.size() > 1 && (next = segments.higherKey(segments.firstKey())) != null && next - 1 <= lsn) {
                doomed.add(segments.pollFirstEntry().getValue());
            }
        }
        for (Path p : doomed) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                System.err.println("cairn: could not delete old commit log segment " + p + ": " + e);
            }
        }
    }

    /**
     * Copies every segment into {@code target}. The newest may be cut mid-record if the writer is
     * busy meanwhile; a restart from the copy truncates that record like any torn tail.
     */
    void copyTo(Path target) throws IOException {
        sync();
        Files.createDirectories(target);
        for (Path p : segmentFiles()) {
            if (Files.exists(p)) Files.copy(p, target.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    long bytesOnDisk() {
        long n = 0;
        for (Path p : segmentFiles()) {
            try {
                n += Files.size(p);
            } catch (IOException e) {
                // deleted by a checkpoint meanwhile
            }
        }
        return n;
    }

    /** Whether a zero-filled spare waits for the next rotation (see {@link SpareSegment}). */
    boolean spareReady() {
        return nextSegment.ready();
    }

    /** The segment files, oldest first. */
    List<Path> segmentFiles() {
        synchronized (segments) {
            return new ArrayList<>(segments.values());
        }
    }

    long durableLsn() {
        return durableLsn;
    }

    long fsyncs() {
        return fsyncs;
    }

    long lastFsyncMillis() {
        return lastFsyncMillis;
    }

    /** The last write or fsync error, or null when the last attempt succeeded. */
    String failure() {
        return failure;
    }

    /** Writes and fsyncs what is left, stops the writer and releases everyone still waiting. */
    @Override
    public void close() {
        sync();
        synchronized (this) {
            if (closed) return;
            closed = true;
            notifyAll();
        }
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        io.lock();
        try {
            if (carry != null) {
                write(carry, carryLength, carryFirst);
                writtenLsn = carryLast;
                carry = null;
                carryPending = false;
            }
            synchronized (this) {
                if (size > 0) {
                    write(buffer, size, firstBuffered);
                    size = 0;
                    writtenLsn = appendedLsn;
                }
            }
            if (segment != null) {
                segment.truncate(segmentBytes); // the unused preallocated tail
                segment.force(true);
                durableLsn = writtenLsn;
                segment.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            io.unlock();
            releaseWaiters(true);
            nextSegment.close();
        }
    }
}
