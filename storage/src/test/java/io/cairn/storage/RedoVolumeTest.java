package io.cairn.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.volume.MappedFileVol;
import org.mapdb.volume.Volume;

/**
 * The store file of MapDB changes only through a sealed redo file: a commit cut short before its
 * seal leaves the store as it was, one cut short after it is finished by the next start.
 */
class RedoVolumeTest {

    @TempDir
    Path dir;

    private Path store() {
        return dir.resolve("store");
    }

    private RedoVolume open() {
        Volume mapped = new MappedFileVol.MappedFileFactory(false, true)
                .makeVolume(store().toString(), false, 0L, 20, 0L, false);
        mapped.ensureAvailable(1 << 20);
        return new RedoVolume(mapped, RedoVolume.redoPathFor(store()));
    }

    private static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }

    private byte[] storeBytes(long offset, int n) throws IOException {
        return Arrays.copyOfRange(Files.readAllBytes(store()), (int) offset, (int) offset + n);
    }

    @Test
    void writesReachTheStoreAtSyncAndNotBefore() throws IOException {
        RedoVolume v = open();
        v.putData(4096, filled(100, 7), 0, 100);
        v.putLong(16, 0x0102030405060708L);
        assertArrayEquals(new byte[100], storeBytes(4096, 100), "a write before sync stays out of the store");
        v.sync();
        assertArrayEquals(filled(100, 7), storeBytes(4096, 100));
        assertEquals(0x0102030405060708L, v.getLong(16));
        assertFalse(Files.exists(RedoVolume.redoPathFor(store())), "the redo file is gone after sync");
        v.close();
    }

    @Test
    void aCommitCutShortBeforeItsSealLeavesThePreviousCommit() throws IOException {
        RedoVolume v = open();
        v.putData(0, filled(64, 1), 0, 64);
        v.sync();
        v.putData(0, filled(64, 2), 0, 64);
        v.putData(8192, filled(64, 2), 0, 64);
        // the process dies here: no sync, the redo file is unsealed
        assertTrue(Files.exists(RedoVolume.redoPathFor(store())));

        assertFalse(RedoVolume.recover(store()), "an unsealed redo file is not applied");
        assertArrayEquals(filled(64, 1), storeBytes(0, 64));
        assertArrayEquals(new byte[64], storeBytes(8192, 64));
        assertFalse(Files.exists(RedoVolume.redoPathFor(store())));
    }

    @Test
    void aCommitCutShortAfterItsSealIsFinishedByRecover() throws IOException {
        RedoVolume v = open();
        v.putData(0, filled(64, 1), 0, 64);
        v.sync();
        v.putData(0, filled(64, 3), 0, 64);
        v.putInt(8192, 42);
        v.seal();
        // the process dies here: sealed, not applied

        assertTrue(RedoVolume.recover(store()));
        assertArrayEquals(filled(64, 3), storeBytes(0, 64));
        assertArrayEquals(new byte[] {0, 0, 0, 42}, storeBytes(8192, 4));
        assertFalse(Files.exists(RedoVolume.redoPathFor(store())));
    }

    @Test
    void aRedoFileWithABadChecksumIsNotApplied() throws IOException {
        RedoVolume v = open();
        v.putData(0, filled(64, 5), 0, 64);
        v.seal();
        Path redo = RedoVolume.redoPathFor(store());
        byte[] bytes = Files.readAllBytes(redo);
        bytes[20] ^= 1; // inside the recorded data
        Files.write(redo, bytes);

        assertFalse(RedoVolume.recover(store()));
        assertArrayEquals(new byte[64], storeBytes(0, 64));
    }

    @Test
    void discardedWritesNeverReachTheStore() throws IOException {
        RedoVolume v = open();
        v.putData(0, filled(64, 9), 0, 64);
        v.discardPending();
        v.sync();
        assertArrayEquals(new byte[64], storeBytes(0, 64));
        v.close();
    }
}
