package io.fsconnect.auth.azure;

import com.azure.core.credential.AzureSasCredential;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import io.fsconnect.auth.AzureAuth;
import io.fsconnect.auth.config.AdlsConfig;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Makes the Azure SDK credential for a data source's {@link AzureAuth}: the account key becomes a
 * {@link StorageSharedKeyCredential}, a SAS token an {@link AzureSasCredential}, and a service principal, a managed
 * identity (optionally user-assigned by client id) or the default chain an Entra ID {@link TokenCredential} that
 * caches its token and renews it before it expires. Token credentials are created lazily signed-in: nothing is
 * requested until the first storage call, and a failed sign-in then reads "Cannot obtain an Entra ID access token
 * for ..." naming the ids and the data-source keys to check, never the secret. Identity requests go through the
 * JDK's HTTP client, so they trust what the JVM trusts.
 *
 * <p>Token credentials are shared: every caller in the JVM (every task of a worker) that asks for the same identity
 * with the same options gets the same credential, so the identity provider sees one token request per renewal, not
 * one per task.
 */
public final class AzureCredentials {

    /** What makes two token credentials interchangeable; {@link io.fsconnect.auth.Secret} compares by value. */
    private record Identity(AzureAuth auth, AzureIdentityOptions options) {
    }

    private static final ConcurrentMap<Identity, TokenCredential> SHARED = new ConcurrentHashMap<>();

    private AzureCredentials() {
    }

    /**
     * The credential for storage account {@code accountName} (the shared key needs it) authenticated by {@code auth}.
     */
    public static AzureStorageCredential forStorage(AzureAuth auth, String accountName, AzureIdentityOptions options) {
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(accountName, "accountName");
        Objects.requireNonNull(options, "options");
        if (auth instanceof AzureAuth.AccountKey key) {
            return new AzureStorageCredential.SharedKey(new StorageSharedKeyCredential(accountName, key.key().reveal()));
        }
        if (auth instanceof AzureAuth.SasToken sas) {
            return new AzureStorageCredential.Sas(new AzureSasCredential(sas.token().reveal()));
        }
        return new AzureStorageCredential.Token(SHARED.computeIfAbsent(new Identity(auth, options),
                identity -> tokenCredential(identity.auth(), identity.options())));
    }

    private static TokenCredential tokenCredential(AzureAuth auth, AzureIdentityOptions options) {
        HttpClient http = new JdkHttpClientBuilder().build();
        if (auth instanceof AzureAuth.ServicePrincipal principal) {
            ClientSecretCredentialBuilder builder = new ClientSecretCredentialBuilder()
                    .tenantId(principal.tenantId())
                    .clientId(principal.clientId())
                    .clientSecret(principal.clientSecret().reveal())
                    .httpClient(http);
            options.authorityHost().ifPresent(host -> builder.authorityHost(host.toString()).disableInstanceDiscovery());
            return new SharedTokenCredential(builder.build(),
                    "service principal " + AdlsConfig.CLIENT_ID + "=" + principal.clientId() + " in "
                            + AdlsConfig.TENANT_ID + "=" + principal.tenantId(),
                    "Check the data source's " + AdlsConfig.TENANT_ID + ", " + AdlsConfig.CLIENT_ID + " and "
                            + AdlsConfig.CLIENT_SECRET + " (an expired or wrong client secret is the usual cause).");
        }
        if (auth instanceof AzureAuth.ManagedIdentity identity) {
            ManagedIdentityCredentialBuilder builder = new ManagedIdentityCredentialBuilder().httpClient(http);
            identity.clientId().ifPresent(builder::clientId);
            return new SharedTokenCredential(builder.build(),
                    identity.clientId().map(id -> "the user-assigned managed identity "
                            + AdlsConfig.MANAGED_IDENTITY_CLIENT_ID + "=" + id)
                            .orElse("the host's system-assigned managed identity"),
                    "Check that the worker runs on an Azure host with that identity assigned"
                            + identity.clientId().map(id -> " and that " + AdlsConfig.MANAGED_IDENTITY_CLIENT_ID
                            + " is its client id").orElse("") + ".");
        }
        if (auth instanceof AzureAuth.DefaultChain) {
            DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder().httpClient(http);
            options.authorityHost().ifPresent(host -> builder.authorityHost(host.toString()).disableInstanceDiscovery());
            return new SharedTokenCredential(builder.build(), "the default credential chain of the worker",
                    "No authentication keys are set on the data source, so the worker's environment must provide an"
                            + " identity (AZURE_* environment variables, workload or managed identity, an Azure CLI"
                            + " login), or set " + AdlsConfig.ACCOUNT_KEY + ", " + AdlsConfig.SAS_TOKEN
                            + " or a service principal.");
        }
        throw new IllegalArgumentException("Cannot make an Azure credential: unknown authentication mode "
                + auth.getClass().getSimpleName());
    }
}
