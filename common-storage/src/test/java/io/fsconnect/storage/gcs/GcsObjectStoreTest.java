package io.fsconnect.storage.gcs;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import io.fsconnect.auth.GcsDataSource;
import io.fsconnect.auth.Secret;
import io.fsconnect.storage.NoSuchObjectException;
import io.fsconnect.storage.ObjectInfo;
import io.fsconnect.storage.ObjectUpload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The GCS adapter on Google's in-memory fake behind the real {@code Storage} client: multi-chunk resumable uploads,
 * prefixes, aborted sessions and the checks the adapter makes itself. What the fake cannot show (preconditions,
 * encryption, paging) is tested against a stub and said in the README.
 */
class GcsObjectStoreTest {

    private static final String BUCKET = "fs-training";
    private static final int CHUNK = GcsObjectStore.CHUNK_GRANULARITY;

    private final Storage storage = LocalStorageHelper.customOptions(false).getService();

    @AfterEach
    void closeClient() throws Exception {
        storage.close();
    }

    @Test
    void anObjectOfManyChunksIsInvisibleUntilClosedAndReadsBackByteExact() throws IOException {
        GcsObjectStore store = store(GcsObjectStore.Settings.of(BUCKET).withChunkBytes(CHUNK));
        byte[] content = randomBytes(3 * CHUNK + 12_345);

        ObjectUpload upload = store.create("topics/orders/partition=0/orders+0+0.parquet");
        upload.write(content, 0, CHUNK + 1);
        upload.write(content[CHUNK + 1]);
        upload.write(content, CHUNK + 2, content.length - CHUNK - 2);

        assertThat(keys(store, "")).isEmpty();
        assertThatThrownBy(() -> store.open("topics/orders/partition=0/orders+0+0.parquet"))
                .isInstanceOf(NoSuchObjectException.class);

        upload.close();

        assertThat(read(store, "topics/orders/partition=0/orders+0+0.parquet")).isEqualTo(content);
        assertThat(store.list("topics/")).singleElement()
                .satisfies(info -> assertThat(info.size()).isEqualTo(content.length));
    }

    @Test
    void anAbortedMultiChunkUploadCreatesNoObject() throws IOException {
        GcsObjectStore store = store(GcsObjectStore.Settings.of(BUCKET).withChunkBytes(CHUNK));
        ObjectUpload upload = store.create("a/b.avro");
        upload.write(randomBytes(2 * CHUNK + 7));

        upload.abort();

        assertThat(keys(store, "")).isEmpty();
        assertThatThrownBy(() -> store.open("a/b.avro")).isInstanceOf(NoSuchObjectException.class)
                .hasMessage("Cannot open object a/b.avro: no such object in gs://fs-training/");
    }

    @Test
    void keysAreRelativeToTheDataSourcesPath() throws IOException {
        GcsDataSource source = new GcsDataSource("training", Optional.empty(), BUCKET, Optional.of("/feature-store/fg1"),
                Optional.empty(), Optional.empty(), new io.fsconnect.auth.GoogleAuth.ApplicationDefault(),
                io.fsconnect.auth.Options.none());
        GcsObjectStore store = store(GcsObjectStore.Settings.of(source, CHUNK));
        storage.create(BlobInfo.newBuilder(BlobId.of(BUCKET, "feature-store/fg10/other.json")).build(),
                bytes("outside the prefix"));

        put(store, "x/part-0.json", bytes("inside"));

        assertThat(storage.readAllBytes(BlobId.of(BUCKET, "feature-store/fg1/x/part-0.json")))
                .isEqualTo(bytes("inside"));
        assertThat(keys(store, "")).containsExactly("x/part-0.json");
        assertThat(store).hasToString("GcsObjectStore[gs://fs-training/feature-store/fg1/]");
    }

    @Test
    void folderPlaceholdersAreNotListedAsObjects() throws IOException {
        GcsObjectStore store = store(GcsObjectStore.Settings.of(BUCKET));
        storage.create(BlobInfo.newBuilder(BlobId.of(BUCKET, "dt=2024-01-01/")).build(), new byte[0]);
        put(store, "dt=2024-01-01/part-0.csv", bytes("a,b"));

        assertThat(keys(store, "")).containsExactly("dt=2024-01-01/part-0.csv");
    }

    @Test
    void keysGcsCannotHoldAreRefusedBeforeAnyRequest() {
        GcsObjectStore store = store(GcsObjectStore.Settings.of(BUCKET).withPrefix("base"));

        assertThatThrownBy(() -> store.create("/abs")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Cannot use object key '/abs' in gs://fs-training/base/: ");
        assertThatThrownBy(() -> store.create("a//b")).hasMessageContaining("empty, '.' and '..' segments");
        assertThatThrownBy(() -> store.open("a/../../b")).hasMessageContaining("'..'");
        assertThatThrownBy(() -> store.create("line\nbreak")).hasMessageContaining("line feeds");
        assertThatThrownBy(() -> store.create("x".repeat(1020))).hasMessageContaining("1024 bytes");
    }

    @Test
    void settingsRefuseChunkSizesGcsWouldReject() {
        assertThatThrownBy(() -> GcsObjectStore.Settings.of(BUCKET).withChunkBytes(1_000_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot use a resumable-upload chunk size of 1000000 bytes for GCS: it must be a positive "
                        + "multiple of 262144 bytes (256 KiB)");
        assertThatThrownBy(() -> GcsObjectStore.Settings.of("gs://fs-training/x"))
                .hasMessageContaining("give the bare bucket name");
        assertThat(GcsObjectStore.Settings.of(BUCKET).withPrefix("/a/b").prefix()).isEqualTo("a/b/");
    }

    @Test
    void settingsNeverPrintTheEncryptionKey() {
        String key = "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=";
        GcsObjectStore.Settings settings = GcsObjectStore.Settings.of(BUCKET)
                .withEncryption(new GcsDataSource.CustomerKey(Secret.of(key), "hash"));

        assertThat(settings.toString()).doesNotContain(key).contains("customer-supplied key");
    }

    private GcsObjectStore store(GcsObjectStore.Settings settings) {
        return new GcsObjectStore(storage, settings);
    }

    private static void put(GcsObjectStore store, String key, byte[] content) throws IOException {
        try (ObjectUpload upload = store.create(key)) {
            upload.write(content);
        }
    }

    private static byte[] read(GcsObjectStore store, String key) throws IOException {
        try (InputStream in = store.open(key)) {
            return in.readAllBytes();
        }
    }

    private static List<String> keys(GcsObjectStore store, String prefix) throws IOException {
        List<String> keys = new ArrayList<>();
        for (ObjectInfo info : store.list(prefix)) {
            keys.add(info.key());
        }
        return keys;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(int size) {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        return content;
    }
}
