package io.cairn.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes that commit as one unit, with optional generation preconditions (etcd's Txn compare,
 * Deno's atomic check). A precondition of generation 0 means "the key must be absent".
 */
public final class WriteBatch {

    /** One precondition: {@code key} must currently have {@code generation} (0 = be absent). */
    public record Check(int bucket, byte[] key, long generation) {}

    /** One write: {@code entry} null means delete. */
    public record Op(int bucket, byte[] key, Entry entry) {}

    private final List<Check> checks = new ArrayList<>(0);
    private final List<Op> ops = new ArrayList<>(2);

    public static WriteBatch put(int bucket, byte[] key, Entry entry) {
        return new WriteBatch().write(bucket, key, entry);
    }

    public static WriteBatch delete(int bucket, byte[] key) {
        return new WriteBatch().write(bucket, key, null);
    }

    public WriteBatch check(int bucket, byte[] key, long generation) {
        checks.add(new Check(bucket, key, generation));
        return this;
    }

    public WriteBatch write(int bucket, byte[] key, Entry entryOrNull) {
        ops.add(new Op(bucket, key, entryOrNull));
        return this;
    }

    public List<Check> checks() {
        return checks;
    }

    public List<Op> ops() {
        return ops;
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }
}
