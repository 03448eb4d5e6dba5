package io.fsconnect.source.objectstore;

import io.fsconnect.storage.NoSuchObjectException;
import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.format.RecordReader;
import io.fsconnect.storage.format.RecordReaderFormat;
import io.fsconnect.storage.local.LocalObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Opens an object of the store as a {@link RecordReader} of the configured format. Stream formats read
 * the object's stream directly. Formats that need a seekable input (Parquet) read the file itself when
 * the store is local; for other stores, whose interface offers no ranged reads yet, the object is first
 * copied to a temporary file in {@code java.io.tmpdir} (so the worker needs free disk space of the size
 * of the largest object being read per task), which is deleted when the reader closes.
 */
final class ObjectOpener {

    private final ObjectStore store;
    private final RecordReaderFormat format;

    ObjectOpener(ObjectStore store, RecordReaderFormat format) {
        this.store = store;
        this.format = format;
    }

    /**
     * @throws io.fsconnect.storage.NoSuchObjectException if the object is gone
     * @throws io.fsconnect.storage.format.RecordReaderException if the object does not start like a file of the format
     * @throws IOException if the store fails
     */
    RecordReader open(String key) throws IOException {
        if (!format.needsSeekableInput()) {
            return format.open(store.open(key));
        }
        if (store instanceof LocalObjectStore local) {
            // Keys come from the store's own listing, so they resolve inside its root.
            try {
                return format.open(FileChannel.open(local.root().resolve(key), StandardOpenOption.READ));
            } catch (NoSuchFileException e) {
                throw new NoSuchObjectException(key, "Cannot open object " + key + ": it no longer exists in " + store);
            }
        }
        Path copy = Files.createTempFile("fsconnect-source-", ".tmp");
        try {
            try (InputStream in = store.open(key)) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            SeekableByteChannel channel = FileChannel.open(copy, StandardOpenOption.READ,
                    StandardOpenOption.DELETE_ON_CLOSE);
            Files.deleteIfExists(copy);
            return format.open(channel);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
    }
}
