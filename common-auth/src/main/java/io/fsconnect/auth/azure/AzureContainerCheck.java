package io.fsconnect.auth.azure;

import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import io.fsconnect.auth.AdlsDataSource;
import io.fsconnect.auth.AzureAuth;
import io.fsconnect.auth.Secret;
import io.fsconnect.auth.check.Problem;
import io.fsconnect.auth.config.AdlsConfig;
import io.fsconnect.auth.config.ObjectStoreConfig;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The connection check of an ADLS Gen2 (or Blob Storage) data source: asks whether its container exists, through
 * the Blob endpoint, with the data source's credential — which for a service principal, a managed identity or the
 * default chain first obtains an Entra ID token. A failed sign-in is reported on the key of the identity, a 403 on
 * the key of the shared key or SAS token (or, for tokens, as a missing role assignment on {@code container}), a
 * missing container on {@code container}, and an unreachable endpoint on {@code endpoint} or {@code account.name}.
 * One try per call, each limited to the timeout; quoted SDK messages have the data source's secrets and URL
 * signatures scrubbed out.
 */
public final class AzureContainerCheck {

    private static final TokenRequestContext STORAGE_SCOPE =
            new TokenRequestContext().addScopes("https://storage.azure.com/.default");

    private AzureContainerCheck() {
    }

    /**
     * The problems found, none when the container exists and the credential was accepted.
     *
     * @throws IllegalArgumentException if the data source has no container (generation 1)
     */
    public static List<Problem> check(AdlsDataSource source, AzureIdentityOptions identity, Duration timeout) {
        String container = source.container().orElseThrow(() -> new IllegalArgumentException(
                "Cannot check ADLS data source " + source.name() + ": it has no container"));
        URI endpoint = source.endpoint().orElse(URI.create("https://" + source.accountName() + ".blob.core.windows.net"));
        List<Secret> secrets = secrets(source.auth());
        String target = "container " + container + " of account " + source.accountName() + " at " + endpoint;
        try {
            BlobServiceClientBuilder builder = new BlobServiceClientBuilder()
                    .endpoint(endpoint.toString())
                    .httpClient(new JdkHttpClientBuilder().build())
                    .retryOptions(new RequestRetryOptions(RetryPolicyType.FIXED, 1, timeout, null, null, null));
            AzureStorageCredential credential = AzureCredentials.forStorage(source.auth(), source.accountName(),
                    identity);
            if (credential instanceof AzureStorageCredential.SharedKey key) {
                builder.credential(key.credential());
            } else if (credential instanceof AzureStorageCredential.Sas sas) {
                builder.credential(sas.credential());
            } else if (credential instanceof AzureStorageCredential.Token token) {
                // Signing in first tells a refused identity apart from an endpoint the client cannot use.
                token.credential().getTokenSync(STORAGE_SCOPE);
                builder.credential(token.credential());
            }
            BlobContainerClient client = builder.buildClient().getBlobContainerClient(container);
            if (!client.exists()) {
                return List.of(new Problem(AdlsConfig.CONTAINER, "Cannot find " + target + ": it does not exist."
                        + " Check " + AdlsConfig.CONTAINER + " and " + AdlsConfig.ACCOUNT_NAME + "."));
            }
            return List.of();
        } catch (ClientAuthenticationException e) {
            // The shared token credential's message names the identity and the keys to check.
            return List.of(Problem.scrubbed(identityKey(source.auth()), e.getMessage(), secrets));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 403 || e.getStatusCode() == 401) {
                return List.of(refused(source, target, e));
            }
            return List.of(Problem.scrubbed(AdlsConfig.CONTAINER, "Cannot reach " + target + ": the service answered "
                    + e.getStatusCode() + " " + e.getErrorCode() + ".", secrets));
        } catch (RuntimeException e) {
            String key = source.endpoint().isPresent() ? ObjectStoreConfig.ENDPOINT : AdlsConfig.ACCOUNT_NAME;
            return List.of(Problem.scrubbed(key, "Cannot reach " + target + ": " + e.getMessage() + ". Check " + key
                    + " and that the workers can reach the account.", secrets));
        }
    }

    private static Problem refused(AdlsDataSource source, String target, BlobStorageException e) {
        String status = "(" + e.getStatusCode() + " " + e.getErrorCode() + ")";
        AzureAuth auth = source.auth();
        if (auth instanceof AzureAuth.AccountKey) {
            return new Problem(AdlsConfig.ACCOUNT_KEY, "Cannot sign in to " + target + ": the account key was not"
                    + " accepted " + status + ". Check " + AdlsConfig.ACCOUNT_KEY + " and " + AdlsConfig.ACCOUNT_NAME
                    + ".");
        }
        if (auth instanceof AzureAuth.SasToken) {
            return new Problem(AdlsConfig.SAS_TOKEN, "Cannot sign in to " + target + ": the SAS token was not accepted "
                    + status + ". Check that " + AdlsConfig.SAS_TOKEN + " is for this account, has not expired, and"
                    + " allows reading the container.");
        }
        return new Problem(AdlsConfig.CONTAINER, "Cannot access " + target + ": the identity's token was refused "
                + status + ". Assign the identity a data role on the container (e.g. Storage Blob Data Reader"
                + " or Contributor), or check " + AdlsConfig.CONTAINER + ".");
    }

    private static String identityKey(AzureAuth auth) {
        if (auth instanceof AzureAuth.ServicePrincipal) {
            return AdlsConfig.CLIENT_SECRET;
        }
        if (auth instanceof AzureAuth.ManagedIdentity identity) {
            return identity.clientId().isPresent() ? AdlsConfig.MANAGED_IDENTITY_CLIENT_ID
                    : AdlsConfig.MANAGED_IDENTITY_ENABLED;
        }
        return AdlsConfig.ACCOUNT_NAME;
    }

    private static List<Secret> secrets(AzureAuth auth) {
        if (auth instanceof AzureAuth.AccountKey key) {
            return List.of(key.key());
        }
        if (auth instanceof AzureAuth.SasToken sas) {
            return List.of(sas.token());
        }
        if (auth instanceof AzureAuth.ServicePrincipal principal) {
            return List.of(principal.clientSecret());
        }
        return List.of();
    }
}
