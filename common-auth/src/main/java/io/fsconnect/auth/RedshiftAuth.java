package io.fsconnect.auth;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a connector signs in to Redshift: a database user with its password, or IAM — assume a role, then ask
 * GetClusterCredentials for a temporary database password (valid 15 to 60 minutes) for the user, which Redshift may
 * create on the fly ({@code autoCreate}) and add to database groups.
 */
public sealed interface RedshiftAuth {

    /** Shortest temporary database password GetClusterCredentials issues. */
    Duration MIN_CREDENTIALS = Duration.ofSeconds(900);
    /** Longest temporary database password GetClusterCredentials issues. */
    Duration MAX_CREDENTIALS = Duration.ofSeconds(3_600);

    /** A database user and its password. */
    record Password(String user, Secret password) implements RedshiftAuth {
        public Password {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }
    }

    /**
     * Temporary database credentials through an assumed IAM role. Without a user, the user must be created on the
     * fly, so {@code autoCreate} is then true.
     */
    record IamRole(AwsAuth.AssumeRole role, Optional<String> user, boolean autoCreate, List<String> databaseGroups,
                   Duration credentialsDuration) implements RedshiftAuth {
        public IamRole {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(user, "user");
            databaseGroups = List.copyOf(databaseGroups);
            if (user.isEmpty() && !autoCreate) {
                throw new IllegalArgumentException("Cannot create Redshift IAM authentication: a user is required "
                        + "unless the user is created automatically");
            }
            if (credentialsDuration.compareTo(MIN_CREDENTIALS) < 0 || credentialsDuration.compareTo(MAX_CREDENTIALS) > 0) {
                throw new IllegalArgumentException("Cannot create Redshift IAM authentication: credentials duration "
                        + "must be between " + MIN_CREDENTIALS.toSeconds() + " and " + MAX_CREDENTIALS.toSeconds()
                        + " seconds");
            }
        }
    }
}
