package io.fsconnect.auth.jdbc;

import io.fsconnect.auth.Secret;

import java.time.Instant;
import java.util.Objects;

/** A temporary database user and password issued by GetClusterCredentials, valid until {@code expiry}. */
record DatabaseCredentials(String user, Secret password, Instant expiry) {

    DatabaseCredentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(expiry, "expiry");
    }
}
