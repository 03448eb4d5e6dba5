package io.fsconnect.source.jdbc;

/**
 * MySQL and MariaDB: back-quoted identifiers and unsigned integer types. The MariaDB driver streams
 * with a fetch size and autocommit on.
 */
public final class MySqlDialect implements Dialect {

    @Override
    public boolean accepts(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:mysql:") || jdbcUrl.startsWith("jdbc:mariadb:");
    }

    @Override
    public String name() {
        return "MySQL/MariaDB";
    }

    @Override
    public char identifierQuote() {
        return '`';
    }

    @Override
    public boolean hasUnsignedIntegers() {
        return true;
    }
}
