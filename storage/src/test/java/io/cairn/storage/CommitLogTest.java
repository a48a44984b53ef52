package io.cairn.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write-ahead log alone: what a restart replays, and what it refuses to. */
class CommitLogTest {

    @TempDir
    Path dir;

    private final List<String> replayed = new ArrayList<>();

    private CommitLog open(long checkpoint) throws IOException {
        return open(checkpoint, FsyncPolicy.EVERYSEC);
    }

    private CommitLog open(long checkpoint, FsyncPolicy policy) throws IOException {
        replayed.clear();
        return CommitLog.open(dir, checkpoint, policy, (lsn, payload) -> replayed.add(lsn + ":" + str(payload)), 256);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private void appendAll(CommitLog log, String... payloads) {
        for (String p : payloads) log.append(bytes(p));
    }

    private Path lastSegment() throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".log")).sorted().reduce((a, b) -> b).orElseThrow();
        }
    }

    private Path spare() {
        return dir.resolve(SpareSegment.NAME);
    }

    private static void awaitSpare(CommitLog log) throws InterruptedException {
        for (int i = 0; i < 1000 && !log.spareReady(); i++) Thread.sleep(10);
        assertTrue(log.spareReady(), "a spare is prepared in the background");
    }

    @Test
    void recordsAreReplayedInOrderAfterARestart() throws IOException {
        try (CommitLog log = open(0)) {
            appendAll(log, "one", "two", "three");
        }
        try (CommitLog log = open(0)) {
            assertEquals(List.of("1:one", "2:two", "3:three"), replayed);
            assertEquals(4, log.append(bytes("four")), "numbering goes on after the last record");
        }
    }

    @Test
    void recordsCoveredByTheCheckpointAreNotReplayed() throws IOException {
        try (CommitLog log = open(0)) {
            appendAll(log, "one", "two", "three");
        }
        try (CommitLog log = open(2)) {
            assertEquals(List.of("3:three"), replayed);
        }
    }

    @Test
    void aCheckpointBeyondTheLogContinuesNumberingAfterIt() throws IOException {
        // The flusher may commit a state whose records never reached the file before a crash.
        try (CommitLog log = open(0)) {
            appendAll(log, "one");
        }
        try (CommitLog log = open(7)) {
            assertEquals(List.of(), replayed);
            assertEquals(8, log.append(bytes("eight")));
        }
    }

    @Test
    void aRecordCutShortIsTruncatedAndAppendsGoOnAfterTheLastWholeOne() throws IOException {
        try (CommitLog log = open(0)) {
            appendAll(log, "one", "two");
        }
        Path seg = lastSegment();
        long whole = Files.size(seg);
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            // The header of a third record and half its payload: what a kill -9 mid-write leaves.
            ch.write(ByteBuffer.allocate(20).putInt(10).putInt(123).putLong(3).putInt(0x41414141).flip());
        }
        try (CommitLog log = open(0)) {
            assertEquals(List.of("1:one", "2:two"), replayed);
            assertEquals(whole, Files.size(seg), "the torn tail is cut off");
            log.append(bytes("three again"));
        }
        try (CommitLog log = open(0)) {
            assertEquals(List.of("1:one", "2:two", "3:three again"), replayed);
        }
    }

    @Test
    void aRecordWithABadChecksumEndsTheReplayThere() throws IOException {
        try (CommitLog log = open(0)) {
            appendAll(log, "one", "two", "three");
        }
        Path seg = lastSegment();
        byte[] content = Files.readAllBytes(seg);
        content[content.length - 1] ^= 0x01; // last byte of "three"
        Files.write(seg, content);
        try (CommitLog log = open(0)) {
            assertEquals(List.of("1:one", "2:two"), replayed);
        }
    }

    @Test
    void segmentsWhollyBelowTheCheckpointAreDeletedAndTheNewestIsKept() throws IOException {
        try (CommitLog log = open(0)) {
            for (int i = 0; i < 40; i++) {
                log.append(bytes("record-" + i + "-" + "x".repeat(40)));
                log.sync(); // one write per record, so the 256-byte limit rotates every few records
            }
            int before = log.segmentFiles().size();
            assertTrue(before > 3, "expected several segments, got " + before);
            log.releaseUpTo(40);
            assertEquals(1, log.segmentFiles().size());
        }
        try (CommitLog log = open(40)) {
            assertEquals(List.of(), replayed);
            assertEquals(41, log.append(bytes("next")));
        }
    }

    @Test
    void releaseKeepsEverySegmentHoldingARecordAboveTheCheckpoint() throws IOException {
        try (CommitLog log = open(0)) {
            for (int i = 1; i <= 40; i++) {
                log.append(bytes("r" + i + "-" + "x".repeat(40)));
                log.sync();
            }
            log.releaseUpTo(20);
        }
        try (CommitLog log = open(20)) {
            List<String> expected = new ArrayList<>();
            for (int i = 21; i <= 40; i++) expected.add(i + ":r" + i + "-" + "x".repeat(40));
            assertEquals(expected, replayed);
        }
    }

    @Test
    void aRotationTakesTheSparePreparedOnceTheSegmentWasHalfFull() throws Exception {
        try (CommitLog log = open(0)) {
            log.append(bytes("r1-" + "x".repeat(140))); // 16 + 143 bytes: past half of 256
            log.sync();
            awaitSpare(log);
            assertEquals(256, Files.size(spare()));
            log.append(bytes("r2-" + "x".repeat(140)));
            log.sync(); // still the first segment, now past its limit
            log.append(bytes("r3-" + "x".repeat(20)));
            log.sync(); // rotates
            assertEquals(2, log.segmentFiles().size());
            assertTrue(!Files.exists(spare()), "the spare became the new segment");
            assertEquals(256, Files.size(log.segmentFiles().get(1)), "the new segment is zero-filled to the limit");
        }
        try (CommitLog log = open(0)) {
            assertEquals(List.of("1:r1-" + "x".repeat(140), "2:r2-" + "x".repeat(140), "3:r3-" + "x".repeat(20)), replayed);
        }
    }

    @Test
    void aSpareLeftByAnEarlierRunIsNotReadAsASegment() throws IOException {
        try (CommitLog log = open(0)) {
            appendAll(log, "one");
        }
        Files.write(spare(), "garbage from a half-written spare".getBytes(StandardCharsets.UTF_8));
        try (CommitLog log = open(0)) {
            assertEquals(List.of("1:one"), replayed);
            assertTrue(!Files.exists(spare()) || Files.size(spare()) == 256, "deleted, or prepared afresh");
            assertEquals(2, log.append(bytes("two")));
        }
    }

    @Test
    void closingDeletesTheSpare() throws Exception {
        try (CommitLog log = open(0)) {
            log.append(bytes("r1-" + "x".repeat(140)));
            log.sync();
            awaitSpare(log);
        }
        assertTrue(!Files.exists(spare()));
    }

    @Test
    void underAlwaysAWaiterRunsOnlyOnceItsRecordIsOnDisk() throws Exception {
        try (CommitLog log = open(0, FsyncPolicy.ALWAYS)) {
            long lsn = log.append(bytes("one"));
            CountDownLatch ran = new CountDownLatch(1);
            long[] durableWhenRun = new long[1];
            log.whenDurable(lsn, () -> {
                durableWhenRun[0] = log.durableLsn();
                ran.countDown();
            });
            assertTrue(ran.await(10, TimeUnit.SECONDS));
            assertTrue(durableWhenRun[0] >= lsn);
            assertTrue(log.fsyncs() >= 1);
        }
    }

    /** An event loop's appends do not wake the writer; one it never commits (its client left) must not stay in memory. */
    @Test
    void underAlwaysARecordACommittingThreadLeftUncommittedIsFsyncedByTheWriter() throws Exception {
        try (CommitLog log = open(0, FsyncPolicy.ALWAYS)) {
            log.commitInline(); // this thread now commits its own appends at the end of its turns
            long lsn = log.append(bytes("left behind"));
            CountDownLatch ran = new CountDownLatch(1);
            log.whenDurable(lsn, ran::countDown);
            assertTrue(ran.await(10, TimeUnit.SECONDS), "never fsynced");
            assertTrue(log.durableLsn() >= lsn);
        }
    }

    @Test
    void underAlwaysCommitInlineMakesTheRecordsDurableBeforeItReturns() throws IOException {
        try (CommitLog log = open(0, FsyncPolicy.ALWAYS)) {
            long lsn = log.append(bytes("one"));
            long before = log.fsyncs();
            assertTrue(log.commitInline() || log.isDurable(lsn), "inline, or the writer had it already");
            assertTrue(log.isDurable(lsn));
            assertTrue(log.fsyncs() > before || before >= 1);
        }
    }

    @Test
    void inlineCommitsAndTheWriterKeepTheLogInCommitOrder() throws Exception {
        try (CommitLog log = open(0, FsyncPolicy.ALWAYS)) {
            // Two threads calling commitInline while the writer thread also runs (kicked by
            // appends that nobody commits inline): whoever writes, the records stay in order.
            Thread[] threads = new Thread[2];
            for (int t = 0; t < threads.length; t++) {
                int id = t;
                threads[t] = new Thread(() -> {
                    for (int i = 0; i < 300; i++) {
                        synchronized (log) {
                            log.append(bytes(id + "-" + i));
                        }
                        if (i % 3 != 0) log.commitInline();
                        else log.kick();
                    }
                });
                threads[t].start();
            }
            for (Thread t : threads) t.join();
        }
        try (CommitLog log = open(0)) {
            assertEquals(600, replayed.size());
            for (int i = 0; i < replayed.size(); i++) {
                assertTrue(replayed.get(i).startsWith((i + 1) + ":"), "record " + (i + 1) + " in place: " + replayed.get(i));
            }
        }
    }

    @Test
    void underEverysecAReplyNeverWaits() throws IOException {
        try (CommitLog log = open(0, FsyncPolicy.EVERYSEC)) {
            long lsn = log.append(bytes("one"));
            assertTrue(log.isDurable(lsn));
        }
    }

    @Test
    void syncMakesEveryAppendedRecordDurable() throws IOException {
        try (CommitLog log = open(0, FsyncPolicy.NO)) {
            appendAll(log, "one", "two");
            log.sync();
            assertEquals(2, log.durableLsn());
        }
    }
}
