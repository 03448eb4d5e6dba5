package io.fsconnect.source.jdbc;

import java.util.List;

/** A SQL statement and the values of its {@code ?} parameters, in order. */
public record SqlQuery(String sql, List<Object> parameters) {

    public SqlQuery {
        parameters = List.copyOf(parameters);
    }
}
