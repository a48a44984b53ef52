package io.cairn.storage;

import java.nio.file.Path;

import org.mapdb.volume.MappedFileVol;
import org.mapdb.volume.Volume;
import org.mapdb.volume.VolumeFactory;

/**
 * MapDB's memory-mapped volumes, with the store file's own volume wrapped in a {@link RedoVolume}
 * (MapDB's WAL files, made by the same factory, stay plain).
 */
final class RedoVolumeFactory extends VolumeFactory {

    private final VolumeFactory mapped = new MappedFileVol.MappedFileFactory(false, true);
    private final String storeFile;
    private RedoVolume storeVolume;

    RedoVolumeFactory(Path storeFile) {
        this.storeFile = storeFile.toString();
    }

    @Override
    public Volume makeVolume(String file, boolean readOnly, long fileLockWait, int sliceShift, long initSize,
            boolean fixedSize) {
        Volume v = mapped.makeVolume(file, readOnly, fileLockWait, sliceShift, initSize, fixedSize);
        if (readOnly || !storeFile.equals(file)) return v;
        storeVolume = new RedoVolume(v, RedoVolume.redoPathFor(Path.of(file)));
        return storeVolume;
    }

    @Override
    public boolean exists(String file) {
        return mapped.exists(file);
    }

    @Override
    public boolean handlesReadonly() {
        return mapped.handlesReadonly();
    }

    /** After a MapDB rollback: the failed commit's recorded writes must never reach the store. */
    void discardPending() {
        if (storeVolume != null) storeVolume.discardPending();
    }
}
