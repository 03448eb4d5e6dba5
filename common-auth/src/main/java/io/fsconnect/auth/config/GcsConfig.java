package io.fsconnect.auth.config;

import io.fsconnect.auth.GcsDataSource;
import io.fsconnect.auth.GoogleAuth;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import java.util.List;
import java.util.Optional;

/**
 * The keys of a {@code gcs} data source: bucket, path, a customer-supplied encryption key (algorithm, key and key
 * hash, all three or none) and Google authentication ({@link GoogleConfig}).
 */
public final class GcsConfig {

    public static final String ENCRYPTION_ALGORITHM = "encryption.algorithm";
    public static final String ENCRYPTION_ALGORITHM_DOC = "The algorithm of a customer-supplied encryption key; "
            + "AES256 is the only one GCS offers.";
    public static final String AES256 = "AES256";

    public static final String ENCRYPTION_KEY = "encryption.key";
    public static final String ENCRYPTION_KEY_DOC = "A customer-supplied encryption key: 256 bits, base64-encoded.";

    public static final String ENCRYPTION_KEY_HASH = "encryption.key.hash";
    public static final String ENCRYPTION_KEY_HASH_DOC = "The base64-encoded SHA-256 hash of the decoded "
            + ENCRYPTION_KEY + ".";

    private static final List<String> ENCRYPTION_KEYS = List.of(ENCRYPTION_ALGORITHM, ENCRYPTION_KEY,
            ENCRYPTION_KEY_HASH);

    private GcsConfig() {
    }

    static void define(ConfigDef def) {
        KeyGroup location = new KeyGroup(def, ObjectStoreConfig.GROUP);
        ObjectStoreConfig.defineBucket(location);
        ObjectStoreConfig.definePathAndEndpoint(location);
        new KeyGroup(def, "Encryption")
                .define(ENCRYPTION_ALGORITHM, Type.STRING, null, KeyGroup.unsetOr(ConfigDef.ValidString.in(AES256)), Importance.MEDIUM,
                        ENCRYPTION_ALGORITHM_DOC, Width.SHORT, "Encryption algorithm")
                .define(ENCRYPTION_KEY, Type.PASSWORD, null, Importance.MEDIUM, ENCRYPTION_KEY_DOC, Width.LONG,
                        "Encryption key")
                .define(ENCRYPTION_KEY_HASH, Type.STRING, null, Importance.MEDIUM, ENCRYPTION_KEY_HASH_DOC,
                        Width.LONG, "Encryption key hash");
        GoogleConfig.define(new KeyGroup(def, "Authentication"));
    }

    static Optional<GcsDataSource> read(Fields fields, String name) {
        fields.allOrNone("a customer-supplied encryption key", ENCRYPTION_KEYS);
        Optional<GcsDataSource.CustomerKey> encryption = Optional.empty();
        if (ENCRYPTION_KEYS.stream().allMatch(fields::has)) {
            if (!Base64Keys.isAes256(fields.secret(ENCRYPTION_KEY).get())) {
                fields.problem(ENCRYPTION_KEY, fields.key(ENCRYPTION_KEY) + " must be a base64-encoded 256-bit "
                        + "(32-byte) key");
            } else if (!Base64Keys.hashMatches(fields.secret(ENCRYPTION_KEY).get(), fields.required(ENCRYPTION_KEY_HASH))) {
                fields.problem(ENCRYPTION_KEY_HASH, fields.key(ENCRYPTION_KEY_HASH) + " is not the base64 SHA-256 hash "
                        + "of " + fields.key(ENCRYPTION_KEY) + "; compute it with: echo -n <key> | base64 -d | "
                        + "openssl dgst -sha256 -binary | base64");
            } else {
                encryption = Optional.of(new GcsDataSource.CustomerKey(fields.secret(ENCRYPTION_KEY).get(),
                        fields.required(ENCRYPTION_KEY_HASH)));
            }
        }
        Optional<GoogleAuth> auth = GoogleConfig.read(fields);
        if (fields.hasProblems() || auth.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new GcsDataSource(name, fields.string(DataSourceConfig.DESCRIPTION),
                fields.required(ObjectStoreConfig.BUCKET), ObjectStoreConfig.path(fields),
                ObjectStoreConfig.endpoint(fields), encryption, auth.get(), fields.options()));
    }
}
