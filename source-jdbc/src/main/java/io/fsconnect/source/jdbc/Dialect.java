package io.fsconnect.source.jdbc;

import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;
import java.util.stream.Collectors;

/**
 * What differs between databases, chosen once from the JDBC URL by {@link #forUrl}: identifier
 * quoting, what a connection needs to stream a result instead of buffering it, and how the driver's
 * metadata and temporal values are read. Everything else is standard JDBC. A dialect is stateless.
 *
 * <p>Dialects are found with {@link java.util.ServiceLoader}: a jar in the plugin's directory can add
 * one by listing its class (public, with a public no-argument constructor) in
 * {@code META-INF/services/io.fsconnect.source.jdbc.Dialect}; it is chosen for the URLs its
 * {@link #accepts} takes, before the dialects this plugin ships.
 */
public interface Dialect {

    /** Name for logs, e.g. "PostgreSQL". */
    String name();

    /**
     * Whether this dialect is the one for {@code jdbcUrl}, typically by its {@code jdbc:<subprotocol>:}
     * prefix; the URL is given in lower case.
     */
    default boolean accepts(String jdbcUrl) {
        return false;
    }

    /** The character that opens and closes a quoted identifier. */
    char identifierQuote();

    /** {@code identifier} quoted, with embedded quote characters doubled. */
    default String quoteIdentifier(String identifier) {
        String quote = String.valueOf(identifierQuote());
        return quote + identifier.replace(quote, quote + quote) + quote;
    }

    /** A dotted name such as {@code schema.table} with each part quoted. */
    default String quoteQualifiedName(String dottedName) {
        return Arrays.stream(dottedName.split("\\.", -1)).map(this::quoteIdentifier)
            .collect(Collectors.joining("."));
    }

    /**
     * Prepares a fresh connection so that a statement with a fetch size streams its rows. Connections
     * left in a transaction by this are committed after each query cycle.
     */
    default void prepareForStreaming(Connection connection) throws SQLException {
    }

    /** The {@link Types} code of a result column. */
    default int columnType(ResultSetMetaData metadata, int column) throws SQLException {
        return metadata.getColumnType(column);
    }

    /**
     * The statement {@code validate()} runs to learn the result's columns from {@code fromClause} (a
     * table or a wrapped query). By default it matches no row, so nothing is read.
     */
    default String probeStatement(String fromClause) {
        return "SELECT * FROM " + fromClause + " WHERE 1 = 0";
    }

    /** Whether {@link ResultSetMetaData#isSigned} is meaningful (unsigned integer types exist). */
    default boolean hasUnsignedIntegers() {
        return false;
    }

    /**
     * How a DECIMAL value with more fraction digits than its column's scale is brought to that scale.
     * {@link RoundingMode#UNNECESSARY} makes it an error, right for databases that store exact decimals.
     */
    default RoundingMode decimalRounding() {
        return RoundingMode.UNNECESSARY;
    }

    /** Reads DATE, TIME and TIMESTAMP columns as Connect logical values. */
    default TemporalReaders temporalReaders(ZoneId dbZone) {
        return TemporalReaders.standard(dbZone);
    }

    /**
     * The expression the timestamp modes compare and order on, given the quoted column (or
     * {@code COALESCE} of columns); a dialect whose timestamps are text normalises it here.
     */
    default String timestampExpression(String expression) {
        return expression;
    }

    /**
     * Binds a timestamp-mode bound as parameter {@code index}: an absolute instant, which the database
     * compares with TIMESTAMP columns as wall-clock time in {@code dbZone}.
     */
    default void bindTimestamp(PreparedStatement statement, int index, Instant value, ZoneId dbZone)
        throws SQLException {
        statement.setTimestamp(index, Timestamp.from(value), Calendar.getInstance(TimeZone.getTimeZone(dbZone)));
    }

    /**
     * The value of a timestamp column of the current row with all the precision the database keeps
     * (Connect's Timestamp keeps milliseconds only), or empty for NULL.
     */
    default Optional<Instant> readTimestamp(ResultSet results, int column, ZoneId dbZone) throws SQLException {
        Timestamp value = results.getTimestamp(column, Calendar.getInstance(TimeZone.getTimeZone(dbZone)));
        return Optional.ofNullable(value).map(Timestamp::toInstant);
    }

    /**
     * The dialect of {@code jdbcUrl} among those registered (see above); databases without one get
     * ANSI double-quoted identifiers and standard JDBC.
     */
    static Dialect forUrl(String jdbcUrl) {
        return DialectRegistry.INSTANCE.forUrl(jdbcUrl.strip().toLowerCase(Locale.ROOT));
    }
}
