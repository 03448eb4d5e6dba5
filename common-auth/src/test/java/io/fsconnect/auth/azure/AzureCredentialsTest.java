package io.fsconnect.auth.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientSecretCredential;
import io.fsconnect.auth.AzureAuth;
import io.fsconnect.auth.Secret;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AzureCredentialsTest {

    private static final String KEY = "a2V5LXRoYXQtbXVzdC1uZXZlci1iZS1wcmludGVkLWFueXdoZXJlLTEyMzQ1Njc4OTA=";
    private static final String SECRET = "client-secret-that-must-never-be-printed";

    @Test
    void theAccountKeySignsAsTheNamedAccountWithoutShowingTheKey() {
        AzureStorageCredential credential = AzureCredentials.forStorage(new AzureAuth.AccountKey(Secret.of(KEY)),
                "fsdata", AzureIdentityOptions.defaults());

        assertThat(credential).isInstanceOfSatisfying(AzureStorageCredential.SharedKey.class,
                key -> assertThat(key.credential().getAccountName()).isEqualTo("fsdata"));
        assertThat(credential.toString()).contains("fsdata").doesNotContain(KEY);
    }

    @Test
    void aSasTokenIsSentAsGivenWithoutShowingIt() {
        String token = "sv=2021-08-06&sr=c&sp=rl&sig=c2lnbmF0dXJlLW5vdC10by1wcmludA%3D%3D";
        AzureStorageCredential credential = AzureCredentials.forStorage(new AzureAuth.SasToken(Secret.of(token)),
                "fsdata", AzureIdentityOptions.defaults());

        assertThat(credential).isInstanceOfSatisfying(AzureStorageCredential.Sas.class,
                sas -> assertThat(sas.credential().getSignature()).isEqualTo(token));
        assertThat(credential.toString()).doesNotContain("sig=");
    }

    @Test
    void aServicePrincipalBecomesATokenCredentialNamedByItsIdsAndSharedByEqualDataSources() {
        AzureAuth principal = new AzureAuth.ServicePrincipal("tenant-1", "client-1", Secret.of(SECRET));
        AzureIdentityOptions options = AzureIdentityOptions.withAuthorityHost(URI.create("https://login.example.test"));
        AzureStorageCredential credential = AzureCredentials.forStorage(principal, "fsdata", options);

        assertThat(credential).isInstanceOf(AzureStorageCredential.Token.class);
        assertThat(credential.toString()).contains("client.id=client-1", "tenant.id=tenant-1").doesNotContain(SECRET);
        assertThat(token(AzureCredentials.forStorage(
                new AzureAuth.ServicePrincipal("tenant-1", "client-1", Secret.of(SECRET)), "other", options)))
                .as("the same identity asked for twice").isSameAs(token(credential));
        assertThat(token(AzureCredentials.forStorage(
                new AzureAuth.ServicePrincipal("tenant-1", "client-1", Secret.of(SECRET + "2")), "fsdata", options)))
                .as("another secret").isNotSameAs(token(credential));
    }

    @Test
    void managedIdentitiesAndTheDefaultChainBecomeTokenCredentials() {
        AzureStorageCredential system = AzureCredentials.forStorage(new AzureAuth.ManagedIdentity(Optional.empty()),
                "fsdata", AzureIdentityOptions.defaults());
        AzureStorageCredential user = AzureCredentials.forStorage(new AzureAuth.ManagedIdentity(Optional.of("mi-7")),
                "fsdata", AzureIdentityOptions.defaults());
        AzureStorageCredential chain = AzureCredentials.forStorage(new AzureAuth.DefaultChain(), "fsdata",
                AzureIdentityOptions.defaults());

        assertThat(system.toString()).contains("system-assigned managed identity");
        assertThat(user.toString()).contains("managed.identity.client.id=mi-7");
        assertThat(chain.toString()).contains("default credential chain");
        assertThat(List.of(system, user, chain)).allMatch(c -> c instanceof AzureStorageCredential.Token);
    }

    @Test
    void anAuthorityHostMustBeHttps() {
        assertThatThrownBy(() -> AzureIdentityOptions.withAuthorityHost(URI.create("http://127.0.0.1:8443")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Cannot use authority host http://127.0.0.1:8443");
    }

    @Test
    void theSdkCredentialBehindAServicePrincipalIsAClientSecretCredential() {
        AzureStorageCredential credential = AzureCredentials.forStorage(
                new AzureAuth.ServicePrincipal("tenant-2", "client-2", Secret.of(SECRET)), "fsdata",
                AzureIdentityOptions.defaults());
        assertThat(((SharedTokenCredential) token(credential)).delegate()).isInstanceOf(ClientSecretCredential.class);
    }

    private static TokenCredential token(AzureStorageCredential credential) {
        return ((AzureStorageCredential.Token) credential).credential();
    }
}
