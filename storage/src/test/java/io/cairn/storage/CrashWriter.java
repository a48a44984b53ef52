package io.cairn.storage;

import java.nio.file.Path;

/**
 * Child process of {@link PersistenceTest}: writes pairs of keys in one batch each, forever,
 * syncing every 500 pairs and then printing the last synced pair number, until it is killed.
 */
public final class CrashWriter {

    public static void main(String[] args) throws Exception {
        MapDbEngine engine = new MapDbEngine(Path.of(args[0]), 20);
        long gen = engine.lastGeneration();
        for (int i = 0; ; i++) {
            byte[] value = ("value-" + i).getBytes();
            WriteBatch pair = new WriteBatch()
                    .write(0, ("a" + i).getBytes(), new Entry(ValueType.STRING, value, Entry.NO_EXPIRY, ++gen, null))
                    .write(0, ("b" + i).getBytes(), new Entry(ValueType.STRING, value, Entry.NO_EXPIRY, ++gen, null));
            engine.commit(pair);
            if (i % 500 == 499) {
                engine.sync();
                System.out.println("synced " + i + " gen " + gen);
                System.out.flush();
            }
        }
    }
}
