package io.fsconnect.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * A Snowflake account ({@code url} is {@code <account>.snowflakecomputing.com}) with the user, database, schema and
 * warehouse to work in, an optional role, table and application name, and one authentication mode.
 */
public record SnowflakeDataSource(String name, Optional<String> description, String url, String user,
                                  String database, String schema, String warehouse, Optional<String> role,
                                  Optional<String> table, Optional<String> application, SnowflakeAuth auth,
                                  Options options) implements DataSource {

    public SnowflakeDataSource {
        DataSource.requireValidName(name);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(warehouse, "warehouse");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(options, "options");
    }

    @Override
    public DataSourceType type() {
        return DataSourceType.SNOWFLAKE;
    }
}
