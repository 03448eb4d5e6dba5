package io.fsconnect.source.objectstore;

import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.local.LocalObjectStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Which object store the source reads, as an immutable value read from the configuration. Each kind of
 * store is one record that opens its adapter and names itself stably: the {@link #id()} is part of every
 * source partition, so offsets stay attached to the same store across restarts.
 */
sealed interface StoreSpec {

    /**
     * Opens the store.
     *
     * @throws IOException if the store cannot be reached or prepared
     */
    ObjectStore open() throws IOException;

    /** A stable name of the store, e.g. {@code local:/data/lake}. */
    String id();

    /** A directory of the local or a mounted file system. */
    record Local(Path root) implements StoreSpec {

        public Local {
            Objects.requireNonNull(root, "root");
        }

        @Override
        public ObjectStore open() throws IOException {
            return new LocalObjectStore(root);
        }

        @Override
        public String id() {
            return "local:" + root.toAbsolutePath().normalize();
        }
    }
}
