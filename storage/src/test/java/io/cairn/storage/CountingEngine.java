package io.cairn.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A pass-through engine that counts what the keyspace asks of it, to check how work is done. */
final class CountingEngine implements StorageEngine {

    final StorageEngine inner;
    final AtomicLong scans = new AtomicLong();
    final AtomicLong expiringCalls = new AtomicLong();
    final AtomicLong expiryRefsReturned = new AtomicLong();

    CountingEngine(StorageEngine inner) {
        this.inner = inner;
    }

    @Override
    public Entry get(int bucket, byte[] key) {
        return inner.get(bucket, key);
    }

    @Override
    public Iterator<KeyEntry> scan(int bucket, byte[] from, byte[] to, boolean reverse) {
        scans.incrementAndGet();
        return inner.scan(bucket, from, to, reverse);
    }

    @Override
    public boolean commit(WriteBatch batch) {
        return inner.commit(batch);
    }

    @Override
    public long count(int bucket) {
        return inner.count(bucket);
    }

    @Override
    public long countExpiring(int bucket) {
        return inner.countExpiring(bucket);
    }

    @Override
    public void clear(int bucket) {
        inner.clear(bucket);
    }

    @Override
    public void swap(int bucketA, int bucketB) {
        inner.swap(bucketA, bucketB);
    }

    @Override
    public Iterator<ExpiryRef> expiring(long upToMillis, int limit) {
        expiringCalls.incrementAndGet();
        List<ExpiryRef> refs = new ArrayList<>();
        inner.expiring(upToMillis, limit).forEachRemaining(refs::add);
        expiryRefsReturned.addAndGet(refs.size());
        return refs.iterator();
    }

    @Override
    public long lastGeneration() {
        return inner.lastGeneration();
    }

    @Override
    public void sync() {
        inner.sync();
    }

    @Override
    public EngineStats stats() {
        return inner.stats();
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }

    @Override
    public long commitPosition() {
        return inner.commitPosition();
    }

    @Override
    public boolean isDurable(long position) {
        return inner.isDurable(position);
    }

    @Override
    public void whenDurable(long position, Runnable action) {
        inner.whenDurable(position, action);
    }

    @Override
    public void setFsyncPolicy(FsyncPolicy policy) {
        inner.setFsyncPolicy(policy);
    }

    @Override
    public void backup(java.nio.file.Path target) throws IOException {
        inner.backup(target);
    }

    @Override
    public void beginUnit() {
        inner.beginUnit();
    }

    @Override
    public void endUnit() {
        inner.endUnit();
    }

    @Override
    public void commitNow() {
        inner.commitNow();
    }
}
