package io.fsconnect.storage.local;

import io.fsconnect.storage.NoSuchObjectException;
import io.fsconnect.storage.ObjectInfo;
import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectUpload;
import io.fsconnect.storage.RangeLimitedStream;
import io.fsconnect.storage.SupportsCreateIfAbsent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * An {@link ObjectStore} on a directory of the local (or a mounted) file system. A key maps to the file
 * at that relative path under the root; keys that would leave the root are rejected. An upload writes
 * to a hidden temporary file next to its target, named {@code .<name>.<random>.partial} so that readers
 * globbing for the final extension never match it, and renames it into place atomically when closed
 * (after forcing it to disk), replacing any previous object. Listings never show temporary files.
 * {@link #createIfAbsent(String)} publishes with a hard link, which fails atomically if the key is taken.
 */
public final class LocalObjectStore implements ObjectStore, SupportsCreateIfAbsent {

    private final Path root;

    /**
     * Uses {@code root} as the store; it is created if missing.
     *
     * @throws IOException if the root cannot be created or is not a directory
     */
    public LocalObjectStore(Path root) throws IOException {
        Objects.requireNonNull(root, "root");
        Path absolute = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new IOException("Cannot use directory " + absolute + " as a local object store: " + e, e);
        }
        this.root = absolute.toRealPath();
    }

    /** The directory this store keeps its objects in. */
    public Path root() {
        return root;
    }

    @Override
    public ObjectUpload create(String key) throws IOException {
        return LocalUpload.start(key, resolve(key), LocalUpload.Publish.REPLACE);
    }

    @Override
    public ObjectUpload createIfAbsent(String key) throws IOException {
        return LocalUpload.start(key, resolve(key), LocalUpload.Publish.IF_ABSENT);
    }

    @Override
    public InputStream open(String key) throws IOException {
        Path file = resolve(key);
        if (Files.isDirectory(file)) {
            throw noSuchObject(key);
        }
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw noSuchObject(key);
        }
    }

    @Override
    public ObjectInfo stat(String key) throws IOException {
        Path file = resolve(key);
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (attributes.isDirectory()) {
                throw noSuchObject(key);
            }
            return new ObjectInfo(key, attributes.size(), attributes.lastModifiedTime().toInstant());
        } catch (NoSuchFileException e) {
            throw noSuchObject(key);
        }
    }

    @Override
    public InputStream openRange(String key, long offset, long length) throws IOException {
        ObjectStore.checkRange(key, offset, length);
        SeekableByteChannel channel = openSeekable(key);
        channel.position(offset);
        return new RangeLimitedStream(Channels.newInputStream(channel), length);
    }

    /** The file itself: the local store needs no ranged requests. */
    @Override
    public SeekableByteChannel openSeekable(String key) throws IOException {
        Path file = resolve(key);
        if (Files.isDirectory(file)) {
            throw noSuchObject(key);
        }
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw noSuchObject(key);
        }
    }

    @Override
    public Iterable<ObjectInfo> list(String prefix) throws IOException {
        Objects.requireNonNull(prefix, "prefix");
        int lastSlash = prefix.lastIndexOf('/');
        String directoryKey = lastSlash < 0 ? "" : prefix.substring(0, lastSlash);
        Path directory = directoryKey.isEmpty() ? root : resolve(directoryKey);
        return () -> new Listing(directory, directoryKey.isEmpty() ? "" : directoryKey + "/", prefix);
    }

    @Override
    public void delete(String key) throws IOException {
        Path file = resolve(key);
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.deleteIfExists(file);
    }

    @Override
    public void close() {
        // Nothing is held open between calls.
    }

    @Override
    public String toString() {
        return "LocalObjectStore[" + root + "]";
    }

    private Path resolve(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw badKey(key, "a key must not be empty");
        }
        if (key.startsWith("/")) {
            throw badKey(key, "a key is a path relative to the store root and must not start with '/'");
        }
        if (key.indexOf('\\') >= 0 || key.indexOf('\0') >= 0) {
            throw badKey(key, "a key must not contain '\\' or NUL; separate segments with '/'");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.equals("..")) {
                throw badKey(key, "'..' would escape the store root " + root);
            }
            if (segment.isEmpty() || segment.equals(".")) {
                throw badKey(key, "empty and '.' segments are not allowed");
            }
        }
        Path resolved = root.resolve(key).normalize();
        if (!resolved.startsWith(root)) {
            throw badKey(key, "it resolves outside the store root " + root);
        }
        return resolved;
    }

    private IllegalArgumentException badKey(String key, String reason) {
        return new IllegalArgumentException("Cannot use object key '" + key + "' in local store " + root
                + ": " + reason + ". Keys are '/'-separated paths relative to the store root.");
    }

    private NoSuchObjectException noSuchObject(String key) {
        return new NoSuchObjectException(key, "Cannot open object " + key + ": no such object in local store " + root);
    }

    /**
     * Walks directories depth first, each sorted so that the emitted keys come out in lexicographic
     * order: a directory sorts as its name followed by '/', which is exactly where its keys fall.
     */
    private static final class Listing implements Iterator<ObjectInfo> {

        private record Entry(Path path, String key, BasicFileAttributes attributes) {
        }

        private final String prefix;
        private final Deque<Iterator<Entry>> stack = new ArrayDeque<>();
        private ObjectInfo next;

        Listing(Path directory, String directoryKey, String prefix) {
            this.prefix = prefix;
            if (Files.isDirectory(directory)) {
                stack.push(entries(directory, directoryKey));
            }
        }

        @Override
        public boolean hasNext() {
            while (next == null && !stack.isEmpty()) {
                Iterator<Entry> top = stack.peek();
                if (!top.hasNext()) {
                    stack.pop();
                    continue;
                }
                Entry entry = top.next();
                if (entry.attributes().isDirectory()) {
                    String childKey = entry.key() + "/";
                    // Skip whole subtrees that cannot contain a key with the prefix.
                    if (childKey.startsWith(prefix) || prefix.startsWith(childKey)) {
                        stack.push(entries(entry.path(), childKey));
                    }
                } else if (entry.attributes().isRegularFile() && entry.key().startsWith(prefix)) {
                    next = new ObjectInfo(entry.key(), entry.attributes().size(),
                            entry.attributes().lastModifiedTime().toInstant());
                }
            }
            return next != null;
        }

        @Override
        public ObjectInfo next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ObjectInfo result = next;
            next = null;
            return result;
        }

        private static Iterator<Entry> entries(Path directory, String directoryKey) {
            List<Entry> entries = new ArrayList<>();
            try (Stream<Path> children = Files.list(directory)) {
                for (Path child : (Iterable<Path>) children::iterator) {
                    String name = child.getFileName().toString();
                    if (LocalUpload.isTemporaryName(name)) {
                        continue;
                    }
                    BasicFileAttributes attributes;
                    try {
                        attributes = Files.readAttributes(child, BasicFileAttributes.class);
                    } catch (NoSuchFileException e) {
                        continue; // deleted while listing
                    }
                    entries.add(new Entry(child, directoryKey + name, attributes));
                }
            } catch (NoSuchFileException e) {
                return entries.iterator();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list directory " + directory + ": " + e.getMessage(), e);
            }
            entries.sort(Comparator.comparing(e -> e.attributes().isDirectory() ? e.key() + "/" : e.key()));
            return entries.iterator();
        }
    }
}
