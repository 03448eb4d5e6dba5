package io.fsconnect.auth.azure;

import com.azure.core.credential.AzureSasCredential;
import com.azure.core.credential.TokenCredential;
import com.azure.storage.common.StorageSharedKeyCredential;

import java.util.Objects;

/**
 * A credential for Azure Storage in the form the SDK's client builders take it: the account's shared key, a SAS
 * token, or an Entra ID token credential (service principal, managed identity or the default chain). A storage
 * adapter switches over the three kinds to configure its client. Made by {@link AzureCredentials}; no kind prints
 * its secret.
 */
public sealed interface AzureStorageCredential {

    /** Signs every request with the storage account's shared key. */
    record SharedKey(StorageSharedKeyCredential credential) implements AzureStorageCredential {
        public SharedKey {
            Objects.requireNonNull(credential, "credential");
        }

        @Override
        public String toString() {
            return "SharedKey[account=" + credential.getAccountName() + "]";
        }
    }

    /** Appends a shared access signature to every request. */
    record Sas(AzureSasCredential credential) implements AzureStorageCredential {
        public Sas {
            Objects.requireNonNull(credential, "credential");
        }

        @Override
        public String toString() {
            return "Sas[hidden]";
        }
    }

    /**
     * Sends an Entra ID bearer token, obtained and refreshed before expiry by {@code credential}; Azure Storage
     * accepts bearer tokens over HTTPS only.
     */
    record Token(TokenCredential credential) implements AzureStorageCredential {
        public Token {
            Objects.requireNonNull(credential, "credential");
        }

        @Override
        public String toString() {
            return "Token[" + credential + "]";
        }
    }
}
