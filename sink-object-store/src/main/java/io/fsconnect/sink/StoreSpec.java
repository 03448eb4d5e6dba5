package io.fsconnect.sink;

import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.local.LocalObjectStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Which object store the sink writes to, as an immutable value read from the configuration. Each kind
 * of store is one record that knows how to open its adapter; adding a store adds a record.
 */
sealed interface StoreSpec {

    /**
     * Opens the store.
     *
     * @throws IOException if the store cannot be reached or prepared
     */
    ObjectStore open() throws IOException;

    /** A directory of the local or a mounted file system. */
    record Local(Path root) implements StoreSpec {

        public Local {
            Objects.requireNonNull(root, "root");
        }

        @Override
        public ObjectStore open() throws IOException {
            return new LocalObjectStore(root);
        }
    }
}
