package io.fsconnect.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.fsconnect.auth.AwsAuth;
import io.fsconnect.auth.Options;
import io.fsconnect.auth.S3DataSource;
import io.fsconnect.auth.S3Encryption;
import io.fsconnect.auth.Secret;
import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectStoreContract;
import io.fsconnect.storage.ObjectStores;
import io.fsconnect.storage.ObjectUpload;
import io.fsconnect.testkit.CephRgwServer;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The {@link ObjectStoreContract} on a real Ceph RGW, a production S3 implementation, through
 * {@link ObjectStores#open}; plus SSE-KMS with RGW's {@code testing} KMS backend, which really encrypts.
 */
class CephRgwObjectStoreContractIT extends ObjectStoreContract {

    private static final int PAGE_SIZE = 7;
    private static final int PART_SIZE = 5 * 1024 * 1024;

    private static CephRgwServer server;
    private static CephRgwServer.User user;
    private static S3Client admin;

    @BeforeAll
    static void startServer() {
        server = CephRgwServer.start();
        user = server.createUser("contract");
        admin = S3Client.builder()
                .endpointOverride(server.endpoint())
                .region(Region.of(server.region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(user.accessKeyId(), user.secretAccessKey())))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    @AfterAll
    static void stopServer() {
        if (admin != null) {
            admin.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected ObjectStore newEmptyStore() throws Exception {
        return open(newBucket(), Optional.empty());
    }

    /**
     * RGW 16 enforces {@code If-None-Match: *} on PutObject but ignores it on CompleteMultipartUpload, so a large
     * conditional upload would silently replace the winner's object: create-if-absent is not offered.
     */
    @Override
    protected boolean supportsCreateIfAbsent() {
        return false;
    }

    @Override
    protected OptionalInt listPageSize() {
        return OptionalInt.of(PAGE_SIZE);
    }

    @Test
    void sseKmsObjectsAreEncryptedWithTheGivenKeyAndReadBack() throws IOException {
        String keyId = server.kmsKeyIds().get(1);
        String bucket = newBucket();
        byte[] small = bytes("training rows");
        byte[] large = randomBytes(PART_SIZE + 4321, 11);
        try (ObjectStore store = open(bucket, Optional.of(new S3Encryption.Kms(Optional.of(keyId))))) {
            write(store, "small.parquet", small);
            write(store, "large.parquet", large);

            for (String key : new String[] {"small.parquet", "large.parquet"}) {
                HeadObjectResponse head = admin.headObject(r -> r.bucket(bucket).key("tenant/data/" + key));
                assertThat(head.serverSideEncryption()).as(key).isEqualTo(ServerSideEncryption.AWS_KMS);
                assertThat(head.ssekmsKeyId()).as(key).isEqualTo(keyId);
            }
            assertThat(readFrom(store, "small.parquet")).isEqualTo(small);
            assertThat(readFrom(store, "large.parquet")).isEqualTo(large);
        }
    }

    private static ObjectStore open(String bucket, Optional<S3Encryption> encryption) throws IOException {
        S3DataSource source = new S3DataSource("rgw", Optional.empty(), bucket, Optional.of("tenant/data"),
                Optional.empty(), Optional.of(server.endpoint()), true, encryption,
                new AwsAuth.AccessKeys(user.accessKeyId(), Secret.of(user.secretAccessKey()), Optional.empty()),
                Options.none());
        return ObjectStores.open(source,
                ObjectStores.Tuning.DEFAULTS.withPartSizeBytes(PART_SIZE).withListPageSize(PAGE_SIZE));
    }

    private static String newBucket() {
        String bucket = "b-" + UUID.randomUUID().toString().substring(0, 18);
        admin.createBucket(r -> r.bucket(bucket));
        return bucket;
    }

    private static void write(ObjectStore store, String key, byte[] content) throws IOException {
        try (ObjectUpload upload = store.create(key)) {
            upload.write(content);
        }
    }

    private static byte[] readFrom(ObjectStore store, String key) throws IOException {
        try (InputStream in = store.open(key)) {
            return in.readAllBytes();
        }
    }
}
