package io.fsconnect.auth;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a connector authenticates to AWS (or an S3-compatible store): with the worker's own identity (instance role or
 * the default provider chain), with static access keys, or with temporary credentials from STS AssumeRole. An assumed
 * role may itself start from source credentials: access keys, or another assumed role (role chaining, which AWS caps
 * at one hour per session).
 */
public sealed interface AwsAuth {

    /** Shortest session STS grants. */
    Duration MIN_SESSION = Duration.ofSeconds(900);
    /** Longest session STS grants for a role assumed from non-role credentials. */
    Duration MAX_SESSION = Duration.ofSeconds(43_200);
    /** Longest session STS grants for a chained role. */
    Duration MAX_CHAINED_SESSION = Duration.ofSeconds(3_600);
    /** The session length used unless configured otherwise. */
    Duration DEFAULT_SESSION = Duration.ofSeconds(3_600);

    /** A role ARN as AWS issues it: {@code arn:<partition>:iam::<12 digits>:role/<path/><name>}. */
    Pattern ROLE_ARN = Pattern.compile("arn:aws(-cn|-us-gov)?:iam::\\d{12}:role/([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}");
    /**
     * A role ARN as S3-compatible stores (e.g. Ceph RGW) issue it, whose account part is a tenant name or empty;
     * accepted only for data sources with a custom endpoint.
     */
    Pattern COMPATIBLE_ROLE_ARN = Pattern.compile("arn:aws:iam::\\w*:role/([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}");

    /** The worker's own identity: EC2 instance profile, container role, web identity or the default chain. */
    record InstanceRole() implements AwsAuth {
    }

    /** Static access keys, optionally with the session token of temporary keys. */
    record AccessKeys(String accessKeyId, Secret secretAccessKey, Optional<Secret> sessionToken) implements AwsAuth {
        public AccessKeys {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(secretAccessKey, "secretAccessKey");
            Objects.requireNonNull(sessionToken, "sessionToken");
        }
    }

    /**
     * Temporary credentials from STS AssumeRole. {@code source} are the credentials that call AssumeRole: empty for
     * the worker's own identity, {@link AccessKeys}, or another {@link AssumeRole} (a chained role, whose sessions
     * are capped at {@link #MAX_CHAINED_SESSION}). An empty session name means one is generated per session.
     */
    record AssumeRole(String roleArn, Optional<String> externalId, Optional<String> sessionName,
                      Duration sessionDuration, Optional<AwsAuth> source) implements AwsAuth {
        public AssumeRole {
            Objects.requireNonNull(roleArn, "roleArn");
            Objects.requireNonNull(externalId, "externalId");
            Objects.requireNonNull(sessionName, "sessionName");
            Objects.requireNonNull(sessionDuration, "sessionDuration");
            Objects.requireNonNull(source, "source");
            if (source.isPresent() && source.get() instanceof InstanceRole) {
                throw new IllegalArgumentException("Cannot create role assumption: an instance role source is "
                        + "written as an empty source");
            }
            Duration max = source.isPresent() && source.get() instanceof AssumeRole ? MAX_CHAINED_SESSION : MAX_SESSION;
            if (sessionDuration.compareTo(MIN_SESSION) < 0 || sessionDuration.compareTo(max) > 0) {
                throw new IllegalArgumentException("Cannot create role assumption for " + roleArn
                        + ": session duration must be between " + MIN_SESSION.toSeconds() + " and "
                        + max.toSeconds() + " seconds");
            }
        }

        /** Whether this role is assumed from another assumed role, which caps its sessions at one hour. */
        public boolean chained() {
            return source.isPresent() && source.get() instanceof AssumeRole;
        }
    }
}
