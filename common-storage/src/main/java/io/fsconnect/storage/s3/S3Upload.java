package io.fsconnect.storage.s3;

import io.fsconnect.storage.ObjectExistsException;
import io.fsconnect.storage.ObjectUpload;
import io.fsconnect.storage.PartBuffer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
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
 * A streaming upload that holds at most one part in memory ({@link PartBuffer}). A full part is sent as the next
 * part of a multipart upload (started when the first part is full) as soon as one more byte arrives, so the last
 * part is never empty. An object smaller than one part is a single PutObject on close. Nothing is visible until
 * CompleteMultipartUpload (or the PutObject) succeeds; any failure, and {@link #abort()}, aborts the multipart
 * upload so that no parts are left to pay for.
 */
final class S3Upload extends ObjectUpload {

    private static final int PRECONDITION_FAILED = 412;

    private final S3Client client;
    private final S3StoreSettings settings;
    private final SseHeaders sse;
    private final String key;
    private final String objectKey;
    private final boolean ifAbsent;
    private final List<CompletedPart> parts = new ArrayList<>();
    private final PartBuffer buffer;
    private String uploadId;
    private boolean finished;

    S3Upload(S3Client client, S3StoreSettings settings, SseHeaders sse, String key, String objectKey,
             boolean ifAbsent) {
        this.client = client;
        this.settings = settings;
        this.sse = sse;
        this.key = key;
        this.objectKey = objectKey;
        this.ifAbsent = ifAbsent;
        this.buffer = new PartBuffer(settings.partSizeBytes(), (bytes, length) -> sendFullPart());
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public long bytesWritten() {
        return buffer.total();
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        buffer.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        buffer.write(b, off, len);
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
        buffer.release();
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
                if (buffer.length() > 0) {
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
            buffer.release();
        }
    }

    private void sendFullPart() throws IOException {
        try {
            uploadPart();
        } catch (SdkException | IOException e) {
            failWhileWriting(e);
        }
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
                .uploadId(uploadId).partNumber(partNumber).contentLength((long) buffer.length());
        if (settings.partChecksums()) {
            request.checksumAlgorithm(ChecksumAlgorithm.CRC32);
        }
        UploadPartResponse response = client.uploadPart(sse.apply(request).build(), body());
        parts.add(CompletedPart.builder().partNumber(partNumber).eTag(response.eTag())
                .checksumCRC32(response.checksumCRC32()).checksumCRC32C(response.checksumCRC32C())
                .checksumCRC64NVME(response.checksumCRC64NVME()).checksumSHA1(response.checksumSHA1())
                .checksumSHA256(response.checksumSHA256()).build());
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
                .contentLength((long) buffer.length());
        if (ifAbsent) {
            request.ifNoneMatch("*");
        }
        client.putObject(sse.apply(request).build(), body());
    }

    /** The buffer as a body that a retry can read again from the start, without copying it. */
    private RequestBody body() {
        byte[] bytes = buffer.bytes();
        int length = buffer.length();
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
        buffer.release();
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
