package io.fsconnect.storage.local;

import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The {@link ObjectStoreContract} on a local directory: atomic rename, hard-link create-if-absent, no paging. */
class LocalObjectStoreContractTest extends ObjectStoreContract {

    @TempDir
    Path root;

    @Override
    protected ObjectStore newEmptyStore() throws Exception {
        return new LocalObjectStore(root.resolve("store"));
    }

    @Override
    protected boolean supportsCreateIfAbsent() {
        return true;
    }
}
