package io.fsconnect.storage.s3;

import io.fsconnect.storage.ObjectUpload;
import io.fsconnect.storage.SupportsCreateIfAbsent;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An {@link S3ObjectStore} on a server that enforces {@code If-None-Match: *} on PutObject and
 * CompleteMultipartUpload, so that the check and the write are one atomic step on the server.
 */
final class ConditionalS3ObjectStore extends S3ObjectStore implements SupportsCreateIfAbsent {

    ConditionalS3ObjectStore(S3Client client, S3StoreSettings settings, boolean ownsClient) {
        super(client, settings, ownsClient);
    }

    @Override
    public ObjectUpload createIfAbsent(String key) {
        return new S3Upload(client, settings, sse, key, objectKey(key), true);
    }
}
