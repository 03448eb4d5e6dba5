package io.fsconnect.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fsconnect.auth.AwsAuth;
import io.fsconnect.auth.LocalDataSource;
import io.fsconnect.auth.Options;
import io.fsconnect.auth.S3DataSource;
import io.fsconnect.auth.S3Encryption;
import io.fsconnect.auth.Secret;
import io.fsconnect.storage.local.LocalObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectStoresTest {

    @TempDir
    Path directory;

    @Test
    void localDataSourceOpensAStoreRootedAtItsPath() throws IOException {
        Path root = directory.resolve("datasets");
        LocalDataSource source = new LocalDataSource("lake", Optional.empty(), root, Options.none());

        try (ObjectStore store = ObjectStores.open(source, ObjectStores.Tuning.DEFAULTS)) {
            assertThat(store).isInstanceOf(LocalObjectStore.class);
            try (ObjectUpload upload = store.create("t/x.json")) {
                upload.write("{}".getBytes(StandardCharsets.UTF_8));
            }
            try (InputStream in = store.open("t/x.json")) {
                assertThat(in.readAllBytes()).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
            }
        }
        assertThat(Files.readString(root.resolve("t/x.json"))).isEqualTo("{}");
    }

    @Test
    void roleAssumptionOpensAStoreThatAsksForSessionsOnlyWhenUsed() throws IOException {
        S3DataSource source = s3(new AwsAuth.AssumeRole("arn:aws:iam::123456789012:role/writer", Optional.empty(),
                Optional.empty(), AwsAuth.DEFAULT_SESSION, Optional.empty()), Optional.empty());

        try (ObjectStore store = ObjectStores.open(source, ObjectStores.Tuning.DEFAULTS)) {
            assertThat(store).isInstanceOf(io.fsconnect.storage.s3.S3ObjectStore.class);
        }
    }

    @Test
    void malformedCustomerKeyIsRefusedWithoutShowingIt() {
        String shortKey = "c2hvcnQta2V5LXZhbHVl";
        S3DataSource source = s3(keys(), Optional.of(new S3Encryption.CustomerKey(Secret.of(shortKey))));

        assertThatThrownBy(() -> ObjectStores.open(source, ObjectStores.Tuning.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Cannot use the SSE-C customer key (sse.customer.key): it is 120 bits long")
                .hasMessageNotContaining(shortKey);
    }

    @Test
    void partsSmallerThanS3AllowsAreRefused() {
        S3DataSource source = s3(keys(), Optional.empty());

        assertThatThrownBy(() -> ObjectStores.open(source, ObjectStores.Tuning.DEFAULTS.withPartSizeBytes(1024)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Cannot use part size 1024 for bucket orders")
                .hasMessageContaining("at least 5242880 bytes");
    }

    @Test
    void invalidConditionalWritesOptionNamesTheOption() {
        S3DataSource source = new S3DataSource("orders_s3", Optional.empty(), "orders", Optional.empty(),
                Optional.of("eu-west-1"), Optional.of(URI.create("http://127.0.0.1:1")), true, Optional.empty(),
                keys(), Options.of(Map.of("conditional.writes", "maybe")));

        assertThatThrownBy(() -> ObjectStores.open(source, ObjectStores.Tuning.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot open S3 data source orders_s3: option conditional.writes must be true or false, "
                        + "not 'maybe'");
    }

    @Test
    void tuningRejectsValuesThatCannotWork() {
        assertThatThrownBy(() -> ObjectStores.Tuning.DEFAULTS.withRetries(0, Duration.ofMillis(100)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Cannot use 0 attempts");
        assertThatThrownBy(() -> ObjectStores.Tuning.DEFAULTS.withListPageSize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Cannot use listing page size 0");
    }

    private static AwsAuth keys() {
        return new AwsAuth.AccessKeys("AKIDEXAMPLE", Secret.of("secret"), Optional.empty());
    }

    private static S3DataSource s3(AwsAuth auth, Optional<S3Encryption> encryption) {
        return new S3DataSource("orders_s3", Optional.empty(), "orders", Optional.of("exports"),
                Optional.of("eu-west-1"), Optional.empty(), false, encryption, auth, Options.none());
    }
}
