package io.fsconnect.source.jdbc;

/**
 * Standard SQL: double-quoted identifiers, standard JDBC metadata and temporal types. Used for
 * databases that have no dialect of their own yet.
 */
public class AnsiDialect implements Dialect {

    @Override
    public String name() {
        return "ANSI SQL";
    }

    @Override
    public char identifierQuote() {
        return '"';
    }
}
