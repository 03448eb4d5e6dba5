package io.fsconnect.auth.config;

import io.fsconnect.auth.GoogleAuth;
import io.fsconnect.auth.KeyMaterial;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Google Cloud authentication keys shared by {@code gcs} and {@code bigquery}: a service-account key as a file or as
 * the JSON document; Application Default Credentials when neither is set.
 */
public final class GoogleConfig {

    public static final String KEY_PATH = "key.path";
    public static final String KEY_PATH_DOC = "A service-account JSON key file on every worker. Excludes "
            + "key.json" + "; Application Default Credentials are used when neither is set.";

    public static final String KEY_JSON = "key.json";
    public static final String KEY_JSON_DOC = "The service-account JSON key itself, instead of " + KEY_PATH + ".";

    private GoogleConfig() {
    }

    static void define(KeyGroup group) {
        group.define(KEY_PATH, Type.STRING, null, Importance.HIGH, KEY_PATH_DOC, Width.LONG, "Key file")
                .define(KEY_JSON, Type.PASSWORD, null, Importance.HIGH, KEY_JSON_DOC, Width.LONG, "Key JSON");
    }

    static Optional<GoogleAuth> read(Fields fields) {
        if (fields.present(KEY_PATH) && fields.present(KEY_JSON)) {
            fields.problem(List.of(KEY_PATH, KEY_JSON), "Cannot take the service-account key from both "
                    + fields.key(KEY_PATH) + " and " + fields.key(KEY_JSON) + "; set one");
            return Optional.empty();
        }
        if (fields.has(KEY_JSON)) {
            if (!fields.secret(KEY_JSON).get().reveal().strip().startsWith("{")) {
                fields.problem(KEY_JSON, fields.key(KEY_JSON) + " must be a service-account key in JSON; to give a "
                        + "file, use " + fields.key(KEY_PATH));
                return Optional.empty();
            }
            return Optional.of(new GoogleAuth.ServiceAccountKey(new KeyMaterial.Inline(fields.secret(KEY_JSON).get())));
        }
        if (fields.has(KEY_PATH)) {
            return Optional.of(new GoogleAuth.ServiceAccountKey(new KeyMaterial.File(Path.of(fields.required(KEY_PATH)))));
        }
        return Optional.of(new GoogleAuth.ApplicationDefault());
    }
}
