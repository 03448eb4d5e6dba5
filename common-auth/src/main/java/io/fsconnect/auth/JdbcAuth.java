package io.fsconnect.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * How a JDBC connection authenticates: with a user (and usually a password), or by whatever the driver does on its
 * own (embedded databases, driver options such as Kerberos).
 */
public sealed interface JdbcAuth {

    /** No credentials from the data source; the driver and its options decide. */
    record DriverManaged() implements JdbcAuth {
    }

    /** A database user and, unless the server trusts the client, its password. */
    record UserPassword(String user, Optional<Secret> password) implements JdbcAuth {
        public UserPassword {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }
    }
}
