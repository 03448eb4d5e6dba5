package io.fsconnect.source.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.ZoneId;
import java.util.Date;
import java.util.Locale;

/**
 * Snowflake ({@code jdbc:snowflake:}). Identifiers are double-quoted, so they must be spelled as
 * Snowflake stores them: upper case unless created quoted. Types are taken from Snowflake's type
 * names rather than the driver's codes, which by default report every whole-number NUMBER as BIGINT
 * and would overflow NUMBER(38,0) values beyond 64 bits:
 * <ul>
 * <li>NUMBER/DECIMAL/NUMERIC (and INT, which is NUMBER(38,0)) are DECIMAL with their precision and
 *     scale, so {@code numeric.mapping} decides exactly as for other databases;</li>
 * <li>TIMESTAMP_NTZ (and DATETIME) is wall-clock time read in {@code db.timezone}; TIMESTAMP_LTZ and
 *     TIMESTAMP_TZ are absolute instants, whatever the session's time zone;</li>
 * <li>VARIANT, OBJECT and ARRAY are strings holding their JSON text;</li>
 * <li>GEOGRAPHY, GEOMETRY, VECTOR and other types without a mapping are refused by name (or read
 *     as text with {@code unsupported.type.handling=string}), never dropped.</li>
 * </ul>
 * The driver fetches results in chunks of bounded size, so nothing is needed to stream them.
 */
public final class SnowflakeDialect extends AnsiDialect {

    @Override
    public boolean accepts(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:snowflake:");
    }

    @Override
    public String name() {
        return "Snowflake";
    }

    @Override
    public int columnType(ResultSetMetaData metadata, int column) throws SQLException {
        String declared = metadata.getColumnTypeName(column);
        String type = declared == null ? "" : declared.toUpperCase(Locale.ROOT);
        return switch (type) {
            case "NUMBER", "DECIMAL", "NUMERIC", "FIXED", "INT", "INTEGER", "BIGINT", "SMALLINT", "TINYINT",
                "BYTEINT" -> Types.DECIMAL;
            case "FLOAT", "FLOAT4", "FLOAT8", "DOUBLE", "DOUBLE PRECISION", "REAL", "REAL8" -> Types.DOUBLE;
            case "VARCHAR", "CHAR", "CHARACTER", "STRING", "TEXT", "VARIANT", "OBJECT", "ARRAY" -> Types.VARCHAR;
            case "BINARY", "VARBINARY" -> Types.VARBINARY;
            case "BOOLEAN" -> Types.BOOLEAN;
            case "DATE" -> Types.DATE;
            case "TIME" -> Types.TIME;
            case "TIMESTAMP_NTZ", "DATETIME" -> Types.TIMESTAMP;
            case "TIMESTAMP_LTZ", "TIMESTAMP_TZ" -> Types.TIMESTAMP_WITH_TIMEZONE;
            case "GEOGRAPHY", "GEOMETRY", "VECTOR", "FILE" -> Types.OTHER;
            default -> metadata.getColumnType(column);
        };
    }

    /**
     * TIMESTAMP_LTZ and TIMESTAMP_TZ are read through {@link java.sql.ResultSet#getTimestamp}, whose
     * value the driver fixes to the stored instant; java.time mappings vary between driver versions.
     */
    @Override
    public TemporalReaders temporalReaders(ZoneId dbZone) {
        TemporalReaders standard = TemporalReaders.standard(dbZone);
        return new TemporalReaders(standard.date(), standard.time(), standard.timestamp(), (rs, column) -> {
            Timestamp value = rs.getTimestamp(column);
            return value == null ? null : new Date(value.getTime());
        });
    }
}
