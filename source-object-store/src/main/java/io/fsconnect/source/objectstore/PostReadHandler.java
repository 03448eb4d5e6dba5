package io.fsconnect.source.objectstore;

import io.fsconnect.storage.NoSuchObjectException;
import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectUpload;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@link PostReadAction} to an object whose final offset is committed. A move copies the
 * object under the move prefix, completing the copy before the original is deleted, so a failure in
 * between leaves two copies rather than none; the listing never reads keys under the move prefix.
 */
final class PostReadHandler {

    private static final Logger log = LoggerFactory.getLogger(PostReadHandler.class);

    private final ObjectStore store;
    private final PostReadAction action;
    private final Optional<String> movePrefix;

    PostReadHandler(ObjectStore store, PostReadAction action, Optional<String> movePrefix) {
        this.store = store;
        this.action = action;
        this.movePrefix = movePrefix;
    }

    boolean active() {
        return action != PostReadAction.NONE;
    }

    /**
     * @throws IOException if the store cannot copy or delete the object
     */
    void finished(String key) throws IOException {
        switch (action) {
            case NONE:
                return;
            case DELETE:
                store.delete(key);
                log.info("Deleted object {}: all its records are committed", key);
                return;
            case MOVE:
                String target = movePrefix.orElseThrow() + key;
                try (InputStream in = store.open(key)) {
                    ObjectUpload upload = store.create(target);
                    try {
                        in.transferTo(upload);
                    } catch (IOException | RuntimeException e) {
                        upload.abort();
                        throw e;
                    }
                    upload.close();
                } catch (NoSuchObjectException e) {
                    return; // moved already, by an earlier attempt that stopped before recording it
                }
                store.delete(key);
                log.info("Moved object {} to {}: all its records are committed", key, target);
                return;
            default:
                throw new IllegalStateException("Cannot apply post-read action " + action);
        }
    }
}
