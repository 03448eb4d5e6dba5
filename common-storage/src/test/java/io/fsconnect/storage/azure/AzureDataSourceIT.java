package io.fsconnect.storage.azure;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import io.fsconnect.auth.AdlsDataSource;
import io.fsconnect.auth.config.DataSourceParser;
import io.fsconnect.auth.azure.AzureIdentityOptions;
import io.fsconnect.storage.ObjectInfo;
import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectStores;
import io.fsconnect.storage.ObjectUpload;
import io.fsconnect.testkit.AzuriteServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An {@code adls} data source, as a user writes it, reaching Azurite with the account key or a SAS token. */
class AzureDataSourceIT {

    private static AzuriteServer azurite;
    private static BlobContainerClient container;

    @BeforeAll
    static void startAzurite() {
        azurite = AzuriteServer.start();
        BlobServiceClient service = new BlobServiceClientBuilder().connectionString(azurite.connectionString()).buildClient();
        container = service.createBlobContainer("training-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @AfterAll
    static void stopAzurite() {
        if (azurite != null) {
            azurite.close();
        }
    }

    @Test
    void theAccountKeyWritesListsAndReadsUnderTheDataSourcesPath() throws IOException {
        ObjectStore store = storeFor(Map.of("account.key", azurite.accountKey(), "path", "fg/orders_1"));
        roundTrip(store, "part-0.bin");
        assertThat(container.getBlobClient("fg/orders_1/part-0.bin").exists()).isTrue();
    }

    @Test
    void aWrongAccountKeyIsRefusedNamingTheContainerButNotTheKey() {
        String wrongKey = azurite.accountKey().substring(0, 40) + "AAAA" + azurite.accountKey().substring(44);
        ObjectStore store = storeFor(Map.of("account.key", wrongKey));
        assertThatThrownBy(() -> write(store, "x", "y"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Cannot complete upload of object x")
                .hasMessageContaining(container.getBlobContainerName())
                .hasMessageContaining("403")
                .hasMessageContaining("check the data source's credentials")
                .hasMessageNotContaining(wrongKey);
    }

    @Test
    void aSasTokenWorksWithinItsPermissions() throws IOException {
        BlobContainerSasPermission all = new BlobContainerSasPermission().setReadPermission(true)
                .setWritePermission(true).setCreatePermission(true).setAddPermission(true).setListPermission(true)
                .setDeletePermission(true);
        String sas = container.generateSas(new BlobServiceSasSignatureValues(OffsetDateTime.now().plusHours(1), all));
        // Users often paste the token with the '?' that separates it from a URL.
        roundTrip(storeFor(Map.of("sas.token", "?" + sas, "path", "sas")), "s.bin");

        String readOnly = container.generateSas(new BlobServiceSasSignatureValues(OffsetDateTime.now().plusHours(1),
                new BlobContainerSasPermission().setReadPermission(true).setListPermission(true)));
        ObjectStore reader = storeFor(Map.of("sas.token", readOnly, "path", "sas"));
        assertThat(reader.list("")).extracting(ObjectInfo::key).containsExactly("s.bin");
        assertThatThrownBy(() -> write(reader, "denied", "no"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Cannot complete upload of object denied")
                .hasMessageContaining("403")
                .hasMessageNotContaining(readOnly);
    }

    private static ObjectStore storeFor(Map<String, String> auth) {
        Map<String, String> config = new HashMap<>(Map.of("type", "adls", "name", "lake",
                "account.name", azurite.accountName(), "container", container.getBlobContainerName(),
                "endpoint", azurite.blobEndpoint().toString()));
        config.putAll(auth);
        AdlsDataSource source = (AdlsDataSource) DataSourceParser.parse(config, "");
        return AzureBlobObjectStore.forDataSource(source, AzureIdentityOptions.defaults(),
                ObjectStores.Tuning.DEFAULTS.withPartSizeBytes(1024));
    }

    private static void roundTrip(ObjectStore store, String key) throws IOException {
        String content = "row\n".repeat(1000);
        write(store, key, content);
        try (InputStream in = store.open(key)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(content);
        }
        assertThat(store.list("")).extracting(ObjectInfo::key, ObjectInfo::size)
                .contains(org.assertj.core.groups.Tuple.tuple(key, (long) content.length()));
    }

    private static void write(ObjectStore store, String key, String content) throws IOException {
        try (ObjectUpload upload = store.create(key)) {
            upload.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }
}
