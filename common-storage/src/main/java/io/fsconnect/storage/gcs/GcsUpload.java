package io.fsconnect.storage.gcs;

import com.google.cloud.WriteChannel;
import com.google.cloud.storage.StorageException;
import io.fsconnect.storage.ObjectExistsException;
import io.fsconnect.storage.ObjectUpload;
import io.fsconnect.storage.PartBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One resumable upload session. Bytes are staged in a small buffer ({@link PartBuffer} of 64 KiB), handed to the
 * SDK's write channel, which sends a
 * chunk whenever its chunk buffer fills, and the session is finalized (the object created) only by {@link #close()}.
 */
final class GcsUpload extends ObjectUpload {

    private static final int STAGING_BYTES = 64 * 1024;

    private final String key;
    private final String location;
    private final boolean ifAbsent;
    private final WriteChannel channel;
    private final PartBuffer staging = new PartBuffer(STAGING_BYTES, this::send);
    private boolean finished;

    GcsUpload(String key, String location, boolean ifAbsent, WriteChannel channel) {
        this.key = key;
        this.location = location;
        this.ifAbsent = ifAbsent;
        this.channel = channel;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public long bytesWritten() {
        return staging.total();
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        staging.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        staging.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        // The write channel keeps its chunk until the chunk is full or the upload closes: a flush cannot make a
        // partial object durable on GCS, it only hands the staged bytes to the channel.
        staging.sendRest();
    }

    @Override
    public void abort() {
        if (finished) {
            return;
        }
        finished = true;
        // The client library offers no call to cancel a resumable session. A session that is never finalized
        // creates no object, and GCS discards it with the chunks it received when it expires (after a week).
        staging.release();
    }

    @Override
    public void close() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        try {
            staging.sendRest();
            channel.close();
        } catch (StorageException e) {
            throw failure(e);
        } catch (IOException e) {
            if (e.getCause() instanceof StorageException storage) {
                throw failure(storage);
            }
            throw new IOException("Cannot complete upload of object " + key + " to " + location + ": " + e, e);
        }
    }

    private void send(byte[] staged, int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(staged, 0, length);
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (StorageException e) {
            finished = true;
            throw failure(e);
        } catch (IOException e) {
            finished = true;
            if (e.getCause() instanceof StorageException storage) {
                throw failure(storage);
            }
            throw new IOException("Cannot upload object " + key + " to " + location + ": " + e, e);
        }
    }

    private IOException failure(StorageException e) {
        if (ifAbsent && e.getCode() == GcsObjectStore.PRECONDITION_FAILED) {
            return new ObjectExistsException(key, "Cannot create object " + key + ": it already exists in " + location
                    + "; the existing object was kept and this upload discarded");
        }
        return new IOException("Cannot upload object " + key + " to " + location + ": " + GcsObjectStore.reason(e), e);
    }

    private void ensureOpen() throws IOException {
        if (finished) {
            throw new IOException("Cannot write to object " + key + ": the upload is already closed or aborted");
        }
    }
}
