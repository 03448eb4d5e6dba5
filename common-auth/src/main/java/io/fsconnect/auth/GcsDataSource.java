package io.fsconnect.auth;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A Google Cloud Storage bucket, optionally restricted to a prefix ({@code path}) and reached through a custom
 * {@code endpoint} (emulators), with an optional customer-supplied encryption key and one Google authentication mode.
 */
public record GcsDataSource(String name, Optional<String> description, String bucket, Optional<String> path,
                            Optional<URI> endpoint, Optional<CustomerKey> encryption, GoogleAuth auth,
                            Options options) implements DataSource {

    public GcsDataSource {
        DataSource.requireValidName(name);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(options, "options");
    }

    @Override
    public DataSourceType type() {
        return DataSourceType.GCS;
    }

    /**
     * A customer-supplied AES-256 key (base64) and the base64 SHA-256 hash of the key, which GCS uses to check that
     * the same key is sent with every request.
     */
    public record CustomerKey(Secret key, String keyHash) {
        public CustomerKey {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(keyHash, "keyHash");
        }
    }
}
