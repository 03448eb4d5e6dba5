package io.fsconnect.auth.azure;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.sas.AccountSasPermission;
import com.azure.storage.common.sas.AccountSasResourceType;
import com.azure.storage.common.sas.AccountSasService;
import com.azure.storage.common.sas.AccountSasSignatureValues;
import io.fsconnect.auth.AdlsDataSource;
import io.fsconnect.auth.AzureAuth;
import io.fsconnect.auth.Options;
import io.fsconnect.auth.Secret;
import io.fsconnect.auth.check.ConnectionCheck;
import io.fsconnect.auth.check.Problem;
import io.fsconnect.testkit.AzuriteServer;
import io.fsconnect.testkit.LocalTokenEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ADLS connection check against Azurite (shared key) and a local HTTPS token endpoint (a service principal's
 * sign-in, which fails before any storage call when the secret is wrong).
 */
class AzureContainerCheckIT {

    private static final String CONTAINER = "features";

    private static AzuriteServer azurite;
    private static BlobServiceClient service;
    private static LocalTokenEndpoint tokens;
    private static SSLContext previousDefault;
    private static ConnectionCheck check;

    @BeforeAll
    static void start() throws NoSuchAlgorithmException {
        azurite = AzuriteServer.start();
        service = new BlobServiceClientBuilder().connectionString(azurite.connectionString())
                .httpClient(new JdkHttpClientBuilder().build()).buildClient();
        service.createBlobContainer(CONTAINER);
        tokens = LocalTokenEndpoint.start();
        previousDefault = SSLContext.getDefault();
        SSLContext.setDefault(tokens.trustingSslContext());
        check = new ConnectionCheck(AzureIdentityOptions.withAuthorityHost(tokens.authorityHost()),
                Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (previousDefault != null) {
            SSLContext.setDefault(previousDefault);
        }
        if (tokens != null) {
            tokens.close();
        }
        if (azurite != null) {
            azurite.close();
        }
    }

    @Test
    void theAccountKeyAndAnExistingContainerPass() {
        assertThat(check.check(container(CONTAINER, new AzureAuth.AccountKey(Secret.of(azurite.accountKey())))))
                .isEmpty();
    }

    @Test
    void aWrongAccountKeyIsReportedOnTheKeyWithoutItsValue() {
        String wrong = Base64.getEncoder().encodeToString(("planted-wrong-account-key-" + System.nanoTime())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<Problem> problems = check.check(container(CONTAINER, new AzureAuth.AccountKey(Secret.of(wrong))));

        assertThat(problems).as("%s", problems).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("account.key");
            assertThat(problem.message()).startsWith("Cannot sign in to container " + CONTAINER + " of account "
                    + azurite.accountName()).contains("account key was not accepted (403").doesNotContain(wrong);
        });
    }

    @Test
    void aMissingContainerIsReportedOnTheContainer() {
        List<Problem> problems = check.check(container("no-such-container",
                new AzureAuth.AccountKey(Secret.of(azurite.accountKey()))));

        assertThat(problems).as("%s", problems).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("container");
            assertThat(problem.message()).startsWith("Cannot find container no-such-container of account "
                    + azurite.accountName()).contains("does not exist");
        });
    }

    @Test
    void aValidSasTokenPassesAndAnExpiredOneIsReportedOnTheToken() {
        String valid = sas(OffsetDateTime.now().plusHours(1));
        String expired = sas(OffsetDateTime.now().minusHours(1));

        assertThat(check.check(container(CONTAINER, new AzureAuth.SasToken(Secret.of(valid))))).isEmpty();
        List<Problem> problems = check.check(container(CONTAINER, new AzureAuth.SasToken(Secret.of(expired))));
        assertThat(problems).as("%s", problems).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("sas.token");
            assertThat(problem.message()).contains("SAS token was not accepted (403").doesNotContain(expired);
        });
    }

    @Test
    void aServicePrincipalWithAWrongSecretIsReportedOnTheClientSecret() {
        String wrong = "planted-wrong-client-secret-" + System.nanoTime();
        List<Problem> problems = check.check(container(CONTAINER,
                new AzureAuth.ServicePrincipal(tokens.tenantId(), tokens.clientId(), Secret.of(wrong))));

        assertThat(problems).as("%s", problems).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("client.secret");
            assertThat(problem.message()).startsWith("Cannot obtain an Entra ID access token for service principal")
                    .contains("client.secret").doesNotContain(wrong);
        });
    }

    private static String sas(OffsetDateTime expiry) {
        return service.generateAccountSas(new AccountSasSignatureValues(expiry, AccountSasPermission.parse("rl"),
                AccountSasService.parse("b"), AccountSasResourceType.parse("sco")));
    }

    private static AdlsDataSource container(String container, AzureAuth auth) {
        return new AdlsDataSource("checked", Optional.empty(), 2, azurite.accountName(), Optional.of(container),
                Optional.empty(), Optional.of(azurite.blobEndpoint()), auth, Options.none());
    }
}
