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

/**
 * The sink's view of a store that can create objects only if absent ({@link SupportsCreateIfAbsent}): every file is
 * created conditionally, so of two writers of the same object (a live task and a zombie one that has not noticed it
 * lost its partitions) only the first to complete wins. When a completing file finds its object already there, the
 * name alone says it starts at the same offset; if the existing object also has the same size as this file — the
 * same records written with the same settings — it is a replay of a file already written, and this file counts as
 * written. Otherwise another writer wrote different content under this name; the upload fails with a
 * {@link ObjectExistsException} saying so, the existing object is left untouched, and the task fails rather than
 * risk duplicates or gaps. Stores without conditional creates are used as they are: a replay overwrites.
 */
final class FencedStore implements ObjectStore {

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
                        + "first with different content (" + found.map(info -> info.size() + " bytes").orElse("since "
                        + "deleted") + ", this file " + size + " bytes). Either a zombie task of this connector still "
                        + "writes (it will be fenced when its partitions are reassigned), or another connector writes "
                        + "to the same directory, or a setting that breaks determinism (timestamp.extractor="
                        + "Wallclock, rotate.schedule.interval.ms) or a changed setting cut the file differently. The "
                        + "existing object was left as it is; check it, delete it if it is wrong, and restart the task");
            }
        }
    }
}
