package io.fsconnect.storage.s3;

import io.fsconnect.storage.ObjectExistsException;
import io.fsconnect.storage.ObjectUpload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * A streaming upload that holds at most one part in memory. Bytes fill a buffer that grows up to the part
 * size; a full buffer is sent as the next part of a multipart upload (started when the first part is full)
 * as soon as one more byte arrives, so the last part is never empty. An object smaller than one part is a
 * single PutObject on close. Nothing is visible until CompleteMultipartUpload (or the PutObject) succeeds;
 * any failure, and {@link #abort()}, aborts the multipart upload so that no parts are left to pay for.
 */
final class S3Upload extends ObjectUpload {

    private static final int INITIAL_BUFFER_BYTES = 64 * 1024;
    private static final int PRECONDITION_FAILED = 412;

    private final S3Client client;
    private final S3StoreSettings settings;
    private final SseHeaders sse;
    private final String key;
    private final String objectKey;
    private final boolean ifAbsent;
    private final List<CompletedPart> parts = new ArrayList<>();
    private byte[] buffer = new byte[0];
    private int buffered;
    private String uploadId;
    private long bytesWritten;
    private boolean finished;

    S3Upload(S3Client client, S3StoreSettings settings, SseHeaders sse, String key, String objectKey,
             boolean ifAbsent) {
        this.client = client;
        this.settings = settings;
        this.sse = sse;
        this.key = key;
        this.objectKey = objectKey;
        this.ifAbsent = ifAbsent;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public long bytesWritten() {
        return bytesWritten;
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        makeRoom(1);
        buffer[buffered++] = (byte) b;
        bytesWritten++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        while (len > 0) {
            int chunk = makeRoom(len);
            System.arraycopy(b, off, buffer, buffered, chunk);
            buffered += chunk;
            bytesWritten += chunk;
            off += chunk;
            len -= chunk;
        }
    }

    @Override
    public void flush() throws IOException {
        // Parts have a minimum size, so bytes cannot be pushed to the store before a part is full.
        ensureOpen();
    }

    @Override
    public void abort() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        buffer = null;
        if (uploadId != null) {
            try {
                abortMultipart();
            } catch (SdkException e) {
                throw new IOException("Cannot abort upload of object " + describe() + ": " + e.getMessage()
                        + "; the bucket's lifecycle rule for incomplete multipart uploads removes its parts", e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        try {
            if (uploadId == null) {
                putSingleObject();
            } else {
                if (buffered > 0) {
                    uploadPart();
                }
                completeMultipart();
            }
        } catch (SdkException | IOException e) {
            if (uploadId != null) {
                try {
                    abortMultipart();
                } catch (SdkException abortFailure) {
                    e.addSuppressed(abortFailure);
                }
            }
            if (e instanceof S3Exception s3 && s3.statusCode() == PRECONDITION_FAILED && ifAbsent) {
                throw new ObjectExistsException(key, "Cannot create object " + key + ": it already exists in "
                        + describeLocation());
            }
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException("Cannot complete upload of object " + describe() + ": " + e.getMessage(), e);
        } finally {
            buffer = null;
        }
    }

    /** Ensures the buffer can take at least one more byte, and returns how many of {@code wanted} it can. */
    private int makeRoom(int wanted) throws IOException {
        int partSize = settings.partSizeBytes();
        if (buffered == partSize) {
            try {
                uploadPart();
            } catch (SdkException | IOException e) {
                failWhileWriting(e);
            }
        }
        if (buffered + wanted > buffer.length && buffer.length < partSize) {
            // Grow gradually: many small objects open at once should not each hold a full part.
            long grown = Math.max((long) buffer.length * 2, Math.max(INITIAL_BUFFER_BYTES, buffered + (long) wanted));
            buffer = Arrays.copyOf(buffer, (int) Math.min(grown, partSize));
        }
        return Math.min(wanted, buffer.length - buffered);
    }

    private void uploadPart() throws IOException {
        if (uploadId == null) {
            CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder()
                    .bucket(settings.bucket()).key(objectKey);
            if (settings.partChecksums()) {
                create.checksumAlgorithm(ChecksumAlgorithm.CRC32);
            }
            uploadId = client.createMultipartUpload(sse.apply(create).build()).uploadId();
        }
        int partNumber = parts.size() + 1;
        if (partNumber > S3StoreSettings.MAX_PARTS) {
            throw new IOException("Cannot upload object " + describe() + ": it is larger than "
                    + S3StoreSettings.MAX_PARTS + " parts of " + settings.partSizeBytes()
                    + " bytes; raise the part size");
        }
        UploadPartRequest.Builder request = UploadPartRequest.builder().bucket(settings.bucket()).key(objectKey)
                .uploadId(uploadId).partNumber(partNumber).contentLength((long) buffered);
        if (settings.partChecksums()) {
            request.checksumAlgorithm(ChecksumAlgorithm.CRC32);
        }
        UploadPartResponse response = client.uploadPart(sse.apply(request).build(), body());
        parts.add(CompletedPart.builder().partNumber(partNumber).eTag(response.eTag())
                .checksumCRC32(response.checksumCRC32()).checksumCRC32C(response.checksumCRC32C())
                .checksumCRC64NVME(response.checksumCRC64NVME()).checksumSHA1(response.checksumSHA1())
                .checksumSHA256(response.checksumSHA256()).build());
        buffered = 0;
    }

    private void completeMultipart() {
        CompleteMultipartUploadRequest.Builder request = CompleteMultipartUploadRequest.builder()
                .bucket(settings.bucket()).key(objectKey).uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(parts));
        if (ifAbsent) {
            request.ifNoneMatch("*");
        }
        client.completeMultipartUpload(sse.apply(request).build());
    }

    private void putSingleObject() {
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(settings.bucket()).key(objectKey)
                .contentLength((long) buffered);
        if (ifAbsent) {
            request.ifNoneMatch("*");
        }
        client.putObject(sse.apply(request).build(), body());
    }

    /** The buffer as a body that a retry can read again from the start, without copying it. */
    private RequestBody body() {
        byte[] bytes = buffer;
        int length = buffered;
        if (length == 0) {
            // A streamed empty body makes some S3-compatible stores (Ceph RGW 16) answer 400.
            return RequestBody.empty();
        }
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length,
                "application/octet-stream");
    }

    private void abortMultipart() {
        client.abortMultipartUpload(request -> request.bucket(settings.bucket()).key(objectKey).uploadId(uploadId));
    }

    private void failWhileWriting(Exception e) throws IOException {
        finished = true;
        buffer = null;
        IOException failure = e instanceof IOException io ? io
                : new IOException("Cannot upload part " + (parts.size() + 1) + " of object " + describe() + ": "
                        + e.getMessage(), e);
        if (uploadId != null) {
            try {
                abortMultipart();
            } catch (SdkException abortFailure) {
                failure.addSuppressed(abortFailure);
            }
        }
        throw failure;
    }

    private void ensureOpen() throws IOException {
        if (finished) {
            throw new IOException("Cannot write to object " + key + ": the upload is already closed or aborted");
        }
    }

    private String describe() {
        return key + " (" + describeLocation() + ")";
    }

    private String describeLocation() {
        return "s3://" + settings.bucket() + "/" + objectKey;
    }
}
