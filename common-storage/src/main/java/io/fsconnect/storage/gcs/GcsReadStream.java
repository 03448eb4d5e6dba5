package io.fsconnect.storage.gcs;

import com.google.cloud.ReadChannel;
import com.google.cloud.storage.StorageException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;

/**
 * The bytes of one object generation. The SDK's read channel fetches lazily, so a refused read (a wrong encryption
 * key, a deleted generation) shows up only here; it is reported as an {@link IOException} naming the object, never as
 * the SDK's unchecked exception that format readers would not expect.
 */
final class GcsReadStream extends InputStream {

    private final String key;
    private final String location;
    private final InputStream in;

    GcsReadStream(String key, String location, ReadChannel channel) {
        this.key = key;
        this.location = location;
        this.in = Channels.newInputStream(channel);
    }

    @Override
    public int read() throws IOException {
        try {
            return in.read();
        } catch (StorageException e) {
            throw failure(e);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return in.read(b, off, len);
        } catch (StorageException e) {
            throw failure(e);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private IOException failure(StorageException e) {
        return new IOException("Cannot read object " + key + " in " + location + ": " + GcsObjectStore.reason(e), e);
    }

    private IOException failure(IOException e) {
        if (e.getCause() instanceof StorageException storage) {
            return failure(storage);
        }
        return new IOException("Cannot read object " + key + " in " + location + ": " + e, e);
    }
}
