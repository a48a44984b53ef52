package io.cairn.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the MapDB file that is the store. A flush that rewrites the whole store writes the next
 * generation's file beside the current one and makes it current by an atomic rename of this
 * manifest, so that a crash at any moment leaves exactly one authoritative file: the old one
 * until the rename is durable, the new one after. A directory without a manifest is a store of
 * before generations, whose file is {@link #FIRST}.
 */
final class StoreManifest {

    static final String NAME = "cairn.manifest";
    static final String FIRST = "cairn.mapdb";
    private static final Pattern GENERATION = Pattern.compile("cairn(?:-(\\d+))?\\.mapdb");

    private StoreManifest() {
    }

    /** The store file the manifest names, or the first generation's when there is none. */
    static String current(Path dir) throws IOException {
        Path manifest = dir.resolve(NAME);
        if (!Files.exists(manifest)) return FIRST;
        String name = Files.readString(manifest, StandardCharsets.UTF_8).trim();
        if (!GENERATION.matcher(name).matches()) throw new IOException("unreadable store manifest " + manifest + ": " + name);
        return name;
    }

    /** The file name of the generation after {@code current}. */
    static String next(String current) {
        Matcher m = GENERATION.matcher(current);
        if (!m.matches()) throw new IllegalArgumentException(current);
        long n = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
        return "cairn-" + (n + 1) + ".mapdb";
    }

    /** Makes {@code storeFile} the store: written aside, fsynced, renamed over the manifest, directory fsynced. */
    static void switchTo(Path dir, String storeFile) throws IOException {
        Path tmp = dir.resolve(NAME + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap((storeFile + "\n").getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) ch.write(b);
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(dir);
    }

    /** The files of the store file {@code storeFile}: itself, its MapDB WAL files and its redo file. */
    static List<Path> filesOf(Path dir, String storeFile) throws IOException {
        List<Path> out = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String n = p.getFileName().toString();
                if (n.equals(storeFile) || n.startsWith(storeFile + ".")) out.add(p);
            }
        }
        return out;
    }

    /**
     * Deletes every generation's files but {@code keep}'s: the old generation after a switch,
     * and after a crash, an old one whose deletion it interrupted or a new one it left half written.
     */
    static void removeAllBut(Path dir, String keep) throws IOException {
        List<Path> doomed = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String n = p.getFileName().toString();
                if (n.equals(NAME + ".tmp")) {
                    doomed.add(p);
                    continue;
                }
                int dot = n.indexOf(".mapdb");
                if (dot < 0 || !GENERATION.matcher(n.substring(0, dot + 6)).matches()) continue;
                if (!n.substring(0, dot + 6).equals(keep)) doomed.add(p);
            }
        }
        for (Path p : doomed) Files.deleteIfExists(p);
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
