package io.fsconnect.auth.config;

import io.fsconnect.auth.AwsAuth;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * AWS authentication keys: static access keys (S3 only) and an IAM role to assume (S3 and Redshift), optionally from
 * source access keys or through a first role (role chaining). With none of them, the worker's own identity is used.
 */
public final class AwsConfig {

    public static final String ACCESS_KEY_ID = "access.key.id";
    public static final String ACCESS_KEY_ID_DOC = "The AWS access key id; requires " + "secret.access.key"
            + ". Excludes " + "iam.role" + ".";

    public static final String SECRET_ACCESS_KEY = "secret.access.key";
    public static final String SECRET_ACCESS_KEY_DOC = "The AWS secret access key of " + ACCESS_KEY_ID + ".";

    public static final String SESSION_TOKEN = "session.token";
    public static final String SESSION_TOKEN_DOC = "The session token of temporary access keys.";

    public static final String IAM_ROLE = "iam.role";
    public static final String IAM_ROLE_DOC = "The ARN of an IAM role to assume with STS AssumeRole, "
            + "arn:aws:iam::<12-digit account>:role/<path/><name>. Temporary credentials are requested from the "
            + "worker's own identity, from " + "iam.source.access.key.id" + ", or through " + "iam.source.role"
            + ". Excludes static access keys.";

    public static final String IAM_EXTERNAL_ID = "iam.external.id";
    public static final String IAM_EXTERNAL_ID_DOC = "The external id the role's trust policy requires.";

    public static final String IAM_SESSION_NAME = "iam.session.name";
    public static final String IAM_SESSION_NAME_DOC = "The role session name (2 to 64 characters), shown in "
            + "CloudTrail; a unique name per session when not set.";

    public static final String IAM_SESSION_DURATION_SECONDS = "iam.session.duration.seconds";
    public static final String IAM_SESSION_DURATION_SECONDS_DOC = "How long each role session lasts, at most the "
            + "role's maximum session duration; at most 3600 for a chained role. Credentials are refreshed before "
            + "they expire.";
    public static final int IAM_SESSION_DURATION_SECONDS_DEFAULT = (int) AwsAuth.DEFAULT_SESSION.toSeconds();

    public static final String IAM_SOURCE_ROLE = "iam.source.role";
    public static final String IAM_SOURCE_ROLE_DOC = "The ARN of a first role to assume, whose credentials then "
            + "assume " + IAM_ROLE + " (role chaining, which caps sessions at 3600 seconds).";

    public static final String IAM_SOURCE_EXTERNAL_ID = "iam.source.external.id";
    public static final String IAM_SOURCE_EXTERNAL_ID_DOC = "The external id the trust policy of "
            + IAM_SOURCE_ROLE + " requires.";

    public static final String IAM_SOURCE_ACCESS_KEY_ID = "iam.source.access.key.id";
    public static final String IAM_SOURCE_ACCESS_KEY_ID_DOC = "The access key id of an IAM user that assumes the "
            + "(first) role, instead of the worker's own identity; requires " + "iam.source.secret.access.key" + ".";

    public static final String IAM_SOURCE_SECRET_ACCESS_KEY = "iam.source.secret.access.key";
    public static final String IAM_SOURCE_SECRET_ACCESS_KEY_DOC = "The secret access key of "
            + IAM_SOURCE_ACCESS_KEY_ID + ".";

    static final String GROUP = "Authentication";

    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

    private static final List<String> ACCESS_KEYS = List.of(ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN);
    private static final List<String> ROLE_KEYS = List.of(IAM_ROLE, IAM_EXTERNAL_ID, IAM_SESSION_NAME,
            IAM_SESSION_DURATION_SECONDS, IAM_SOURCE_ROLE, IAM_SOURCE_EXTERNAL_ID, IAM_SOURCE_ACCESS_KEY_ID,
            IAM_SOURCE_SECRET_ACCESS_KEY);

    private AwsConfig() {
    }

    static void defineAccessKeys(KeyGroup group) {
        group.define(ACCESS_KEY_ID, Type.STRING, null, Importance.HIGH, ACCESS_KEY_ID_DOC, Width.MEDIUM,
                        "Access key id")
                .define(SECRET_ACCESS_KEY, Type.PASSWORD, null, Importance.HIGH, SECRET_ACCESS_KEY_DOC, Width.MEDIUM,
                        "Secret access key")
                .define(SESSION_TOKEN, Type.PASSWORD, null, Importance.LOW, SESSION_TOKEN_DOC, Width.LONG,
                        "Session token");
    }

    static void defineRole(KeyGroup group) {
        group.define(IAM_ROLE, Type.STRING, null, Importance.HIGH, IAM_ROLE_DOC, Width.LONG, "IAM role ARN")
                .define(IAM_EXTERNAL_ID, Type.STRING, null, Importance.MEDIUM, IAM_EXTERNAL_ID_DOC, Width.MEDIUM,
                        "External id")
                .define(IAM_SESSION_NAME, Type.STRING, null, Importance.LOW, IAM_SESSION_NAME_DOC, Width.MEDIUM,
                        "Role session name")
                .define(IAM_SESSION_DURATION_SECONDS, Type.INT, IAM_SESSION_DURATION_SECONDS_DEFAULT,
                        ConfigDef.Range.between((int) AwsAuth.MIN_SESSION.toSeconds(),
                                (int) AwsAuth.MAX_SESSION.toSeconds()),
                        Importance.LOW, IAM_SESSION_DURATION_SECONDS_DOC, Width.SHORT, "Role session duration (s)")
                .define(IAM_SOURCE_ROLE, Type.STRING, null, Importance.LOW, IAM_SOURCE_ROLE_DOC, Width.LONG,
                        "Source role ARN")
                .define(IAM_SOURCE_EXTERNAL_ID, Type.STRING, null, Importance.LOW, IAM_SOURCE_EXTERNAL_ID_DOC,
                        Width.MEDIUM, "Source role external id")
                .define(IAM_SOURCE_ACCESS_KEY_ID, Type.STRING, null, Importance.LOW, IAM_SOURCE_ACCESS_KEY_ID_DOC,
                        Width.MEDIUM, "Source access key id")
                .define(IAM_SOURCE_SECRET_ACCESS_KEY, Type.PASSWORD, null, Importance.LOW,
                        IAM_SOURCE_SECRET_ACCESS_KEY_DOC, Width.MEDIUM, "Source secret access key");
    }

    /**
     * Reads the S3 authentication mode. {@code compatibleStore} relaxes the role ARN's account part for
     * S3-compatible stores, whose roles may belong to a tenant rather than a 12-digit account.
     */
    static Optional<AwsAuth> readAuth(Fields fields, boolean compatibleStore) {
        Optional<Integer> mode = fields.atMostOne("authentication", List.of(ACCESS_KEYS, ROLE_KEYS));
        if (mode.isEmpty()) {
            return Optional.of(new AwsAuth.InstanceRole());
        }
        if (mode.get() == 0) {
            fields.allOrNone("static access keys", List.of(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
            if (fields.present(SESSION_TOKEN) && !fields.present(ACCESS_KEY_ID)) {
                fields.problem(SESSION_TOKEN, fields.key(SESSION_TOKEN) + " needs " + fields.key(ACCESS_KEY_ID)
                        + " and " + fields.key(SECRET_ACCESS_KEY));
            }
            if (!fields.has(ACCESS_KEY_ID) || fields.secret(SECRET_ACCESS_KEY).isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new AwsAuth.AccessKeys(fields.required(ACCESS_KEY_ID),
                    fields.secret(SECRET_ACCESS_KEY).get(), fields.secret(SESSION_TOKEN)));
        }
        return readRole(fields, compatibleStore).map(AwsAuth.class::cast);
    }

    /** Reads the role to assume; records a problem when role keys are set without {@link #IAM_ROLE}. */
    static Optional<AwsAuth.AssumeRole> readRole(Fields fields, boolean compatibleStore) {
        if (!fields.present(IAM_ROLE)) {
            for (String key : ROLE_KEYS) {
                if (fields.present(key)) {
                    fields.problem(key, fields.key(key) + " applies only to a role set with " + fields.key(IAM_ROLE));
                }
            }
            return Optional.empty();
        }
        boolean valid = true;
        valid &= checkArn(fields, IAM_ROLE, compatibleStore);
        valid &= checkPattern(fields, IAM_EXTERNAL_ID, EXTERNAL_ID, "2 to 1224 letters, digits and +=,.@:/-");
        valid &= checkPattern(fields, IAM_SESSION_NAME, SESSION_NAME, "2 to 64 letters, digits and +=,.@-");
        valid &= checkPattern(fields, IAM_SOURCE_EXTERNAL_ID, EXTERNAL_ID, "2 to 1224 letters, digits and +=,.@:/-");
        fields.allOrNone("the source access keys", List.of(IAM_SOURCE_ACCESS_KEY_ID, IAM_SOURCE_SECRET_ACCESS_KEY));
        if (fields.present(IAM_SOURCE_EXTERNAL_ID) && !fields.present(IAM_SOURCE_ROLE)) {
            fields.problem(IAM_SOURCE_EXTERNAL_ID, fields.key(IAM_SOURCE_EXTERNAL_ID) + " applies only to a source role "
                    + "set with " + fields.key(IAM_SOURCE_ROLE));
            valid = false;
        }
        Optional<AwsAuth> base = Optional.empty();
        if (fields.has(IAM_SOURCE_ACCESS_KEY_ID) && fields.secret(IAM_SOURCE_SECRET_ACCESS_KEY).isPresent()) {
            base = Optional.of(new AwsAuth.AccessKeys(fields.required(IAM_SOURCE_ACCESS_KEY_ID),
                    fields.secret(IAM_SOURCE_SECRET_ACCESS_KEY).get(), Optional.empty()));
        }
        int seconds = fields.integer(IAM_SESSION_DURATION_SECONDS);
        Optional<AwsAuth> source = base;
        if (fields.present(IAM_SOURCE_ROLE)) {
            valid &= checkArn(fields, IAM_SOURCE_ROLE, compatibleStore);
            if (seconds > AwsAuth.MAX_CHAINED_SESSION.toSeconds()) {
                fields.problem(IAM_SESSION_DURATION_SECONDS, fields.key(IAM_SESSION_DURATION_SECONDS) + " is "
                        + seconds + " but AWS caps sessions of a chained role (" + fields.key(IAM_SOURCE_ROLE)
                        + " is set) at " + AwsAuth.MAX_CHAINED_SESSION.toSeconds() + " seconds; refresh instead of "
                        + "asking for longer sessions");
                valid = false;
            }
            if (valid) {
                source = Optional.of(new AwsAuth.AssumeRole(fields.required(IAM_SOURCE_ROLE),
                        fields.string(IAM_SOURCE_EXTERNAL_ID), Optional.empty(), AwsAuth.DEFAULT_SESSION, base));
            }
        }
        if (!valid || fields.hasProblems()) {
            return Optional.empty();
        }
        return Optional.of(new AwsAuth.AssumeRole(fields.required(IAM_ROLE), fields.string(IAM_EXTERNAL_ID),
                fields.string(IAM_SESSION_NAME), Duration.ofSeconds(seconds), source));
    }

    private static boolean checkArn(Fields fields, String key, boolean compatibleStore) {
        Optional<String> arn = fields.string(key);
        if (arn.isEmpty()) {
            return false;
        }
        if (AwsAuth.ROLE_ARN.matcher(arn.get()).matches()
                || compatibleStore && AwsAuth.COMPATIBLE_ROLE_ARN.matcher(arn.get()).matches()) {
            return true;
        }
        fields.problem(key, fields.key(key) + " is not a role ARN: expected arn:aws:iam::<12-digit account id>:role/"
                + "<path/><name>, e.g. arn:aws:iam::123456789012:role/feature-store/reader"
                + (compatibleStore ? " (or, for a compatible store, arn:aws:iam::<tenant>:role/<name>)" : ""));
        return false;
    }

    private static boolean checkPattern(Fields fields, String key, Pattern pattern, String expected) {
        Optional<String> value = fields.string(key);
        if (value.isPresent() && !pattern.matcher(value.get()).matches()) {
            fields.problem(key, fields.key(key) + " must be " + expected);
            return false;
        }
        return true;
    }
}
