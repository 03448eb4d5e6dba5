package io.fsconnect.auth.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;
import io.fsconnect.auth.AzureAuth;
import io.fsconnect.auth.Secret;
import io.fsconnect.testkit.LocalTokenEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.Base64;
import javax.net.ssl.SSLContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A service principal signs in at a local HTTPS token endpoint through MSAL, as it would at Entra ID. */
class AzureCredentialsIT {

    private static final TokenRequestContext STORAGE = new TokenRequestContext().addScopes("https://storage.azure.com/.default");

    private static SSLContext previousDefault;
    private static LocalTokenEndpoint tokens;

    @BeforeAll
    static void start() throws NoSuchAlgorithmException {
        tokens = LocalTokenEndpoint.start();
        previousDefault = SSLContext.getDefault();
        SSLContext.setDefault(tokens.trustingSslContext());
    }

    @AfterAll
    static void stop() {
        if (previousDefault != null) {
            SSLContext.setDefault(previousDefault);
        }
        if (tokens != null) {
            tokens.close();
        }
    }

    @Test
    void tasksSharingAServicePrincipalGetOneStorageTokenUntilItExpires() {
        int issuedBefore = tokens.tokensIssued();
        AccessToken first = tokenFor(tokens.clientSecret()).getTokenSync(STORAGE);
        AccessToken second = tokenFor(tokens.clientSecret()).getTokenSync(STORAGE);

        assertThat(second.getToken()).isEqualTo(first.getToken());
        assertThat(first.getExpiresAt()).isAfter(OffsetDateTime.now().plusMinutes(30));
        String claims = new String(Base64.getUrlDecoder().decode(first.getToken().split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"aud\":\"https://storage.azure.com\"", "\"appid\":\"" + tokens.clientId() + "\"");
        assertThat(tokens.tokensIssued() - issuedBefore).isEqualTo(1);
    }

    @Test
    void aWrongSecretIsReportedByTheKeysToCheckNeverByItsValue() {
        String wrong = "wrong-" + tokens.clientSecret();
        TokenCredential credential = tokenFor(wrong);

        assertThatThrownBy(() -> credential.getTokenSync(STORAGE))
                .isInstanceOf(ClientAuthenticationException.class)
                .hasMessageStartingWith("Cannot obtain an Entra ID access token for service principal client.id="
                        + tokens.clientId() + " in tenant.id=" + tokens.tenantId() + ": AADSTS7000215")
                .hasMessageContaining("Check the data source's tenant.id, client.id and client.secret")
                .hasMessageNotContaining(wrong);
        assertThatThrownBy(() -> credential.getToken(STORAGE).block())
                .hasMessageContaining("client.secret").hasMessageNotContaining(wrong);
    }

    private static TokenCredential tokenFor(String secret) {
        AzureStorageCredential credential = AzureCredentials.forStorage(
                new AzureAuth.ServicePrincipal(tokens.tenantId(), tokens.clientId(), Secret.of(secret)), "fsdata",
                AzureIdentityOptions.withAuthorityHost(tokens.authorityHost()));
        return ((AzureStorageCredential.Token) credential).credential();
    }
}
