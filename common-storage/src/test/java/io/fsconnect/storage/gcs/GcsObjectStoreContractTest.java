package io.fsconnect.storage.gcs;

import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import io.fsconnect.storage.ObjectInfo;
import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectStoreContract;
import io.fsconnect.storage.ObjectUpload;
import org.junit.jupiter.api.AfterEach;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@link ObjectStoreContract} on {@code LocalStorageHelper}, Google's in-memory fake behind the real
 * {@link Storage} client, with 256 KiB chunks so that large objects take many resumable-upload requests. Three
 * things the fake does differently from GCS are compensated here, and only here: it returns only the first page of a
 * listing, so listings here fit one page; it lists in hash order where GCS lists in lexicographic order, so listings
 * are sorted before the contract sees them (the adapter passes the server's order through); and it does not answer
 * the {@code ifGenerationMatch=0} precondition with HTTP 412, so the store is used without its create-if-absent
 * ability, which {@link GcsObjectStoreServerRulesTest} covers.
 */
class GcsObjectStoreContractTest extends ObjectStoreContract {

    private Storage storage;

    @Override
    protected ObjectStore newEmptyStore() {
        storage = LocalStorageHelper.customOptions(false).getService();
        return new WithoutCreateIfAbsent(new GcsObjectStore(storage, GcsObjectStore.Settings.of("contract")
                .withPrefix("fsconnect").withChunkBytes(GcsObjectStore.CHUNK_GRANULARITY)));
    }

    @Override
    protected boolean supportsCreateIfAbsent() {
        return false;
    }

    @AfterEach
    void closeClient() throws Exception {
        storage.close();
    }

    /** The GCS store seen through the plain interface only, its listings in the order GCS would return them. */
    private record WithoutCreateIfAbsent(GcsObjectStore store) implements ObjectStore {

        @Override
        public ObjectUpload create(String key) throws IOException {
            return store.create(key);
        }

        @Override
        public InputStream open(String key) throws IOException {
            return store.open(key);
        }

        @Override
        public ObjectInfo stat(String key) throws IOException {
            return store.stat(key);
        }

        @Override
        public InputStream openRange(String key, long offset, long length) throws IOException {
            return store.openRange(key, offset, length);
        }

        @Override
        public Iterable<ObjectInfo> list(String prefix) throws IOException {
            Iterable<ObjectInfo> listing = store.list(prefix);
            return () -> {
                List<ObjectInfo> sorted = new ArrayList<>();
                listing.forEach(sorted::add);
                sorted.sort(Comparator.comparing(ObjectInfo::key));
                return sorted.iterator();
            };
        }

        @Override
        public void delete(String key) throws IOException {
            store.delete(key);
        }

        @Override
        public void close() throws IOException {
            store.close();
        }
    }
}
