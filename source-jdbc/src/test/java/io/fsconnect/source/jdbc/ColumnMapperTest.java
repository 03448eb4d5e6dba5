package io.fsconnect.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColumnMapperTest {

    private static final SourceSpec SOURCE = new SourceSpec.Table("t");

    @TempDir
    Path dir;

    @Test
    void mapsEverySupportedSqliteTypeToItsConnectSchemaAndValue() throws Exception {
        SqliteDatabase db = new SqliteDatabase(dir);
        db.execute("CREATE TABLE t (id INTEGER NOT NULL, flag BOOLEAN, tiny TINYINT, small SMALLINT, big BIGINT, "
                + "r REAL, d DOUBLE, amount DECIMAL(10,2), name VARCHAR(20) NOT NULL, body TEXT, day DATE, "
                + "at_time TIME, ts TIMESTAMP, raw BLOB)",
            "INSERT INTO t VALUES (1, 1, -5, 300, 9000000000, 1.5, 0.25, 12.3, 'ann', 'long text', '2024-03-01', "
                + "'10:11:12.5', '2024-03-01 10:11:12.123', x'00ff10')",
            "INSERT INTO t (id, name) VALUES (2, 'bob')");
        Map<String, String> config = db.tableConfig("t");
        try (RunningTask running = new RunningTask(config)) {
            var records = running.nextBatch();
            SourceRecord first = records.get(0);
            Schema schema = first.valueSchema();
            assertThat(schema.field("id").schema()).isEqualTo(Schema.INT64_SCHEMA);
            assertThat(schema.field("flag").schema()).isEqualTo(Schema.OPTIONAL_BOOLEAN_SCHEMA);
            assertThat(schema.field("tiny").schema()).isEqualTo(Schema.OPTIONAL_INT8_SCHEMA);
            assertThat(schema.field("small").schema()).isEqualTo(Schema.OPTIONAL_INT16_SCHEMA);
            assertThat(schema.field("big").schema()).isEqualTo(Schema.OPTIONAL_INT64_SCHEMA);
            assertThat(schema.field("r").schema()).isEqualTo(Schema.OPTIONAL_FLOAT64_SCHEMA);
            assertThat(schema.field("d").schema()).isEqualTo(Schema.OPTIONAL_FLOAT64_SCHEMA);
            Schema amount = schema.field("amount").schema();
            assertThat(amount.name()).isEqualTo(Decimal.LOGICAL_NAME);
            assertThat(amount.parameters()).containsEntry(Decimal.SCALE_FIELD, "2")
                .containsEntry("connect.decimal.precision", "10");
            assertThat(schema.field("name").schema()).isEqualTo(Schema.STRING_SCHEMA);
            assertThat(schema.field("body").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
            assertThat(schema.field("day").schema().name()).isEqualTo(org.apache.kafka.connect.data.Date.LOGICAL_NAME);
            assertThat(schema.field("at_time").schema().name()).isEqualTo(Time.LOGICAL_NAME);
            assertThat(schema.field("ts").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
            assertThat(schema.field("raw").schema()).isEqualTo(Schema.OPTIONAL_BYTES_SCHEMA);

            Struct value = (Struct) first.value();
            assertThat(value.get("flag")).isEqualTo(true);
            assertThat(value.get("tiny")).isEqualTo((byte) -5);
            assertThat(value.get("small")).isEqualTo((short) 300);
            assertThat(value.get("big")).isEqualTo(9_000_000_000L);
            assertThat(value.get("r")).isEqualTo(1.5);
            assertThat(value.get("amount")).isEqualTo(new BigDecimal("12.30"));
            assertThat(value.get("body")).isEqualTo("long text");
            assertThat(value.get("day")).isEqualTo(Date.from(Instant.parse("2024-03-01T00:00:00Z")));
            assertThat(value.get("at_time")).isEqualTo(new Date(36_672_500L));
            assertThat(value.get("ts")).isEqualTo(Date.from(Instant.parse("2024-03-01T10:11:12.123Z")));
            assertThat(value.get("raw")).isEqualTo(new byte[] {0, (byte) 0xff, 0x10});

            Struct nulls = (Struct) records.get(1).value();
            assertThat(nulls.get("flag")).isNull();
            assertThat(nulls.get("amount")).isNull();
            assertThat(nulls.get("ts")).isNull();
        }
    }

    @Test
    void decimalsKeepTheirScaleAndPrecisionWhenSqliteStoresThemAsDoubles() throws Exception {
        SqliteDatabase db = new SqliteDatabase(dir);
        db.execute("CREATE TABLE t (id INTEGER, amount NUMERIC(38,4))",
            "INSERT INTO t VALUES (1, 0.1 + 0.2)",
            "INSERT INTO t VALUES (2, 123456789.1234)",
            "INSERT INTO t VALUES (3, 7)");
        try (RunningTask running = new RunningTask(db.tableConfig("t"))) {
            assertThat(running.nextBatch()).extracting(r -> ((Struct) r.value()).get("amount")).containsExactly(
                new BigDecimal("0.3000"), new BigDecimal("123456789.1234"), new BigDecimal("7.0000"));
        }
    }

    @Test
    void aColumnOfAnUnsupportedTypeFailsNamingItAndItsTypeOrIsReadAsTextWhenConfigured() throws Exception {
        SqliteDatabase db = new SqliteDatabase(dir);
        db.execute("CREATE TABLE t (id INTEGER, tag GEOMETRY)", "INSERT INTO t VALUES (1, 'abc')");
        try (RunningTask running = new RunningTask(db.tableConfig("t"))) {
            assertThatThrownBy(running::pollUntilItFails).isInstanceOf(ConnectException.class)
                .hasMessageContaining("'tag'").hasMessageContaining("GEOMETRY")
                .hasMessageContaining("unsupported.type.handling=string");
        }
        Map<String, String> asText = db.tableConfig("t");
        asText.put(JdbcSourceConfig.UNSUPPORTED_TYPE_HANDLING, "string");
        try (RunningTask running = new RunningTask(asText)) {
            SourceRecord record = running.nextBatch().get(0);
            assertThat(record.valueSchema().field("tag").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
            assertThat(((Struct) record.value()).get("tag")).isEqualTo("abc");
        }
    }

    @Test
    void anArrayOfAnUnmappedElementTypeIsRefusedRatherThanDropped() {
        ResultSetMetaData metadata = metadata(Types.ARRAY, "_point", 0, 0);
        assertThatThrownBy(() -> new ColumnMapper(new PostgresDialect(), ZoneId.of("UTC")).map(metadata, SOURCE))
            .isInstanceOf(ConnectException.class)
            .hasMessageStartingWith("Cannot map column 'c' of table t")
            .hasMessageContaining("_point").hasMessageContaining("unsupported.type.handling=string");
    }

    @Test
    void aNumericWithoutDeclaredScaleIsRefusedWithAFix() {
        ResultSetMetaData metadata = metadata(Types.NUMERIC, "numeric", 0, 0);
        assertThatThrownBy(() -> new ColumnMapper(new PostgresDialect(), ZoneId.of("UTC")).map(metadata, SOURCE))
            .isInstanceOf(ConnectException.class)
            .hasMessageContaining("'c'").hasMessageContaining("CAST(c AS NUMERIC(38,10))");
    }

    @Test
    void unsignedIntegersAreWidenedOnlyWhereTheDatabaseHasThem() throws Exception {
        ResultSetMetaData unsignedInt = metadata(Types.INTEGER, "INT UNSIGNED", 10, 0);
        assertThat(new ColumnMapper(new MySqlDialect(), ZoneId.of("UTC")).map(unsignedInt, SOURCE)
            .valueSchema().field("c").schema().type()).isEqualTo(Schema.Type.INT64);
        assertThat(new ColumnMapper(new PostgresDialect(), ZoneId.of("UTC")).map(unsignedInt, SOURCE)
            .valueSchema().field("c").schema().type()).isEqualTo(Schema.Type.INT32);
    }

    /** Metadata of a one-column result "c", as a driver would report it; unsigned for every column. */
    private static ResultSetMetaData metadata(int type, String typeName, int precision, int scale) {
        return (ResultSetMetaData) Proxy.newProxyInstance(ResultSetMetaData.class.getClassLoader(),
            new Class<?>[] {ResultSetMetaData.class}, (proxy, method, args) -> switch (method.getName()) {
                case "getColumnCount" -> 1;
                case "getColumnLabel", "getColumnName" -> "c";
                case "getColumnType" -> type;
                case "getColumnTypeName" -> typeName;
                case "getPrecision" -> precision;
                case "getScale" -> scale;
                case "isNullable" -> ResultSetMetaData.columnNullable;
                case "isSigned" -> false;
                default -> throw new UnsupportedOperationException(method.getName());
            });
    }
}
