package io.fsconnect.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.fsconnect.testkit.MariaDbServer;
import io.fsconnect.testkit.PostgresServer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/** Each mapped type of PostgreSQL and MariaDB, written by SQL and read back by the task with exact values. */
class TypeRoundTripIT {

    @Test
    void postgresTypesArriveWithExactValues() throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            postgres.execute("CREATE TABLE t (id INT NOT NULL, amount NUMERIC(38,10), whole NUMERIC(12,0), "
                    + "local_ts TIMESTAMP(6), zoned_ts TIMESTAMPTZ, day DATE, at_time TIME, flag BOOLEAN, raw BYTEA, "
                    + "uid UUID, doc JSON, docb JSONB, ints INT4[], words TEXT[], spot POINT)",
                "INSERT INTO t VALUES (1, 12345678901234567890.1234567891, 123456789012, '2024-03-31 02:30:00.123', "
                    + "'2024-03-01 10:00:00.5+02', '2024-02-29', '23:59:59.999', true, '\\x00ff', "
                    + "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"a\": 1}', '{\"b\": [1, 2]}', '{1,NULL,3}', "
                    + "'{\"x\",\"y z\"}', '(1,2)')");
            Map<String, String> config = config(postgres.jdbcUrl(), postgres.user(), postgres.password());
            config.put(JdbcSourceConfig.DB_TIMEZONE, "Europe/Berlin");
            config.put(JdbcSourceConfig.UNSUPPORTED_TYPE_HANDLING, "string");
            Struct row = readOneRow(config);
            assertThat(row.get("amount")).isEqualTo(new BigDecimal("12345678901234567890.1234567891"));
            assertThat(row.schema().field("amount").schema().parameters()).containsEntry("connect.decimal.precision", "38");
            assertThat(row.get("whole")).isEqualTo(new BigDecimal("123456789012"));
            // A wall-clock time in Europe/Berlin (02:30 there is in the DST gap and moves to 03:30 CEST).
            assertThat(row.get("local_ts")).isEqualTo(Date.from(Instant.parse("2024-03-31T01:30:00.123Z")));
            assertThat(row.get("zoned_ts")).isEqualTo(Date.from(Instant.parse("2024-03-01T08:00:00.500Z")));
            assertThat(row.get("day")).isEqualTo(Date.from(Instant.parse("2024-02-29T00:00:00Z")));
            assertThat(row.get("at_time")).isEqualTo(new Date(86_399_999L));
            assertThat(row.get("flag")).isEqualTo(true);
            assertThat(row.get("raw")).isEqualTo(new byte[] {0, (byte) 0xff});
            assertThat(row.get("uid")).isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
            assertThat(row.schema().field("uid").schema().name()).isEqualTo(ColumnMapper.UUID_SCHEMA_NAME);
            assertThat(row.get("doc")).isEqualTo("{\"a\": 1}");
            assertThat(row.get("docb")).isEqualTo("{\"b\": [1, 2]}");
            assertThat(row.schema().field("docb").schema().name()).isEqualTo(ColumnMapper.JSON_SCHEMA_NAME);
            assertThat(row.getArray("ints")).containsExactly(1, null, 3);
            assertThat(row.getArray("words")).containsExactly("x", "y z");
            assertThat(row.get("spot")).isEqualTo("(1,2)");

            config.put(JdbcSourceConfig.NUMERIC_MAPPING, "best_fit");
            Struct bestFit = readOneRow(config);
            assertThat(bestFit.schema().field("whole").schema().type()).isEqualTo(Schema.Type.INT64);
            assertThat(bestFit.get("whole")).isEqualTo(123456789012L);
            assertThat(bestFit.get("amount")).isEqualTo(12345678901234567890.1234567891);
        }
    }

    @Test
    void mariaDbTypesArriveWithExactValues() throws Exception {
        try (MariaDbServer mariaDb = MariaDbServer.start()) {
            mariaDb.execute("CREATE TABLE t (id INT NOT NULL, amount DECIMAL(30,10), flag TINYINT(1), "
                    + "small_unsigned SMALLINT UNSIGNED, big_unsigned BIGINT UNSIGNED, born YEAR, "
                    + "wall DATETIME(6), stamp TIMESTAMP(6) NULL, day DATE, at_time TIME(3), doc JSON, raw VARBINARY(4))",
                "INSERT INTO t VALUES (1, 12345678901234567890.1234567891, 1, 65535, 18446744073709551615, 2024, "
                    + "'2024-03-01 10:00:00.123456', '2024-03-01 10:00:00.5', '2024-02-29', '23:59:59.999', "
                    + "'{\"a\": 1}', x'00ff')");
            Struct row = readOneRow(config(mariaDb.jdbcUrl(), mariaDb.user(), mariaDb.password()));
            assertThat(row.get("amount")).isEqualTo(new BigDecimal("12345678901234567890.1234567891"));
            assertThat(row.get("flag")).isEqualTo(true);
            assertThat(row.get("small_unsigned")).isEqualTo(65535);
            assertThat(row.get("big_unsigned")).isEqualTo(new BigDecimal("18446744073709551615"));
            assertThat(row.get("born")).isEqualTo(Date.from(Instant.parse("2024-01-01T00:00:00Z")));
            assertThat(row.get("wall")).isEqualTo(Date.from(Instant.parse("2024-03-01T10:00:00.123Z")));
            assertThat(row.get("stamp")).isEqualTo(Date.from(Instant.parse("2024-03-01T10:00:00.500Z")));
            assertThat(row.get("day")).isEqualTo(Date.from(Instant.parse("2024-02-29T00:00:00Z")));
            assertThat(row.get("at_time")).isEqualTo(new Date(86_399_999L));
            assertThat(row.get("doc")).isEqualTo("{\"a\": 1}");
            assertThat(row.get("raw")).isEqualTo(new byte[] {0, (byte) 0xff});
        }
    }

    @Test
    void postgresTimestampsOfSuccessiveRowsEachKeepTheirOwnValue() throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            postgres.execute("CREATE TABLE t (id INT NOT NULL, local_ts TIMESTAMP(6))",
                "INSERT INTO t VALUES (1, '2024-03-31 02:30:00.123'), (2, NULL), (3, '2024-07-01 12:00:00'), "
                    + "(4, '1969-12-31 23:59:59.999'), (5, '2024-01-15 08:00:00.000001')");
            Map<String, String> config = config(postgres.jdbcUrl(), postgres.user(), postgres.password());
            config.put(JdbcSourceConfig.DB_TIMEZONE, "Europe/Berlin");
            // Nothing of one row's value (fraction, zone offset) may carry over into the next row's.
            assertThat(readRowsById(config, 5, "local_ts")).containsExactly(
                Map.entry(1, Date.from(Instant.parse("2024-03-31T01:30:00.123Z"))),
                Map.entry(2, "NULL"),
                Map.entry(3, Date.from(Instant.parse("2024-07-01T10:00:00Z"))),
                Map.entry(4, Date.from(Instant.parse("1969-12-31T22:59:59.999Z"))),
                Map.entry(5, Date.from(Instant.parse("2024-01-15T07:00:00Z"))));
        }
    }

    @Test
    void mariaDbDateTimesOfSuccessiveRowsEachKeepTheirOwnValue() throws Exception {
        try (MariaDbServer mariaDb = MariaDbServer.start()) {
            mariaDb.execute("CREATE TABLE t (id INT NOT NULL, wall DATETIME(6) NULL)",
                "INSERT INTO t VALUES (1, '2024-03-01 10:00:00.123456'), (2, NULL), (3, '2024-03-02 11:00:00'), "
                    + "(4, '1969-12-31 23:59:59.999')");
            assertThat(readRowsById(config(mariaDb.jdbcUrl(), mariaDb.user(), mariaDb.password()), 4, "wall"))
                .containsExactly(
                    Map.entry(1, Date.from(Instant.parse("2024-03-01T10:00:00.123Z"))),
                    Map.entry(2, "NULL"),
                    Map.entry(3, Date.from(Instant.parse("2024-03-02T11:00:00Z"))),
                    Map.entry(4, Date.from(Instant.parse("1969-12-31T23:59:59.999Z"))));
        }
    }

    private static Map<String, String> config(String url, String user, String password) {
        Map<String, String> config = new HashMap<>();
        config.put(JdbcSourceConfig.CONNECTION_URL, url);
        config.put(JdbcSourceConfig.CONNECTION_USER, user);
        config.put(JdbcSourceConfig.CONNECTION_PASSWORD, password);
        config.put(JdbcSourceConfig.TABLE_NAME, "t");
        config.put(JdbcSourceConfig.TOPIC, "types");
        return config;
    }

    /** Column {@code column} of each of {@code count} rows by id, in id order; "NULL" stands for SQL NULL. */
    private static Map<Integer, Object> readRowsById(Map<String, String> config, int count, String column)
            throws InterruptedException {
        try (RunningTask running = new RunningTask(config)) {
            Map<Integer, Object> values = new TreeMap<>();
            for (org.apache.kafka.connect.source.SourceRecord record : running.next(count)) {
                Struct row = (Struct) record.value();
                Object value = row.get(column);
                values.put(row.getInt32("id"), value == null ? "NULL" : value);
            }
            return values;
        }
    }

    private static Struct readOneRow(Map<String, String> config) throws InterruptedException {
        try (RunningTask running = new RunningTask(config)) {
            List<org.apache.kafka.connect.source.SourceRecord> records = running.nextBatch();
            assertThat(records).hasSize(1);
            return (Struct) records.get(0).value();
        }
    }
}
