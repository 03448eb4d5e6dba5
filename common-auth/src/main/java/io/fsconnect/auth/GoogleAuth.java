package io.fsconnect.auth;

import java.util.Objects;

/**
 * How a connector authenticates to Google Cloud: with a service-account key (a JSON key file on the workers, or the
 * JSON document itself), or with Application Default Credentials (the environment's own identity).
 */
public sealed interface GoogleAuth {

    /** A service-account key, as a file path or as the JSON document. */
    record ServiceAccountKey(KeyMaterial key) implements GoogleAuth {
        public ServiceAccountKey {
            Objects.requireNonNull(key, "key");
        }
    }

    /** Application Default Credentials: {@code GOOGLE_APPLICATION_CREDENTIALS}, workload identity, metadata server. */
    record ApplicationDefault() implements GoogleAuth {
    }
}
