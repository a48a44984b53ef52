package io.cairn.storage;

/**
 * What an engine reports about its durability, for INFO persistence.
 *
 * @param lastCommitMillis   wall time of the last successful commit to the backing store (0 if none)
 * @param lastCommitOk       whether the last commit succeeded
 * @param commits            commits to the backing store since start
 * @param pendingWrites      writes accepted in memory but not yet in the backing store
 * @param bytesOnDisk        size of the backing files
 */
public record EngineStats(long lastCommitMillis, boolean lastCommitOk, long commits, long pendingWrites,
                          long bytesOnDisk) {}
