package io.fsconnect.auth.config;

import io.fsconnect.auth.AwsAuth;
import io.fsconnect.auth.S3DataSource;
import io.fsconnect.auth.S3Encryption;
import io.fsconnect.auth.Secret;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** The keys of an {@code s3} data source: location, encryption and AWS authentication ({@link AwsConfig}). */
public final class S3Config {

    public static final String REGION = "region";
    public static final String REGION_DOC = "The bucket's AWS region, e.g. eu-west-1; the SDK's region provider chain "
            + "decides when not set.";

    public static final String PATH_STYLE_ACCESS = "path.style.access";
    public static final String PATH_STYLE_ACCESS_DOC = "Address buckets as <endpoint>/<bucket> instead of "
            + "<bucket>.<endpoint>, as many S3-compatible stores need.";
    public static final boolean PATH_STYLE_ACCESS_DEFAULT = false;

    public static final String SSE_ALGORITHM = "sse.algorithm";
    public static final String SSE_ALGORITHM_DOC = "Server-side encryption of written objects: AES256 (keys managed "
            + "by S3), SSE-KMS (keys in AWS KMS) or SSE-C (a key supplied with every request); the bucket's default "
            + "when not set.";
    public static final String SSE_S3 = "AES256";
    public static final String SSE_KMS = "SSE-KMS";
    public static final String SSE_C = "SSE-C";

    public static final String SSE_KMS_KEY_ID = "sse.kms.key.id";
    public static final String SSE_KMS_KEY_ID_DOC = "The KMS key (ARN, id or alias) for SSE-KMS; the bucket's "
            + "default KMS key when not set. Requires " + SSE_ALGORITHM + "=" + SSE_KMS + ".";

    public static final String SSE_CUSTOMER_KEY = "sse.customer.key";
    public static final String SSE_CUSTOMER_KEY_DOC = "The base64-encoded 256-bit key for SSE-C. Requires "
            + SSE_ALGORITHM + "=" + SSE_C + ".";

    public static final String STS_ENDPOINT = "sts.endpoint";
    public static final String STS_ENDPOINT_DOC = "The STS endpoint URL where sessions of " + AwsConfig.IAM_ROLE
            + " are requested; with " + ObjectStoreConfig.ENDPOINT + " set (a compatible store such as Ceph RGW), "
            + "that endpoint when not set, otherwise AWS's STS in the region.";

    public static final String STS_REGION = "sts.region";
    public static final String STS_REGION_DOC = "The region STS requests are signed for; " + REGION
            + " when not set.";

    private S3Config() {
    }

    static void define(ConfigDef def) {
        KeyGroup location = new KeyGroup(def, ObjectStoreConfig.GROUP);
        ObjectStoreConfig.defineBucket(location);
        ObjectStoreConfig.definePathAndEndpoint(location);
        location.define(REGION, Type.STRING, null, Importance.MEDIUM, REGION_DOC, Width.SHORT, "Region")
                .define(PATH_STYLE_ACCESS, Type.BOOLEAN, PATH_STYLE_ACCESS_DEFAULT, Importance.LOW,
                        PATH_STYLE_ACCESS_DOC, Width.SHORT, "Path-style access");
        new KeyGroup(def, "Encryption")
                .define(SSE_ALGORITHM, Type.STRING, null, KeyGroup.unsetOr(ConfigDef.ValidString.in(SSE_S3, SSE_KMS, SSE_C)),
                        Importance.MEDIUM, SSE_ALGORITHM_DOC, Width.SHORT, "Server-side encryption")
                .define(SSE_KMS_KEY_ID, Type.STRING, null, Importance.MEDIUM, SSE_KMS_KEY_ID_DOC, Width.LONG,
                        "KMS key")
                .define(SSE_CUSTOMER_KEY, Type.PASSWORD, null, Importance.MEDIUM, SSE_CUSTOMER_KEY_DOC, Width.LONG,
                        "SSE-C key");
        KeyGroup auth = new KeyGroup(def, AwsConfig.GROUP);
        AwsConfig.defineAccessKeys(auth);
        AwsConfig.defineRole(auth);
        auth.define(STS_ENDPOINT, Type.STRING, null, KeyGroup.described("an http(s) URL",
                        ObjectStoreConfig::validateEndpoint), Importance.LOW, STS_ENDPOINT_DOC, Width.LONG,
                        "STS endpoint")
                .define(STS_REGION, Type.STRING, null, Importance.LOW, STS_REGION_DOC, Width.SHORT, "STS region");
    }

    static Optional<S3DataSource> read(Fields fields, String name) {
        Optional<S3Encryption> encryption = readEncryption(fields);
        boolean compatibleStore = fields.has(ObjectStoreConfig.ENDPOINT);
        Optional<AwsAuth> auth = AwsConfig.readAuth(fields, compatibleStore);
        for (String key : List.of(STS_ENDPOINT, STS_REGION)) {
            if (fields.present(key) && !fields.present(AwsConfig.IAM_ROLE)) {
                fields.problem(key, fields.key(key) + " applies only to a role set with "
                        + fields.key(AwsConfig.IAM_ROLE));
            }
        }
        if (fields.hasProblems() || auth.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new S3DataSource(name, fields.string(DataSourceConfig.DESCRIPTION),
                fields.required(ObjectStoreConfig.BUCKET), ObjectStoreConfig.path(fields), fields.string(REGION),
                ObjectStoreConfig.endpoint(fields), fields.bool(PATH_STYLE_ACCESS), encryption, auth.get(),
                fields.string(STS_ENDPOINT).map(URI::create), fields.string(STS_REGION), fields.options()));
    }

    private static Optional<S3Encryption> readEncryption(Fields fields) {
        Optional<String> algorithm = fields.string(SSE_ALGORITHM);
        if (fields.present(SSE_KMS_KEY_ID) && !algorithm.equals(Optional.of(SSE_KMS))) {
            fields.problem(SSE_KMS_KEY_ID, fields.key(SSE_KMS_KEY_ID) + " requires " + fields.key(SSE_ALGORITHM) + "="
                    + SSE_KMS);
        }
        if (fields.present(SSE_CUSTOMER_KEY) && !algorithm.equals(Optional.of(SSE_C))) {
            fields.problem(SSE_CUSTOMER_KEY, fields.key(SSE_CUSTOMER_KEY) + " requires " + fields.key(SSE_ALGORITHM)
                    + "=" + SSE_C);
        }
        if (algorithm.isEmpty()) {
            return Optional.empty();
        }
        switch (algorithm.get()) {
            case SSE_S3:
                return Optional.of(new S3Encryption.S3Managed());
            case SSE_KMS:
                return Optional.of(new S3Encryption.Kms(fields.string(SSE_KMS_KEY_ID)));
            default:
                Optional<Secret> key = fields.secret(SSE_CUSTOMER_KEY);
                if (key.isEmpty()) {
                    fields.problem(SSE_CUSTOMER_KEY, fields.key(SSE_CUSTOMER_KEY) + " is required with "
                            + fields.key(SSE_ALGORITHM) + "=" + SSE_C);
                    return Optional.empty();
                }
                if (!Base64Keys.isAes256(key.get())) {
                    fields.problem(SSE_CUSTOMER_KEY, fields.key(SSE_CUSTOMER_KEY)
                            + " must be a base64-encoded 256-bit (32-byte) key");
                    return Optional.empty();
                }
                return Optional.of(new S3Encryption.CustomerKey(key.get()));
        }
    }
}
