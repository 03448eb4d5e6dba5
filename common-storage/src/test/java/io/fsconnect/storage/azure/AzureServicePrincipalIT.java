package io.fsconnect.storage.azure;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.fsconnect.auth.AdlsDataSource;
import io.fsconnect.auth.azure.AzureIdentityOptions;
import io.fsconnect.auth.config.DataSourceParser;
import io.fsconnect.storage.ObjectInfo;
import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectStores;
import io.fsconnect.storage.ObjectUpload;
import io.fsconnect.testkit.AzuriteServer;
import io.fsconnect.testkit.LocalTokenEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import javax.net.ssl.SSLContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A service principal signs in at a local HTTPS token endpoint and its bearer token is accepted by Azurite over
 * HTTPS; a wrong client secret fails naming the keys to check, never the secret.
 */
class AzureServicePrincipalIT {

    private static SSLContext previousDefault;
    private static LocalTokenEndpoint tokens;
    private static AzuriteServer azurite;
    private static String containerName;

    @BeforeAll
    static void start() throws NoSuchAlgorithmException {
        tokens = LocalTokenEndpoint.start();
        azurite = AzuriteServer.startHttpsWithOAuth(tokens.keyStore(), tokens.keyStorePassword());
        // Both servers use the endpoint's self-signed certificate; the SDKs' JDK HTTP clients trust the JVM default.
        previousDefault = SSLContext.getDefault();
        SSLContext.setDefault(tokens.trustingSslContext());
        BlobContainerClient container = new BlobServiceClientBuilder().connectionString(azurite.connectionString())
                .buildClient().createBlobContainer("principal");
        containerName = container.getBlobContainerName();
    }

    @AfterAll
    static void stop() {
        if (previousDefault != null) {
            SSLContext.setDefault(previousDefault);
        }
        if (azurite != null) {
            azurite.close();
        }
        if (tokens != null) {
            tokens.close();
        }
    }

    @Test
    void aServicePrincipalsTokenWritesAndReadsAndIsSharedByStoresUntilItExpires() throws IOException {
        int issuedBefore = tokens.tokensIssued();
        ObjectStore store = storeWithSecret(tokens.clientSecret());
        ObjectStore otherTasksStore = storeWithSecret(tokens.clientSecret());
        for (int i = 0; i < 3; i++) {
            try (ObjectUpload upload = store.create("sp/" + i)) {
                upload.write(("object " + i).getBytes(StandardCharsets.UTF_8));
            }
        }
        try (InputStream in = store.open("sp/2")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("object 2");
        }
        assertThat(otherTasksStore.list("sp/")).extracting(ObjectInfo::key).containsExactly("sp/0", "sp/1", "sp/2");
        assertThat(tokens.tokensIssued() - issuedBefore)
                .as("tokens requested by two stores for six storage calls within the token's lifetime").isEqualTo(1);
    }

    @Test
    void aWrongClientSecretFailsNamingTheKeysToCheckButNotTheSecret() {
        String wrongSecret = "wrong-" + tokens.clientSecret();
        ObjectStore store = storeWithSecret(wrongSecret);
        int rejectedBefore = tokens.rejections();
        assertThatThrownBy(() -> {
            try (ObjectUpload upload = store.create("denied")) {
                upload.write(1);
            }
        }).isInstanceOf(IOException.class)
                .hasMessageContaining("Cannot complete upload of object denied")
                .hasMessageContaining("Cannot obtain an Entra ID access token for service principal client.id="
                        + tokens.clientId())
                .hasMessageContaining("AADSTS7000215")
                .hasMessageContaining("client.secret")
                .hasMessageNotContaining(wrongSecret)
                .hasMessageNotContaining(tokens.clientSecret());
        assertThat(tokens.rejections()).isGreaterThan(rejectedBefore);
    }

    private static ObjectStore storeWithSecret(String secret) {
        AdlsDataSource source = (AdlsDataSource) DataSourceParser.parse(Map.of("type", "adls", "name", "lake",
                "account.name", azurite.accountName(), "container", containerName,
                "endpoint", azurite.blobEndpoint().toString(), "tenant.id", tokens.tenantId(),
                "client.id", tokens.clientId(), "client.secret", secret), "");
        return AzureBlobObjectStore.forDataSource(source, AzureIdentityOptions.withAuthorityHost(tokens.authorityHost()),
                ObjectStores.Tuning.DEFAULTS.withPartSizeBytes(1024));
    }
}
