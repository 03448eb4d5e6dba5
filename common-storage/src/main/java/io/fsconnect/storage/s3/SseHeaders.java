package io.fsconnect.storage.s3;

import io.fsconnect.auth.S3Encryption;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * The server-side-encryption headers of each request kind. S3 wants the algorithm (and KMS key) when an object
 * is created, but an SSE-C key on every request that touches the object's bytes: put, create, each part,
 * completion and every read. The customer key is checked once here, so a malformed key fails before any upload.
 */
final class SseHeaders {

    private static final String SSE_C_ALGORITHM = "AES256";

    private final Optional<S3Encryption> encryption;
    private final Optional<ServerSideEncryption> algorithm;
    private final Optional<String> kmsKeyId;
    private final String customerKey;
    private final String customerKeyMd5;

    SseHeaders(Optional<S3Encryption> encryption) {
        this.encryption = encryption;
        S3Encryption chosen = encryption.orElse(null);
        if (chosen instanceof S3Encryption.S3Managed) {
            this.algorithm = Optional.of(ServerSideEncryption.AES256);
            this.kmsKeyId = Optional.empty();
        } else if (chosen instanceof S3Encryption.Kms kms) {
            this.algorithm = Optional.of(ServerSideEncryption.AWS_KMS);
            this.kmsKeyId = kms.keyId();
        } else {
            this.algorithm = Optional.empty();
            this.kmsKeyId = Optional.empty();
        }
        if (encryption.isPresent() && encryption.get() instanceof S3Encryption.CustomerKey key) {
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(key.key().reveal().getBytes(StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Cannot use the SSE-C customer key (sse.customer.key): "
                        + "it is not valid base64; give a base64-encoded 256-bit key");
            }
            if (raw.length != 32) {
                throw new IllegalArgumentException("Cannot use the SSE-C customer key (sse.customer.key): it is "
                        + raw.length * 8 + " bits long; S3 needs a base64-encoded 256-bit key");
            }
            this.customerKey = Base64.getEncoder().encodeToString(raw);
            this.customerKeyMd5 = Base64.getEncoder().encodeToString(md5(raw));
        } else {
            this.customerKey = null;
            this.customerKeyMd5 = null;
        }
    }

    PutObjectRequest.Builder apply(PutObjectRequest.Builder request) {
        algorithm.ifPresent(request::serverSideEncryption);
        kmsKeyId.ifPresent(request::ssekmsKeyId);
        if (customerKey != null) {
            request.sseCustomerAlgorithm(SSE_C_ALGORITHM).sseCustomerKey(customerKey).sseCustomerKeyMD5(customerKeyMd5);
        }
        return request;
    }

    CreateMultipartUploadRequest.Builder apply(CreateMultipartUploadRequest.Builder request) {
        algorithm.ifPresent(request::serverSideEncryption);
        kmsKeyId.ifPresent(request::ssekmsKeyId);
        if (customerKey != null) {
            request.sseCustomerAlgorithm(SSE_C_ALGORITHM).sseCustomerKey(customerKey).sseCustomerKeyMD5(customerKeyMd5);
        }
        return request;
    }

    UploadPartRequest.Builder apply(UploadPartRequest.Builder request) {
        if (customerKey != null) {
            request.sseCustomerAlgorithm(SSE_C_ALGORITHM).sseCustomerKey(customerKey).sseCustomerKeyMD5(customerKeyMd5);
        }
        return request;
    }

    CompleteMultipartUploadRequest.Builder apply(CompleteMultipartUploadRequest.Builder request) {
        if (customerKey != null) {
            request.sseCustomerAlgorithm(SSE_C_ALGORITHM).sseCustomerKey(customerKey).sseCustomerKeyMD5(customerKeyMd5);
        }
        return request;
    }

    GetObjectRequest.Builder apply(GetObjectRequest.Builder request) {
        if (customerKey != null) {
            request.sseCustomerAlgorithm(SSE_C_ALGORITHM).sseCustomerKey(customerKey).sseCustomerKeyMD5(customerKeyMd5);
        }
        return request;
    }

    HeadObjectRequest.Builder apply(HeadObjectRequest.Builder request) {
        if (customerKey != null) {
            request.sseCustomerAlgorithm(SSE_C_ALGORITHM).sseCustomerKey(customerKey).sseCustomerKeyMD5(customerKeyMd5);
        }
        return request;
    }

    @Override
    public String toString() {
        // The customer key must never be printed; the algorithm alone is enough to debug with.
        return "SseHeaders[" + encryption.map(e -> e.getClass().getSimpleName()).orElse("none") + "]";
    }

    private static byte[] md5(byte[] raw) {
        try {
            return MessageDigest.getInstance("MD5").digest(raw);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot compute the MD5 of the SSE-C key: the JVM has no MD5", e);
        }
    }
}
