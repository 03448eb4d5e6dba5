package io.fsconnect.source.objectstore;

import io.fsconnect.auth.DataSource;
import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectStoreSelection;
import io.fsconnect.storage.ObjectStores;
import java.io.IOException;
import java.util.Objects;

/**
 * Which object store the source reads, as an immutable value read from the configuration: a data source of type
 * local, s3, adls or gcs, and how its requests are retried. The {@link #id()} is part of every source partition, so
 * it names the place the objects live, not the data source: offsets stay attached to the same bucket and path
 * across restarts and renames, and two stores never share offsets.
 */
record StoreSpec(DataSource source, ObjectStores.Tuning tuning) {

    StoreSpec {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(tuning, "tuning");
    }

    /**
     * Opens the store.
     *
     * @throws IOException if the store cannot be reached or prepared
     */
    ObjectStore open() throws IOException {
        try {
            return ObjectStores.open(source, tuning);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** A stable name of the store, e.g. {@code s3://bucket/path} or {@code local:/data/lake}. */
    String id() {
        return ObjectStoreSelection.storeId(source);
    }
}
