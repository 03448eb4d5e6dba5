package io.fsconnect.sink;

import io.fsconnect.storage.ObjectExistsException;
import io.fsconnect.storage.ObjectInfo;
import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectUpload;
import io.fsconnect.storage.SupportsCreateIfAbsent;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's view of a store that can create objects only if absent ({@link SupportsCreateIfAbsent}). Object names
 * are deterministic (topic, partition, first offset), so an object that already exists when a file starts is what an
 * earlier attempt wrote for the same offsets before it could commit them: the file replaces it, with a warning when
 * it could differ. A replay therefore never gets stuck, and never loses a record: with deterministic rotation
 * ({@code flush.size}, {@code rotate.interval.ms}) the replay writes the same content again (exactly once); where
 * rotation depends on the clock or on memory pressure it may cut files elsewhere, and records can then appear in two
 * objects (at least once). A file whose object did NOT exist when it started is created conditionally: if another
 * writer — a zombie task that has not noticed it lost its partitions — completes the same name meanwhile, only the
 * first wins. Losing that race with equal content counts as written; with different content the upload fails with
 * {@link ObjectExistsException}, the other writer's object is left untouched, and the task fails — its restart
 * then finds the object present and replays over it. Stores without conditional creates are used as they are.
 */
final class FencedStore implements ObjectStore {

    private static final Logger log = LoggerFactory.getLogger(FencedStore.class);

    private final ObjectStore store;
    private final SupportsCreateIfAbsent conditional;

    private FencedStore(ObjectStore store, SupportsCreateIfAbsent conditional) {
        this.store = store;
        this.conditional = conditional;
    }

    /** {@code store} with conditional creates if it offers them, else {@code store} itself. */
    static ObjectStore of(ObjectStore store) {
        Objects.requireNonNull(store, "store");
        return store instanceof SupportsCreateIfAbsent conditional ? new FencedStore(store, conditional) : store;
    }

    @Override
    public ObjectUpload create(String key) throws IOException {
        Optional<ObjectInfo> earlier = existing(key);
        if (earlier.isPresent()) {
            log.warn("Object {} ({} bytes) is already in {}: an earlier attempt wrote it for the same offsets before "
                    + "committing them; writing it again over the old one", key, earlier.get().size(), store);
            return store.create(key);
        }
        return new Upload(conditional.createIfAbsent(key));
    }

    @Override
    public InputStream open(String key) throws IOException {
        return store.open(key);
    }

    @Override
    public Iterable<ObjectInfo> list(String prefix) throws IOException {
        return store.list(prefix);
    }

    @Override
    public void delete(String key) throws IOException {
        store.delete(key);
    }

    @Override
    public void close() throws IOException {
        store.close();
    }

    @Override
    public String toString() {
        return store + " (conditional creates)";
    }

    private Optional<ObjectInfo> existing(String key) throws IOException {
        for (ObjectInfo info : store.list(key)) {
            if (info.key().equals(key)) {
                return Optional.of(info);
            }
        }
        return Optional.empty();
    }

    /** An upload that decides, when its object turns out to exist, whether it was a replay. */
    private final class Upload extends ObjectUpload {

        private final ObjectUpload upload;

        Upload(ObjectUpload upload) {
            this.upload = upload;
        }

        @Override
        public String key() {
            return upload.key();
        }

        @Override
        public long bytesWritten() {
            return upload.bytesWritten();
        }

        @Override
        public void write(int b) throws IOException {
            upload.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            upload.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            upload.flush();
        }

        @Override
        public void abort() throws IOException {
            upload.abort();
        }

        @Override
        public void close() throws IOException {
            try {
                upload.close();
            } catch (ObjectExistsException e) {
                String key = upload.key();
                long size = upload.bytesWritten();
                Optional<ObjectInfo> found = existing(key);
                if (found.isPresent() && found.get().size() == size) {
                    return;
                }
                throw new ObjectExistsException(key, "Cannot complete object " + key + ": another writer created it "
                        + "while this file was being written, with different content (" + found.map(info -> info.size()
                        + " bytes").orElse("since deleted") + ", this file " + size + " bytes). Either a zombie task of "
                        + "this connector still writes (it is fenced once its partitions are reassigned) or another "
                        + "connector writes to the same directory. The other object was left as it is; the task's "
                        + "restart replays these records over it");
            }
        }
    }
}
