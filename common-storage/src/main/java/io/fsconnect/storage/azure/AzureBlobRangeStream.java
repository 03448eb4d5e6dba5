package io.fsconnect.storage.azure;

import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.BlobDownloadResponse;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import io.fsconnect.storage.NoSuchObjectException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

/**
 * A byte range of one blob, downloaded in chunks with ranged GETs as it is read. The first chunk is fetched when
 * the stream is opened, so a missing blob fails {@link io.fsconnect.storage.ObjectStore#openRange} itself; later
 * chunks are pinned to the first chunk's ETag, so a blob replaced while it is read fails the read instead of mixing
 * two versions. A range that starts at or past the end of the blob is empty.
 */
final class AzureBlobRangeStream extends InputStream {

    private static final int CHUNK_BYTES = 4 * 1024 * 1024;
    private static final int RANGE_NOT_SATISFIABLE = 416;

    private final BlobClient blob;
    private final String key;
    private final String location;
    private long next;
    private long end;
    private String etag;
    private byte[] chunk = new byte[0];
    private int chunkPosition;

    private AzureBlobRangeStream(BlobClient blob, String key, String location, long offset, long length) {
        this.blob = blob;
        this.key = key;
        this.location = location;
        this.next = offset;
        this.end = offset + length;
    }

    static InputStream open(BlobClient blob, String key, String location, long offset, long length)
            throws IOException {
        AzureBlobRangeStream stream = new AzureBlobRangeStream(blob, key, location, offset, length);
        if (length > 0) {
            stream.fetch();
        } else {
            try {
                blob.getProperties();
            } catch (BlobStorageException e) {
                throw stream.failure(e);
            } catch (RuntimeException e) {
                throw AzureBlobObjectStore.failure("describe object " + key, location, e);
            }
        }
        return stream;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (chunkPosition == chunk.length) {
            if (next >= end) {
                return -1;
            }
            fetch();
            if (chunk.length == 0) {
                return -1;
            }
        }
        int n = Math.min(len, chunk.length - chunkPosition);
        System.arraycopy(chunk, chunkPosition, b, off, n);
        chunkPosition += n;
        return n;
    }

    private void fetch() throws IOException {
        long count = Math.min(CHUNK_BYTES, end - next);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) count);
        BlobRequestConditions conditions = etag == null ? null : new BlobRequestConditions().setIfMatch(etag);
        try {
            BlobDownloadResponse response = blob.downloadStreamWithResponse(bytes, new BlobRange(next, count), null,
                    conditions, false, null, Context.NONE);
            etag = response.getDeserializedHeaders().getETag();
            totalSize(response.getDeserializedHeaders().getContentRange()).ifPresent(total -> end = Math.min(end, total));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == RANGE_NOT_SATISFIABLE) {
                end = next;
                chunk = new byte[0];
                chunkPosition = 0;
                return;
            }
            throw failure(e);
        } catch (RuntimeException e) {
            throw AzureBlobObjectStore.failure("read object " + key, location, e);
        }
        chunk = bytes.toByteArray();
        chunkPosition = 0;
        next += chunk.length;
        if (chunk.length == 0) {
            end = next;
        }
    }

    private IOException failure(BlobStorageException e) {
        if (e.getStatusCode() == 404 && !BlobErrorCode.CONTAINER_NOT_FOUND.equals(e.getErrorCode())) {
            return new NoSuchObjectException(key, "Cannot open object " + key + ": no such object in " + location);
        }
        if (e.getStatusCode() == 412) {
            return new IOException("Cannot read object " + key + " in " + location + ": it was replaced while being"
                    + " read", e);
        }
        return AzureBlobObjectStore.failure("read object " + key, location, e);
    }

    /** The total in a {@code Content-Range: bytes a-b/total} header, if the service sent one. */
    private static OptionalLong totalSize(String contentRange) {
        if (contentRange == null) {
            return OptionalLong.empty();
        }
        int slash = contentRange.lastIndexOf('/');
        try {
            return slash < 0 ? OptionalLong.empty()
                    : OptionalLong.of(Long.parseLong(contentRange.substring(slash + 1).strip()));
        } catch (NumberFormatException unknownTotal) {
            return OptionalLong.empty();
        }
    }
}
