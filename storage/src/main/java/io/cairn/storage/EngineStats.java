package io.cairn.storage;

/**
 * What an engine reports about its durability, for INFO persistence.
 *
 * @param lastCommitMillis   wall time of the last successful commit to the backing store (0 if none)
 * @param lastCommitOk       whether the last commit succeeded
 * @param commits            commits to the backing store since start
 * @param pendingWrites      writes accepted in memory but not yet in the backing store
 * @param bytesOnDisk        size of the backing files and the commit log
 * @param fsyncPolicy        when the commit log is forced to disk
 * @param fsyncs             fsyncs of the commit log since start
 * @param lastFsyncMillis    wall time of the last fsync of the commit log (0 if none)
 * @param logFailure         the last commit log write error, null when the last write succeeded
 */
public record EngineStats(long lastCommitMillis, boolean lastCommitOk, long commits, long pendingWrites,
                          long bytesOnDisk, FsyncPolicy fsyncPolicy, long fsyncs, long lastFsyncMillis,
                          String logFailure) {}
