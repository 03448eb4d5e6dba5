package io.fsconnect.source.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * PostgreSQL: double-quoted identifiers; the driver streams a result with a fetch size only inside a
 * transaction, so autocommit is turned off (otherwise it buffers the whole result in memory).
 */
public final class PostgresDialect extends AnsiDialect {

    @Override
    public boolean accepts(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public void prepareForStreaming(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
    }
}
