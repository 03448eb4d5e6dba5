package io.fsconnect.source.objectstore;

import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.format.RecordReader;
import io.fsconnect.storage.format.RecordReaderFormat;
import java.io.IOException;

/**
 * Opens an object of the store as a {@link RecordReader} of the configured format. Stream formats read
 * the object's stream directly. Formats that need a seekable input (Parquet) read through
 * {@link ObjectStore#openSeekable}: the local store's file itself, or buffered ranged reads of a cloud store
 * (the footer, then whole column chunks), so nothing is copied to local disk.
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
        return format.open(store.openSeekable(key));
    }
}
