package io.fsconnect.source.jdbc;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Calendar;
import java.util.Date;
import java.util.TimeZone;

/**
 * Readers for DATE, TIME, TIMESTAMP and TIMESTAMP WITH TIME ZONE columns, producing the
 * {@link Date} values of Connect's {@code Date} (midnight UTC), {@code Time} (millis of day on
 * 1970-01-01 UTC) and {@code Timestamp} (an instant). A TIMESTAMP without a time zone is read as a
 * wall-clock time in the configured database zone, never in the JVM's default zone.
 *
 * <p>The readers of one instance may share state (a calendar): like the result sets they read, they
 * belong to one reading thread; {@link ColumnMapper} takes its own instance.
 *
 * @param date reader for DATE columns
 * @param time reader for TIME columns
 * @param timestamp reader for TIMESTAMP columns
 * @param timestampWithZone reader for TIMESTAMP WITH TIME ZONE columns
 */
public record TemporalReaders(ColumnReader date, ColumnReader time, ColumnReader timestamp,
                              ColumnReader timestampWithZone) {

    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final long NANOS_PER_MILLI = 1_000_000L;

    /** Readers through JDBC 4.2's java.time mappings, for drivers that implement them; a new instance per call. */
    public static TemporalReaders standard(ZoneId dbZone) {
        // One calendar for every value, as JDBC's own idiom has it: drivers take only its zone from it, or
        // clear and set all its fields before using it. A calendar per value was a measurable cost.
        Calendar calendar = Calendar.getInstance(TimeZone.getTimeZone(dbZone));
        return new TemporalReaders(
            (rs, column) -> {
                LocalDate date = rs.getObject(column, LocalDate.class);
                return date == null ? null : fromEpochDay(date.toEpochDay());
            },
            (rs, column) -> {
                LocalTime time = rs.getObject(column, LocalTime.class);
                return time == null ? null : fromTimeOfDay(time);
            },
            (ResultSet rs, int column) -> {
                Timestamp timestamp = rs.getTimestamp(column, calendar);
                return timestamp == null ? null : new Date(timestamp.getTime());
            },
            (rs, column) -> {
                OffsetDateTime timestamp = rs.getObject(column, OffsetDateTime.class);
                return timestamp == null ? null : Date.from(timestamp.toInstant());
            });
    }

    static Date fromEpochDay(long epochDay) {
        try {
            return new Date(Math.multiplyExact(epochDay, MILLIS_PER_DAY));
        } catch (ArithmeticException e) {
            throw new ColumnValueException("the date " + LocalDate.ofEpochDay(epochDay)
                + " is outside the range of a Connect Date");
        }
    }

    static Date fromTimeOfDay(LocalTime time) {
        return new Date(time.toNanoOfDay() / NANOS_PER_MILLI);
    }
}
