package io.fsconnect.auth.gcp;

import io.fsconnect.auth.GoogleAuth;
import io.fsconnect.auth.KeyMaterial;
import io.fsconnect.auth.check.Problem;
import io.fsconnect.auth.config.GoogleConfig;
import org.apache.kafka.common.config.ConfigException;

import java.io.IOException;
import java.util.List;

/**
 * The connection check of a GCS or BigQuery data source: builds its Google credentials — reads and checks the
 * service-account key, or finds the Application Default Credentials — without calling Google. A key that cannot be
 * read or is not a service-account key is reported on {@code key.path} or {@code key.json}; missing Application
 * Default Credentials on {@code key.path}, the key that would provide them. Messages never quote the key.
 */
public final class GoogleCredentialsCheck {

    private GoogleCredentialsCheck() {
    }

    /** The problems found, none when the credentials could be built. */
    public static List<Problem> check(GoogleAuth auth) {
        String key = auth instanceof GoogleAuth.ServiceAccountKey account
                && account.key() instanceof KeyMaterial.Inline ? GoogleConfig.KEY_JSON : GoogleConfig.KEY_PATH;
        try {
            new GoogleCredentialsLoader().load(auth);
            return List.of();
        } catch (ConfigException | IOException e) {
            // The loader's messages name the key and the file, never any part of the key.
            return List.of(new Problem(key, e.getMessage()));
        }
    }
}
