package io.fsconnect.storage.azure;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlockListType;
import io.fsconnect.storage.NoSuchObjectException;
import io.fsconnect.storage.ObjectExistsException;
import io.fsconnect.storage.ObjectInfo;
import io.fsconnect.storage.ObjectUpload;
import io.fsconnect.testkit.AzuriteServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The adapter's own behaviour on Azurite: block staging, visibility on commit, conditional create, paging. */
class AzureBlobObjectStoreIT {

    private static final int BLOCK = 1024;

    private static AzuriteServer azurite;
    private static BlobServiceClient service;
    private BlobContainerClient container;
    private AzureBlobObjectStore store;

    @BeforeAll
    static void startAzurite() {
        azurite = AzuriteServer.start();
        service = new BlobServiceClientBuilder().connectionString(azurite.connectionString()).buildClient();
    }

    @AfterAll
    static void stopAzurite() {
        if (azurite != null) {
            azurite.close();
        }
    }

    @BeforeEach
    void newContainer() {
        container = service.createBlobContainer("c" + UUID.randomUUID().toString().replace("-", ""));
        store = new AzureBlobObjectStore(container, "", BLOCK, 2);
    }

    @Test
    void stagesFullBlocksWhileWritingAndShowsTheObjectOnlyWhenClosed() throws IOException {
        byte[] data = randomBytes(5 * BLOCK + 100);
        ObjectUpload upload = store.create("topics/orders/part-0.bin");
        upload.write(data, 0, 3 * BLOCK + 10);

        assertThat(container.getBlobClient("topics/orders/part-0.bin").getBlockBlobClient()
                .listBlocks(BlockListType.UNCOMMITTED).getUncommittedBlocks())
                .as("blocks staged while the object is open").hasSize(3);
        assertThatThrownBy(() -> store.open("topics/orders/part-0.bin")).isInstanceOf(NoSuchObjectException.class);
        assertThat(keys(store.list(""))).isEmpty();

        upload.write(data, 3 * BLOCK + 10, data.length - (3 * BLOCK + 10));
        assertThat(upload.bytesWritten()).isEqualTo(data.length);
        upload.close();

        assertThat(read("topics/orders/part-0.bin")).isEqualTo(data);
        assertThat(store.list("topics/")).singleElement().satisfies(info -> {
            assertThat(info.key()).isEqualTo("topics/orders/part-0.bin");
            assertThat(info.size()).isEqualTo(data.length);
        });
        assertThatThrownBy(() -> upload.write(1)).isInstanceOf(IOException.class).hasMessageContaining("already closed");
    }

    @Test
    void writesSmallAndEmptyObjectsInOneRequestAndReplacesAnExistingObject() throws IOException {
        write("a/empty", new byte[0]);
        write("a/small", "first".getBytes(StandardCharsets.UTF_8));
        write("a/small", "second version".getBytes(StandardCharsets.UTF_8));

        assertThat(read("a/empty")).isEmpty();
        assertThat(new String(read("a/small"), StandardCharsets.UTF_8)).isEqualTo("second version");
        assertThat(store.list("a/")).extracting(ObjectInfo::key, ObjectInfo::size)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a/empty", 0L),
                        org.assertj.core.groups.Tuple.tuple("a/small", 14L));
    }

    @Test
    void anAbortedUploadLeavesNothingAndKeepsThePreviousObject() throws IOException {
        write("kept", "old".getBytes(StandardCharsets.UTF_8));
        ObjectUpload replacing = store.create("kept");
        replacing.write(randomBytes(3 * BLOCK));
        replacing.abort();
        replacing.close();
        ObjectUpload fresh = store.create("never");
        fresh.write(randomBytes(2 * BLOCK + 1));
        fresh.abort();

        assertThat(new String(read("kept"), StandardCharsets.UTF_8)).isEqualTo("old");
        assertThat(keys(store.list(""))).containsExactly("kept");
        assertThatThrownBy(() -> store.open("never")).isInstanceOf(NoSuchObjectException.class);
        assertThatThrownBy(() -> fresh.write(1)).isInstanceOf(IOException.class);
    }

    @Test
    void createIfAbsentHasOneWinnerForSmallAndMultiBlockObjects() throws IOException {
        for (int size : new int[] {10, 4 * BLOCK + 3}) {
            String key = "race/" + size;
            byte[] winner = randomBytes(size);
            ObjectUpload first = store.createIfAbsent(key);
            ObjectUpload second = store.createIfAbsent(key);
            first.write(winner);
            second.write(randomBytes(size));
            first.close();

            assertThatThrownBy(second::close).isInstanceOf(ObjectExistsException.class)
                    .hasMessageContaining("Cannot create object " + key).hasMessageContaining("already exists");
            assertThat(read(key)).isEqualTo(winner);
        }
        assertThatThrownBy(() -> {
            try (ObjectUpload again = store.createIfAbsent("race/10")) {
                again.write(1);
            }
        }).isInstanceOf(ObjectExistsException.class);
    }

    @Test
    void listsByPlainPrefixInKeyOrderAcrossPages() throws IOException {
        List<String> written = List.of("t/p=0/a", "t/p=0/b", "t/p=1/a", "t/p=10/a", "t/q", "u/a", "t/p=1/b");
        for (String key : written) {
            write(key, key.getBytes(StandardCharsets.UTF_8));
        }
        // The page size is 2, so these listings take several requests.
        assertThat(keys(store.list("t/p=1"))).containsExactly("t/p=1/a", "t/p=1/b", "t/p=10/a");
        assertThat(keys(store.list(""))).containsExactly("t/p=0/a", "t/p=0/b", "t/p=1/a", "t/p=1/b", "t/p=10/a", "t/q", "u/a");
        assertThat(keys(store.list("nothing/"))).isEmpty();
    }

    @Test
    void aRootPrefixConfinesKeysAndListings() throws IOException {
        write("outside", new byte[] {1});
        AzureBlobObjectStore confined = new AzureBlobObjectStore(container, "/exports/daily/", BLOCK, 100);
        try (ObjectUpload upload = confined.create("x/1")) {
            upload.write(new byte[] {7});
        }
        assertThat(keys(confined.list(""))).containsExactly("x/1");
        assertThat(keys(store.list(""))).containsExactly("exports/daily/x/1", "outside");
        assertThat(confined.open("x/1").readAllBytes()).containsExactly(7);
        confined.delete("x/1");
        assertThat(keys(store.list(""))).containsExactly("outside");
    }

    @Test
    void deletesAndTreatsMissingObjectsAsTheCloudStoresDo() throws IOException {
        write("gone", new byte[] {1, 2});
        store.delete("gone");
        store.delete("never-existed");
        assertThatThrownBy(() -> store.open("gone")).isInstanceOf(NoSuchObjectException.class)
                .hasMessageContaining("Cannot open object gone").hasMessageContaining(container.getBlobContainerName());
    }

    @Test
    void rejectsKeysItCannotAddressAndNamesAMissingContainer() {
        for (String bad : List.of("", "/abs", "a//b", "a/../b", "dir/", "a\\b", "trailing.")) {
            assertThatThrownBy(() -> store.create(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Cannot use object key");
        }
        AzureBlobObjectStore missing = new AzureBlobObjectStore(service.getBlobContainerClient("no-such-container"),
                "", BLOCK, 10);
        assertThatThrownBy(() -> {
            try (ObjectUpload upload = missing.create("k")) {
                upload.write(1);
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("Cannot complete upload of object k")
                .hasMessageContaining("no-such-container").hasMessageContaining("ContainerNotFound");
        assertThatThrownBy(() -> keys(missing.list(""))).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("ContainerNotFound");
    }

    private void write(String key, byte[] data) throws IOException {
        try (ObjectUpload upload = store.create(key)) {
            upload.write(data);
        }
    }

    private byte[] read(String key) throws IOException {
        try (InputStream in = store.open(key)) {
            return in.readAllBytes();
        }
    }

    private static List<String> keys(Iterable<ObjectInfo> listing) {
        return new ArrayList<>(StreamSupport.stream(listing.spliterator(), false).map(ObjectInfo::key).toList());
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
