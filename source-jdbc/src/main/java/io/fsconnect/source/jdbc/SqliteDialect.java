package io.fsconnect.source.jdbc;

import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;

/**
 * SQLite. Its driver derives a column's type code from the value in the current row, so the type is
 * taken from the declared type name instead (SQLite's own affinity rules), keeping a column's schema
 * the same in every cycle; a declared name that says nothing about the values (JSON, UUID) is
 * reported as unsupported. Expressions without a declared type use the driver's type. Integers are 64-bit whatever their declared name; REAL is a double;
 * DECIMAL values are stored as doubles and are rounded half-even to the declared scale; dates and
 * times are text (ISO-8601), integers (epoch millis) or reals (Julian day numbers).
 */
public final class SqliteDialect extends AnsiDialect {

    private static final double UNIX_EPOCH_JULIAN_DAY = 2_440_587.5;
    private static final double MILLIS_PER_DAY = 86_400_000.0;

    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
        .append(DateTimeFormatter.ISO_LOCAL_DATE)
        .optionalStart().appendLiteral('T').optionalEnd()
        .optionalStart().appendLiteral(' ').optionalEnd()
        .optionalStart().append(DateTimeFormatter.ISO_LOCAL_TIME).optionalEnd()
        .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
        .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
        .toFormatter(Locale.ROOT);

    private static final DateTimeFormatter BOUND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT);

    @Override
    public boolean accepts(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:sqlite:");
    }

    @Override
    public String name() {
        return "SQLite";
    }

    @Override
    public int columnType(ResultSetMetaData metadata, int column) throws SQLException {
        String declared = metadata.getColumnTypeName(column);
        String type = declared == null ? "" : declared.toUpperCase(Locale.ROOT);
        if (type.isEmpty() || type.equals("NULL")) {
            return widen(metadata.getColumnType(column));
        }
        if (type.contains("INT")) {
            return type.startsWith("TINYINT") ? Types.TINYINT : type.startsWith("SMALLINT") ? Types.SMALLINT : Types.BIGINT;
        }
        if (type.contains("CHAR") || type.contains("CLOB") || type.contains("TEXT")) {
            return Types.VARCHAR;
        }
        if (type.contains("BLOB")) {
            return Types.BLOB;
        }
        if (type.contains("REAL") || type.contains("FLOA") || type.contains("DOUB")) {
            return Types.DOUBLE;
        }
        if (type.startsWith("DECIMAL") || type.startsWith("NUMERIC")) {
            return Types.DECIMAL;
        }
        if (type.startsWith("BOOL")) {
            return Types.BOOLEAN;
        }
        if (type.startsWith("DATETIME") || type.startsWith("TIMESTAMP")) {
            return Types.TIMESTAMP;
        }
        if (type.startsWith("DATE")) {
            return Types.DATE;
        }
        if (type.startsWith("TIME")) {
            return Types.TIME;
        }
        // Any other declared name (JSON, UUID, ...) would get a type from each row's value: refuse it.
        return Types.OTHER;
    }

    /**
     * One row rather than none: a computed column (an aggregate, an expression) has no declared type,
     * and the driver can only tell its type from a value. An empty result still leaves such columns
     * untyped, and validation says so on the query.
     */
    @Override
    public String probeStatement(String fromClause) {
        return "SELECT * FROM " + fromClause + " LIMIT 1";
    }

    private static int widen(int valueType) {
        return switch (valueType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> Types.BIGINT;
            case Types.REAL, Types.FLOAT -> Types.DOUBLE;
            default -> valueType;
        };
    }

    /**
     * SQLite compares text, so timestamps written as {@code 2024-03-01T10:00}, {@code 2024-03-01 10:00:00}
     * or with fractions are normalised to one sortable form first (millisecond precision).
     */
    @Override
    public String timestampExpression(String expression) {
        return "strftime('%Y-%m-%d %H:%M:%f', " + expression + ")";
    }

    @Override
    public void bindTimestamp(PreparedStatement statement, int index, Instant value, ZoneId dbZone)
        throws SQLException {
        statement.setString(index, BOUND.format(LocalDateTime.ofInstant(value, dbZone)));
    }

    @Override
    public Optional<Instant> readTimestamp(ResultSet results, int column, ZoneId dbZone) throws SQLException {
        return Optional.ofNullable(toInstant(results.getObject(column), dbZone));
    }

    @Override
    public RoundingMode decimalRounding() {
        return RoundingMode.HALF_EVEN;
    }

    @Override
    public TemporalReaders temporalReaders(ZoneId dbZone) {
        return new TemporalReaders(
            (rs, column) -> {
                Instant instant = toInstant(rs.getObject(column), ZoneId.of("UTC"));
                return instant == null ? null : TemporalReaders.fromEpochDay(
                    LocalDate.ofInstant(instant, ZoneId.of("UTC")).toEpochDay());
            },
            (rs, column) -> {
                Object value = rs.getObject(column);
                if (value == null) {
                    return null;
                }
                if (value instanceof String text && !text.contains("-")) {
                    return TemporalReaders.fromTimeOfDay(parseTime(text));
                }
                Instant instant = toInstant(value, ZoneId.of("UTC"));
                return TemporalReaders.fromTimeOfDay(LocalTime.ofInstant(instant, ZoneId.of("UTC")));
            },
            (rs, column) -> {
                Instant instant = toInstant(rs.getObject(column), dbZone);
                return instant == null ? null : Date.from(instant);
            },
            (rs, column) -> {
                Instant instant = toInstant(rs.getObject(column), dbZone);
                return instant == null ? null : Date.from(instant);
            });
    }

    private static Instant toInstant(Object value, ZoneId zone) {
        if (value == null) {
            return null;
        }
        if (value instanceof Double || value instanceof Float) {
            double julianDay = ((Number) value).doubleValue();
            return Instant.ofEpochMilli(Math.round((julianDay - UNIX_EPOCH_JULIAN_DAY) * MILLIS_PER_DAY));
        }
        if (value instanceof Number number) {
            return Instant.ofEpochMilli(number.longValue());
        }
        String text = value.toString().strip();
        try {
            TemporalAccessor parsed = DATE_TIME.parse(text);
            LocalDate date = LocalDate.from(parsed);
            LocalTime time = parsed.isSupported(ChronoField.NANO_OF_DAY) ? LocalTime.from(parsed) : LocalTime.MIDNIGHT;
            LocalDateTime local = LocalDateTime.of(date, time);
            return parsed.isSupported(ChronoField.OFFSET_SECONDS)
                ? local.toInstant(ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)))
                : local.atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new ColumnValueException("the text '" + text + "' is not an ISO-8601 date or date-time "
                + "(yyyy-MM-dd[ HH:mm[:ss[.SSS]]][offset])");
        }
    }

    private static LocalTime parseTime(String text) {
        try {
            return LocalTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new ColumnValueException("the text '" + text + "' is not an ISO-8601 time (HH:mm[:ss[.SSS]])");
        }
    }
}
