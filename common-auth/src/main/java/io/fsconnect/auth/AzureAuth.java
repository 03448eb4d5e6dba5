package io.fsconnect.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * How a connector authenticates to Azure Storage: a service principal (directory/tenant id, application/client id
 * and client secret), a managed identity (system-assigned, or user-assigned by client id), the storage account key,
 * a SAS token, or the default credential chain of the environment.
 */
public sealed interface AzureAuth {

    /** An Entra ID application's client secret. */
    record ServicePrincipal(String tenantId, String clientId, Secret clientSecret) implements AzureAuth {
        public ServicePrincipal {
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
        }
    }

    /** The managed identity of the host: system-assigned, or the user-assigned one with {@code clientId}. */
    record ManagedIdentity(Optional<String> clientId) implements AzureAuth {
        public ManagedIdentity {
            Objects.requireNonNull(clientId, "clientId");
        }
    }

    /** The storage account's shared key. */
    record AccountKey(Secret key) implements AzureAuth {
        public AccountKey {
            Objects.requireNonNull(key, "key");
        }
    }

    /** A shared access signature token. */
    record SasToken(Secret token) implements AzureAuth {
        public SasToken {
            Objects.requireNonNull(token, "token");
        }
    }

    /** Azure's default credential chain: environment variables, workload identity, managed identity, CLI login. */
    record DefaultChain() implements AzureAuth {
    }
}
