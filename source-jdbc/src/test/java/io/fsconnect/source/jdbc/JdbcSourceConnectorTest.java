package io.fsconnect.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcSourceConnectorTest {

    @TempDir
    Path dir;
    SqliteDatabase db;
    final JdbcSourceConnector connector = new JdbcSourceConnector();

    @BeforeEach
    void createTable() {
        db = new SqliteDatabase(dir);
        db.execute("CREATE TABLE items (id INTEGER NOT NULL, name TEXT, updated TIMESTAMP)",
            "INSERT INTO items VALUES (1, 'a', '2024-01-01 00:00:00')");
    }

    @Test
    void aValidConfigurationValidatesWithoutErrors() {
        Map<String, String> config = db.tableConfig("items");
        config.put(JdbcSourceConfig.MODE, "incrementing");
        config.put(JdbcSourceConfig.INCREMENTING_COLUMN_NAME, "id");
        config.put(JdbcSourceConfig.PRIMARY_KEY_COLUMNS, "id");
        config.put(JdbcSourceConfig.EVENT_TIME_COLUMN, "updated");
        assertThat(errors(config)).isEmpty();
    }

    @Test
    void anAggregatingQueryWithComputedKeyAndEventTimeValidates() {
        // SQLite gives computed columns no declared type; validation must still type them from a row.
        Map<String, String> config = db.tableConfig("items");
        config.remove(JdbcSourceConfig.TABLE_NAME);
        config.put(JdbcSourceConfig.QUERY, "SELECT (id / 10) * 10 AS bucket, COUNT(*) AS n, "
            + "(strftime('%s', updated) / 86400) * 86400000 AS day FROM items GROUP BY bucket, day");
        config.put(JdbcSourceConfig.PRIMARY_KEY_COLUMNS, "bucket,day");
        config.put(JdbcSourceConfig.EVENT_TIME_COLUMN, "day");
        assertThat(errors(config)).isEmpty();
    }

    @Test
    void anInlineDataSourceValidatesAndItsRowsAreRead() throws InterruptedException {
        Map<String, String> config = db.tableConfig("items");
        String url = config.remove(JdbcSourceConfig.CONNECTION_URL);
        config.put("datasource.type", "jdbc");
        config.put("datasource.name", "items_db");
        config.put("datasource.connection.url", url);
        assertThat(errors(config)).isEmpty();
        try (RunningTask running = new RunningTask(config)) {
            assertThat(running.next(1)).singleElement()
                .satisfies(record -> assertThat(((org.apache.kafka.connect.data.Struct) record.value()).get("name"))
                    .isEqualTo("a"));
        }
    }

    @Test
    void aDataSourceProblemIsReportedOnItsOwnKey() {
        Map<String, String> config = db.tableConfig("items");
        config.remove(JdbcSourceConfig.CONNECTION_URL);
        config.put("datasource.type", "jdbc");
        config.put("datasource.name", "items_db");
        assertThat(errors(config)).containsKey("datasource.connection.url");
    }

    @Test
    void tableAndQueryTogetherAreReportedOnBothKeys() {
        Map<String, String> config = db.tableConfig("items");
        config.put(JdbcSourceConfig.QUERY, "SELECT * FROM items");
        Map<String, List<String>> errors = errors(config);
        assertThat(errors).containsOnlyKeys("table.name", "query");
        assertThat(errors.get("query")).singleElement().asString()
            .contains("table.name").contains("query").startsWith("Cannot");
        assertThatThrownBy(() -> connector.start(config)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("table.name").hasMessageContaining("query");
    }

    @Test
    void neitherTableNorQueryIsReported() {
        Map<String, String> config = db.tableConfig("items");
        config.remove(JdbcSourceConfig.TABLE_NAME);
        assertThat(errors(config)).containsOnlyKeys("table.name", "query");
    }

    @Test
    void incrementingModeWithoutItsColumnIsReportedOnThatKey() {
        Map<String, String> config = db.tableConfig("items");
        config.put(JdbcSourceConfig.MODE, "incrementing");
        assertThat(errors(config)).containsOnlyKeys("incrementing.column.name");
        assertThatThrownBy(() -> new JdbcSourceConfig(config)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("incrementing.column.name");
    }

    @Test
    void singleKeyProblemsAreReportedByTheConfigDef() {
        Map<String, String> config = db.tableConfig("items");
        config.remove(JdbcSourceConfig.TOPIC);
        config.put(JdbcSourceConfig.MODE, "timestamp-ish");
        config.put(JdbcSourceConfig.BATCH_MAX_ROWS, "0");
        config.put(JdbcSourceConfig.DB_TIMEZONE, "Mars/Olympus");
        assertThat(errors(config)).containsOnlyKeys("topic", "mode", "batch.max.rows", "db.timezone");
    }

    @Test
    void columnsMissingFromTheResultAreReportedOnTheirKeys() {
        Map<String, String> config = db.tableConfig("items");
        config.put(JdbcSourceConfig.MODE, "incrementing");
        config.put(JdbcSourceConfig.INCREMENTING_COLUMN_NAME, "seq");
        config.put(JdbcSourceConfig.PRIMARY_KEY_COLUMNS, "id,sku");
        config.put(JdbcSourceConfig.EVENT_TIME_COLUMN, "name");
        Map<String, List<String>> errors = errors(config);
        assertThat(errors).containsOnlyKeys("incrementing.column.name", "primary.key.columns", "event.time.column");
        assertThat(errors.get("primary.key.columns")).singleElement().asString().contains("'sku'");
        assertThat(errors.get("incrementing.column.name")).singleElement().asString().contains("'seq'");
    }

    @Test
    void aQueryThatDoesNotRunIsReportedOnTheQueryKey() {
        Map<String, String> config = db.queryConfig("SELECT nope FROM items");
        assertThat(errors(config)).containsOnlyKeys("query");
    }

    @Test
    void anUnreachableDatabaseIsReportedOnTheUrlWithoutThePassword() {
        Map<String, String> config = db.tableConfig("items");
        config.put(JdbcSourceConfig.CONNECTION_URL, "jdbc:postgresql://127.0.0.1:1/db?password=s3cret-in-url");
        config.put(JdbcSourceConfig.CONNECTION_USER, "alice");
        config.put(JdbcSourceConfig.CONNECTION_PASSWORD, "s3cret");
        Map<String, List<String>> errors = errors(config);
        assertThat(errors).containsOnlyKeys("connection.url");
        assertThat(errors.get("connection.url")).singleElement().asString()
            .startsWith("Cannot connect to jdbc:postgresql://127.0.0.1:1/db").doesNotContain("s3cret");
    }

    @Test
    void anUnknownUrlSaysThatNoDriverAcceptsIt() {
        Map<String, String> config = db.tableConfig("items");
        config.put(JdbcSourceConfig.CONNECTION_URL, "jdbc:nosuchdb://host/db");
        assertThat(errors(config).get("connection.url")).singleElement().asString()
            .contains("no JDBC driver accepts this URL");
    }

    @Test
    void oneTaskGetsTheConnectorConfiguration() {
        Map<String, String> config = db.tableConfig("items");
        connector.start(config);
        assertThat(connector.taskConfigs(4)).containsExactly(config);
        assertThat(connector.taskClass()).isEqualTo(JdbcSourceTask.class);
        assertThat(connector.version()).isEqualTo(new JdbcSourceTask().version());
    }

    @Test
    void thePasswordNeverAppearsInTheConfigsStringForm() {
        Map<String, String> config = db.tableConfig("items");
        config.put(JdbcSourceConfig.CONNECTION_PASSWORD, "s3cret");
        assertThat(new JdbcSourceConfig(config).toString()).doesNotContain("s3cret");
        assertThat(new JdbcSourceConfig(config).password()).hasValueSatisfying(p -> assertThat(p.value()).isEqualTo("s3cret"));
    }

    private Map<String, List<String>> errors(Map<String, String> config) {
        return connector.validate(config).configValues().stream()
            .filter(v -> !v.errorMessages().isEmpty())
            .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }
}
