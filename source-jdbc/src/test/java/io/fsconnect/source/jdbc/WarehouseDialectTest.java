package io.fsconnect.source.jdbc;

import io.fsconnect.source.jdbc.thirdparty.ExampleDialect;
import java.lang.reflect.Proxy;
import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WarehouseDialectTest {

    @Test
    void dialectsAreChosenFromTheUrlThroughTheRegistry() {
        assertThat(Dialect.forUrl("jdbc:snowflake://xy12345.snowflakecomputing.com/?db=SALES"))
            .isInstanceOf(SnowflakeDialect.class);
        assertThat(Dialect.forUrl("jdbc:redshift://analytics.abc.eu-west-1.redshift.amazonaws.com:5439/dev"))
            .isInstanceOf(RedshiftDialect.class);
        assertThat(Dialect.forUrl("JDBC:REDSHIFT:IAM://analytics:5439/dev")).isInstanceOf(RedshiftDialect.class);
        assertThat(Dialect.forUrl("jdbc:postgresql://db/x")).isInstanceOf(PostgresDialect.class);
        assertThat(Dialect.forUrl("jdbc:mariadb://db/x")).isInstanceOf(MySqlDialect.class);
        assertThat(Dialect.forUrl("jdbc:sqlite:/tmp/x.db")).isInstanceOf(SqliteDialect.class);
        assertThat(Dialect.forUrl("jdbc:h2:mem:x")).isExactlyInstanceOf(AnsiDialect.class);
    }

    @Test
    void aDialectFromAnotherJarIsFoundAndAskedBeforeTheBuiltInOnes() {
        assertThat(Dialect.forUrl("jdbc:exampledb://host/db")).isInstanceOf(ExampleDialect.class);
        assertThat(Dialect.forUrl("jdbc:postgresql://override/db")).isInstanceOf(ExampleDialect.class);
        assertThat(DialectRegistry.INSTANCE.dialects().get(0)).isInstanceOf(ExampleDialect.class);
        assertThat(DialectRegistry.INSTANCE.dialects()).extracting(Dialect::name)
            .contains("PostgreSQL", "MySQL/MariaDB", "SQLite", "Snowflake", "Redshift");
    }

    @Test
    void warehouseIdentifiersAreDoubleQuoted() {
        assertThat(new SnowflakeDialect().quoteQualifiedName("SALES.\"odd\"name"))
            .isEqualTo("\"SALES\".\"\"\"odd\"\"name\"");
        assertThat(new RedshiftDialect().quoteQualifiedName("public.orders")).isEqualTo("\"public\".\"orders\"");
    }

    @Test
    void snowflakeTypesMapByName() throws Exception {
        Dialect snowflake = new SnowflakeDialect();
        // The driver reports whole-number NUMBER as BIGINT; NUMBER(38,0) values do not fit in 64 bits.
        assertThat(type(snowflake, "NUMBER", Types.BIGINT)).isEqualTo(Types.DECIMAL);
        assertThat(type(snowflake, "NUMBER", Types.DECIMAL)).isEqualTo(Types.DECIMAL);
        assertThat(type(snowflake, "FLOAT", Types.DOUBLE)).isEqualTo(Types.DOUBLE);
        assertThat(type(snowflake, "VARIANT", Types.VARCHAR)).isEqualTo(Types.VARCHAR);
        assertThat(type(snowflake, "OBJECT", Types.VARCHAR)).isEqualTo(Types.VARCHAR);
        assertThat(type(snowflake, "ARRAY", Types.VARCHAR)).isEqualTo(Types.VARCHAR);
        assertThat(type(snowflake, "TIMESTAMP_NTZ", Types.TIMESTAMP)).isEqualTo(Types.TIMESTAMP);
        assertThat(type(snowflake, "TIMESTAMP_LTZ", Types.TIMESTAMP)).isEqualTo(Types.TIMESTAMP_WITH_TIMEZONE);
        assertThat(type(snowflake, "TIMESTAMP_TZ", Types.TIMESTAMP_WITH_TIMEZONE))
            .isEqualTo(Types.TIMESTAMP_WITH_TIMEZONE);
        assertThat(type(snowflake, "BINARY", Types.BINARY)).isEqualTo(Types.VARBINARY);
        assertThat(type(snowflake, "GEOGRAPHY", Types.VARCHAR)).isEqualTo(Types.OTHER);
        assertThat(type(snowflake, "VECTOR", Types.ARRAY)).isEqualTo(Types.OTHER);
    }

    @Test
    void redshiftTypesMapByName() throws Exception {
        Dialect redshift = new RedshiftDialect();
        assertThat(type(redshift, "timestamptz", Types.TIMESTAMP)).isEqualTo(Types.TIMESTAMP_WITH_TIMEZONE);
        assertThat(type(redshift, "timestamp", Types.TIMESTAMP)).isEqualTo(Types.TIMESTAMP);
        assertThat(type(redshift, "super", Types.LONGVARCHAR)).isEqualTo(Types.VARCHAR);
        assertThat(type(redshift, "varbyte", Types.LONGVARBINARY)).isEqualTo(Types.VARBINARY);
        assertThat(type(redshift, "geometry", Types.LONGVARBINARY)).isEqualTo(Types.OTHER);
        assertThat(type(redshift, "timetz", Types.TIME)).isEqualTo(Types.OTHER);
        assertThat(type(redshift, "numeric", Types.NUMERIC)).isEqualTo(Types.NUMERIC);
    }

    @Test
    void unsupportedWarehouseTypesAreRefusedByNameNotDropped() throws Exception {
        ColumnMapper mapper = new ColumnMapper(new SnowflakeDialect(), new JdbcSourceConfig(Map.of(
            "connection.url", "jdbc:snowflake://a.snowflakecomputing.com/", "topic", "t", "table.name", "T")));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mapper.map(metadata("GEOGRAPHY", Types.VARCHAR),
                new SourceSpec.Table("PLACES")))
            .hasMessageContaining("GEOGRAPHY")
            .hasMessageContaining("unsupported.type.handling");
    }

    private static int type(Dialect dialect, String typeName, int driverType) throws Exception {
        return dialect.columnType(metadata(typeName, driverType), 1);
    }

    private static ResultSetMetaData metadata(String typeName, int driverType) {
        return (ResultSetMetaData) Proxy.newProxyInstance(ResultSetMetaData.class.getClassLoader(),
            new Class<?>[] {ResultSetMetaData.class}, (proxy, method, args) -> switch (method.getName()) {
                case "getColumnCount" -> 1;
                case "getColumnTypeName" -> typeName;
                case "getColumnType" -> driverType;
                case "getColumnLabel", "getColumnName" -> "COL";
                case "isNullable" -> ResultSetMetaData.columnNullable;
                case "getPrecision", "getScale" -> 0;
                case "isSigned" -> true;
                default -> null;
            });
    }
}
