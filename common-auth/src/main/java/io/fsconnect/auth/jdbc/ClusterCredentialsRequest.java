package io.fsconnect.auth.jdbc;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One GetClusterCredentials request: which cluster, database and user, for how long, in which groups. */
record ClusterCredentialsRequest(String clusterIdentifier, String database, Optional<String> user, boolean autoCreate,
                                 List<String> databaseGroups, Duration duration) {

    ClusterCredentialsRequest {
        Objects.requireNonNull(clusterIdentifier, "clusterIdentifier");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        databaseGroups = List.copyOf(databaseGroups);
        Objects.requireNonNull(duration, "duration");
    }
}
