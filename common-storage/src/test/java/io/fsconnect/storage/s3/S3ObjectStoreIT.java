package io.fsconnect.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.fsconnect.auth.S3Encryption;
import io.fsconnect.auth.Secret;
import io.fsconnect.storage.ObjectInfo;
import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectStores;
import io.fsconnect.storage.ObjectUpload;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What the S3 adapter does beyond the contract, checked on S3Proxy by looking at the bucket directly: uploads
 * stream part by part and leave no parts behind when aborted, small objects are one PutObject, a data source's
 * path confines every key, the AWS checksum mode completes multipart uploads, and SSE-C objects read back.
 */
class S3ObjectStoreIT {

    private static final int PART_SIZE = 5 * 1024 * 1024;

    private static S3ProxyServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void uploadSendsEachPartWhenItFillsAndAbortLeavesNoParts() throws IOException {
        String bucket = server.newBucket();
        S3Client admin = server.admin();
        try (ObjectStore store = S3ObjectStore.builder(admin, bucket).partSizeBytes(PART_SIZE).build()) {
            ObjectUpload upload = store.create("big.bin");
            upload.write(new byte[PART_SIZE]);
            assertThat(admin.listMultipartUploads(r -> r.bucket(bucket)).uploads())
                    .as("no upload is started before a part is full").isEmpty();

            upload.write(1);
            assertThat(partsSent(bucket, "big.bin")).isEqualTo(1);

            // The second part fills, but is sent only when a byte beyond it arrives.
            upload.write(new byte[PART_SIZE - 1]);
            assertThat(partsSent(bucket, "big.bin")).isEqualTo(1);
            upload.write(1);
            assertThat(partsSent(bucket, "big.bin")).isEqualTo(2);
            assertThat(objects(bucket)).isEmpty();

            upload.abort();

            assertThat(admin.listMultipartUploads(r -> r.bucket(bucket)).uploads()).isEmpty();
            assertThat(objects(bucket)).isEmpty();
        }
    }

    @Test
    void smallObjectIsOnePutAndLargeOneIsMultipart() throws IOException {
        String bucket = server.newBucket();
        try (ObjectStore store = S3ObjectStore.builder(server.admin(), bucket).partSizeBytes(PART_SIZE).build()) {
            write(store, "small", new byte[PART_SIZE]);
            write(store, "large", new byte[PART_SIZE * 2 + 1]);
        }

        assertThat(objects(bucket)).extracting(S3Object::key, o -> o.eTag().replace("\"", "").matches(".*-\\d+"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("large", true),
                        org.assertj.core.groups.Tuple.tuple("small", false));
    }

    @Test
    void dataSourcePathConfinesEveryKey() throws IOException {
        String bucket = server.newBucket();
        server.admin().putObject(r -> r.bucket(bucket).key("outside/x"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("not ours"));
        try (ObjectStore store = ObjectStores.open(server.dataSource(bucket, "/exports/daily/", Optional.empty(),
                Map.of()), ObjectStores.Tuning.DEFAULTS)) {
            write(store, "t/0.json", bytes("{}"));

            List<String> keys = new ArrayList<>();
            store.list("").forEach(info -> keys.add(info.key()));
            assertThat(keys).containsExactly("t/0.json");
        }

        assertThat(objects(bucket)).extracting(S3Object::key).containsExactly("exports/daily/t/0.json", "outside/x");
    }

    @Test
    void awsChecksumModeCompletesMultipartUploads() throws IOException {
        String bucket = server.newBucket();
        byte[] content = random(PART_SIZE * 2 + 77);
        try (S3Client client = server.client(true);
             ObjectStore store = S3ObjectStore.builder(client, bucket).partSizeBytes(PART_SIZE)
                     .partChecksums(true).build()) {
            write(store, "checked.bin", content);

            assertThat(read(store, "checked.bin")).isEqualTo(content);
        }
    }

    @Test
    void customerKeyObjectsReadBackWithTheKey() throws IOException {
        String bucket = server.newBucket();
        byte[] key = random(32);
        byte[] content = random(PART_SIZE + 99);
        S3Encryption.CustomerKey customerKey =
                new S3Encryption.CustomerKey(Secret.of(Base64.getEncoder().encodeToString(key)));
        try (ObjectStore store = ObjectStores.open(server.dataSource(bucket, "", Optional.of(customerKey), Map.of()),
                ObjectStores.Tuning.DEFAULTS.withPartSizeBytes(PART_SIZE))) {
            write(store, "secret.bin", content);
            write(store, "small.bin", bytes("small"));

            assertThat(read(store, "secret.bin")).isEqualTo(content);
            assertThat(read(store, "small.bin")).isEqualTo(bytes("small"));
            assertThat(store.toString()).doesNotContain(Base64.getEncoder().encodeToString(key));
            assertThat(store.list("")).extracting(ObjectInfo::key).containsExactly("secret.bin", "small.bin");
        }
    }

    private static int partsSent(String bucket, String key) {
        S3Client admin = server.admin();
        String uploadId = admin.listMultipartUploads(r -> r.bucket(bucket)).uploads().get(0).uploadId();
        return admin.listParts(r -> r.bucket(bucket).key(key).uploadId(uploadId)).parts().size();
    }

    private static List<S3Object> objects(String bucket) {
        return server.admin().listObjectsV2(r -> r.bucket(bucket)).contents();
    }

    private static void write(ObjectStore store, String key, byte[] content) throws IOException {
        try (ObjectUpload upload = store.create(key)) {
            upload.write(content);
        }
    }

    private static byte[] read(ObjectStore store, String key) throws IOException {
        try (InputStream in = store.open(key)) {
            return in.readAllBytes();
        }
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
