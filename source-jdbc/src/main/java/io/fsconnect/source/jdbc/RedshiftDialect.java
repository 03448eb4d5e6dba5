package io.fsconnect.source.jdbc;

import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.ZoneId;
import java.util.Date;
import java.util.Locale;

/**
 * Amazon Redshift ({@code jdbc:redshift:}, including {@code jdbc:redshift:iam:}). Identifiers are
 * double-quoted and folded to lower case by Redshift unless case sensitivity is enabled. Like
 * PostgreSQL's, the driver streams a result with a fetch size only inside a transaction, so autocommit
 * is turned off. Types by Redshift's names: TIMESTAMP is wall-clock time read in {@code db.timezone},
 * TIMESTAMPTZ an absolute instant; SUPER is a string holding its JSON text; VARBYTE is bytes;
 * TIMETZ, GEOMETRY, GEOGRAPHY and HLLSKETCH are refused by name (or read as text with
 * {@code unsupported.type.handling=string}), never dropped.
 */
public final class RedshiftDialect extends AnsiDialect {

    @Override
    public boolean accepts(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:redshift:");
    }

    @Override
    public String name() {
        return "Redshift";
    }

    @Override
    public void prepareForStreaming(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
    }

    @Override
    public int columnType(ResultSetMetaData metadata, int column) throws SQLException {
        String declared = metadata.getColumnTypeName(column);
        String type = declared == null ? "" : declared.toLowerCase(Locale.ROOT);
        return switch (type) {
            case "timestamptz", "timestamp with time zone" -> Types.TIMESTAMP_WITH_TIMEZONE;
            case "timestamp", "timestamp without time zone" -> Types.TIMESTAMP;
            case "super" -> Types.VARCHAR;
            case "varbyte", "varbinary", "binary varying" -> Types.VARBINARY;
            case "timetz", "time with time zone", "geometry", "geography", "hllsketch" -> Types.OTHER;
            default -> metadata.getColumnType(column);
        };
    }

    /** TIMESTAMPTZ is read through {@link java.sql.ResultSet#getTimestamp}, which the driver fixes to the instant. */
    @Override
    public TemporalReaders temporalReaders(ZoneId dbZone) {
        TemporalReaders standard = TemporalReaders.standard(dbZone);
        return new TemporalReaders(standard.date(), standard.time(), standard.timestamp(), (rs, column) -> {
            Timestamp value = rs.getTimestamp(column);
            return value == null ? null : new Date(value.getTime());
        });
    }
}
