package io.fsconnect.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcSourceTaskTest {

    private static final String ORDERS_BY_CUSTOMER = """
        SELECT customer_id, COUNT(*) AS order_count, MAX(id) AS last_order_id
        FROM orders
        WHERE amount > 0
        GROUP BY customer_id -- one row per customer
        ;""";

    @TempDir
    Path dir;
    SqliteDatabase db;

    @BeforeEach
    void createOrders() {
        db = new SqliteDatabase(dir);
        db.execute("CREATE TABLE orders (id INTEGER NOT NULL, customer_id INTEGER NOT NULL, region TEXT NOT NULL, "
                + "amount DECIMAL(10,2), placed_at TIMESTAMP, placed_on DATE, placed_ms BIGINT)",
            "INSERT INTO orders VALUES (1, 10, 'eu', 5.00, '2024-03-01 10:00:00', '2024-03-01', 1709287200000)",
            "INSERT INTO orders VALUES (2, 20, 'us', 7.50, '2024-03-02 11:30:00.250', '2024-03-02', 1709379000250)",
            "INSERT INTO orders VALUES (3, 10, 'eu', 1.25, '2024-03-03T12:00:00Z', '2024-03-03', 1709467200000)");
    }

    @Test
    void bulkModeReadsTheWholeTableEveryCycle() throws Exception {
        Map<String, String> config = db.tableConfig("orders");
        config.put(JdbcSourceConfig.POLL_INTERVAL_MS, "1");
        try (RunningTask running = new RunningTask(config)) {
            assertThat(ids(running.nextBatch())).containsExactly(1L, 2L, 3L);
            db.execute("INSERT INTO orders VALUES (4, 30, 'eu', 2.00, NULL, NULL, NULL)");
            List<SourceRecord> second = running.nextBatch();
            assertThat(ids(second)).containsExactly(1L, 2L, 3L, 4L);
            assertThat(second).allSatisfy(r -> {
                assertThat(r.topic()).isEqualTo("features");
                assertThat(r.sourcePartition()).isEqualTo(Map.of("source", "table:orders"));
                assertThat(r.key()).isNull();
            });
        }
    }

    @Test
    void aChunkedFirstLoadOfTableNameWritesToTheConfiguredTopic() throws Exception {
        Map<String, String> config = ordersByIdConfig();
        config.put(JdbcSourceConfig.TOPIC, "order-features");
        config.put(SourceSelectionKeys.FIRST_LOAD_CHUNKS, "2");
        FirstLoadPlan plan = new FirstLoadPlan(0, 3, 2);
        // What the connector hands one task: both chunks of the load and the reader of later rows.
        config.put(SourceSettings.TASK_SOURCES, SourceName.encodeAll(List.of(SourceName.chunk("orders", plan, 0),
            SourceName.chunk("orders", plan, 1), SourceName.tableAfter("orders", plan))));
        try (RunningTask running = new RunningTask(config)) {
            List<SourceRecord> loaded = running.next(3);
            db.execute("INSERT INTO orders VALUES (4, 30, 'eu', 2.00, NULL, NULL, NULL)");
            List<SourceRecord> later = running.next(1);
            assertThat(ids(loaded)).containsExactlyInAnyOrder(1L, 2L, 3L);
            assertThat(ids(later)).containsExactly(4L);
            assertThat(loaded).extracting(SourceRecord::topic).containsOnly("order-features");
            assertThat(later).extracting(SourceRecord::topic).containsOnly("order-features");
        }
    }

    @Test
    void incrementingQueryWithGroupByIsWrappedAndOnlyNewRowsArrive() throws Exception {
        Map<String, String> config = db.queryConfig(ORDERS_BY_CUSTOMER);
        config.put(JdbcSourceConfig.MODE, "incrementing");
        config.put(JdbcSourceConfig.INCREMENTING_COLUMN_NAME, "last_order_id");
        config.put(JdbcSourceConfig.POLL_INTERVAL_MS, "1");
        try (RunningTask running = new RunningTask(config)) {
            List<SourceRecord> first = running.nextBatch();
            assertThat(first).extracting(r -> ((Struct) r.value()).get("customer_id")).containsExactly(20L, 10L);
            assertThat(first).extracting(r -> ((Struct) r.value()).get("order_count")).containsExactly(1L, 2L);
            assertThat(first.get(1).sourceOffset()).isEqualTo(Map.of("incrementing", 3L));
            assertThat(first.get(0).sourcePartition().get("source")).asString()
                .matches("query:[0-9a-f]{64}");

            db.execute("INSERT INTO orders VALUES (4, 30, 'eu', 2.00, NULL, NULL, NULL)");
            List<SourceRecord> second = running.nextBatch();
            assertThat(second).extracting(r -> ((Struct) r.value()).get("customer_id")).containsExactly(30L);
            assertThat(second.get(0).sourceOffset()).isEqualTo(Map.of("incrementing", 4L));
        }
    }

    /** Table orders in mode incrementing on column id, a new cycle as soon as one ends. */
    private Map<String, String> ordersByIdConfig() {
        Map<String, String> config = db.tableConfig("orders");
        config.put(JdbcSourceConfig.MODE, "incrementing");
        config.put(JdbcSourceConfig.INCREMENTING_COLUMN_NAME, "id");
        config.put(JdbcSourceConfig.POLL_INTERVAL_MS, "1");
        return config;
    }

    @Test
    void incrementingResumesAfterTheStoredOffset() throws Exception {
        Map<String, String> config = ordersByIdConfig();
        TestTaskContext context = new TestTaskContext();
        context.storeOffset(Map.of("source", "table:orders"), Map.of("incrementing", 2L));
        try (RunningTask running = new RunningTask(config, context)) {
            List<SourceRecord> records = running.nextBatch();
            assertThat(ids(records)).containsExactly(3L);
            assertThat(records.get(0).sourceOffset()).isEqualTo(Map.of("incrementing", 3L));
        }
    }

    @Test
    void aChangedQueryIsANewSourceAndStartsAfresh() throws Exception {
        Map<String, String> config = db.queryConfig("SELECT id, region FROM orders");
        config.put(JdbcSourceConfig.MODE, "incrementing");
        config.put(JdbcSourceConfig.INCREMENTING_COLUMN_NAME, "id");
        TestTaskContext context = new TestTaskContext();
        context.storeOffset(new SourceSpec.Query("SELECT id, region FROM orders").partition().toMap(),
            Map.of("incrementing", 3L));
        config.put(JdbcSourceConfig.QUERY, "SELECT id, region, amount FROM orders");
        try (RunningTask running = new RunningTask(config, context)) {
            assertThat(ids(running.nextBatch())).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void batchesAreBoundedAndResumeTheOpenResultWithoutRerunningTheQuery() throws Exception {
        db.execute("INSERT INTO orders VALUES (4, 30, 'eu', 1, NULL, NULL, NULL)",
            "INSERT INTO orders VALUES (5, 30, 'eu', 1, NULL, NULL, NULL)");
        Map<String, String> config = db.tableConfig("orders");
        config.put(JdbcSourceConfig.BATCH_MAX_ROWS, "2");
        config.put(JdbcSourceConfig.POLL_INTERVAL_MS, "3600000");
        try (RunningTask running = new RunningTask(config)) {
            // Bulk mode: a query re-run per batch would start again at row 1.
            assertThat(ids(running.nextBatch())).containsExactly(1L, 2L);
            assertThat(ids(running.nextBatch())).containsExactly(3L, 4L);
            assertThat(ids(running.nextBatch())).containsExactly(5L);
        }
    }

    @Test
    void primaryKeyColumnsBecomeAKeyStructWithTheValueFieldTypes() throws Exception {
        Map<String, String> config = db.tableConfig("orders");
        config.put(JdbcSourceConfig.PRIMARY_KEY_COLUMNS, "customer_id, region");
        try (RunningTask running = new RunningTask(config)) {
            SourceRecord record = running.nextBatch().get(0);
            Struct key = (Struct) record.key();
            assertThat(record.keySchema().fields()).extracting(f -> f.name()).containsExactly("customer_id", "region");
            assertThat(record.keySchema().field("customer_id").schema())
                .isEqualTo(record.valueSchema().field("customer_id").schema());
            assertThat(record.keySchema().field("region").schema())
                .isEqualTo(record.valueSchema().field("region").schema());
            assertThat(key.get("customer_id")).isEqualTo(10L);
            assertThat(key.get("region")).isEqualTo("eu");
        }
    }

    @Test
    void aMissingPrimaryKeyColumnIsAnErrorNamingTheColumnAndTheKey() {
        Map<String, String> config = db.tableConfig("orders");
        config.put(JdbcSourceConfig.PRIMARY_KEY_COLUMNS, "customer");
        try (RunningTask running = new RunningTask(config)) {
            assertThatThrownBy(running::pollUntilItFails).isInstanceOf(ConnectException.class)
                .hasMessageContaining("'customer'").hasMessageContaining("primary.key.columns")
                .hasMessageContaining("customer_id");
        }
    }

    @Test
    void eventTimeFromATimestampColumnBecomesTheRecordTimestamp() throws Exception {
        assertThat(timestampsWithEventTime("placed_at")).containsExactly(
            Instant.parse("2024-03-01T10:00:00Z").toEpochMilli(),
            Instant.parse("2024-03-02T11:30:00.250Z").toEpochMilli(),
            Instant.parse("2024-03-03T12:00:00Z").toEpochMilli());
    }

    @Test
    void eventTimeFromADateColumnIsMidnightUtc() throws Exception {
        assertThat(timestampsWithEventTime("placed_on")).containsExactly(
            LocalDate.parse("2024-03-01").atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli(),
            LocalDate.parse("2024-03-02").atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli(),
            LocalDate.parse("2024-03-03").atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli());
    }

    @Test
    void eventTimeFromABigintColumnIsEpochMillis() throws Exception {
        assertThat(timestampsWithEventTime("placed_ms")).containsExactly(1709287200000L, 1709379000250L,
            1709467200000L);
    }

    @Test
    void timestampsWithoutZoneAreReadInTheConfiguredDatabaseZone() throws Exception {
        Map<String, String> config = db.queryConfig("SELECT id, placed_at FROM orders WHERE id = 1");
        config.put(JdbcSourceConfig.EVENT_TIME_COLUMN, "placed_at");
        config.put(JdbcSourceConfig.DB_TIMEZONE, "Europe/Berlin");
        try (RunningTask running = new RunningTask(config)) {
            assertThat(running.nextBatch().get(0).timestamp())
                .isEqualTo(Instant.parse("2024-03-01T09:00:00Z").toEpochMilli());
        }
    }

    @Test
    void aNullEventTimeFailsNamingTheRowByItsKey() {
        db.execute("INSERT INTO orders VALUES (4, 40, 'us', 1, NULL, NULL, NULL)");
        Map<String, String> config = db.tableConfig("orders");
        config.put(JdbcSourceConfig.PRIMARY_KEY_COLUMNS, "id");
        config.put(JdbcSourceConfig.EVENT_TIME_COLUMN, "placed_at");
        try (RunningTask running = new RunningTask(config)) {
            assertThatThrownBy(running::pollUntilItFails).isInstanceOf(ConnectException.class)
                .hasMessageContaining("id=4").hasMessageContaining("event.time.column")
                .hasMessageContaining("NULL");
        }
    }

    @Test
    void anEventTimeColumnOfAnotherTypeIsRejected() {
        Map<String, String> config = db.tableConfig("orders");
        config.put(JdbcSourceConfig.EVENT_TIME_COLUMN, "region");
        try (RunningTask running = new RunningTask(config)) {
            assertThatThrownBy(running::pollUntilItFails).isInstanceOf(ConnectException.class)
                .hasMessageContaining("'region'").hasMessageContaining("event.time.column");
        }
    }

    @Test
    void anUnparseableStoredOffsetIsAClearError() {
        Map<String, String> config = db.tableConfig("orders");
        config.put(JdbcSourceConfig.MODE, "incrementing");
        config.put(JdbcSourceConfig.INCREMENTING_COLUMN_NAME, "id");
        TestTaskContext context = new TestTaskContext();
        context.storeOffset(Map.of("source", "table:orders"), Map.of("incrementing", "twelve"));
        assertThatThrownBy(() -> new RunningTask(config, context)).isInstanceOf(ConnectException.class)
            .hasMessageContaining("table:orders").hasMessageContaining("twelve")
            .hasMessageContaining("/offsets");
    }

    @Test
    void anIncrementingColumnThatIsNotAnIntegerIsRejected() {
        Map<String, String> config = db.tableConfig("orders");
        config.put(JdbcSourceConfig.MODE, "incrementing");
        config.put(JdbcSourceConfig.INCREMENTING_COLUMN_NAME, "region");
        try (RunningTask running = new RunningTask(config)) {
            assertThatThrownBy(running::pollUntilItFails).isInstanceOf(ConnectException.class)
                .hasMessageContaining("'region'").hasMessageContaining("incrementing.column.name");
        }
    }

    @Test
    void aMissingTableFailsNamingTheSource() {
        try (RunningTask running = new RunningTask(db.tableConfig("no_such_table"))) {
            assertThatThrownBy(running::pollUntilItFails).isInstanceOf(ConnectException.class)
                .hasMessageStartingWith("Cannot read table no_such_table");
        }
    }

    @Test
    void stopWakesAPollThatIsWaitingForTheNextCycle() throws Exception {
        Map<String, String> config = db.tableConfig("orders");
        config.put(JdbcSourceConfig.POLL_INTERVAL_MS, "3600000");
        RunningTask running = new RunningTask(config);
        running.nextBatch();
        CompletableFuture<List<SourceRecord>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return running.task.poll();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        running.task.stop();
        assertThat(waiting.get(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS)).isNull();
    }

    @Test
    void versionIsTheBuiltProjectVersion() {
        assertThat(new JdbcSourceTask().version()).matches("\\d+\\.\\d+\\.\\d+.*").doesNotContain("${");
    }

    private List<Long> timestampsWithEventTime(String column) throws InterruptedException {
        Map<String, String> config = db.tableConfig("orders");
        config.put(JdbcSourceConfig.EVENT_TIME_COLUMN, column);
        try (RunningTask running = new RunningTask(config)) {
            return running.nextBatch().stream().map(SourceRecord::timestamp).toList();
        }
    }

    private static List<Long> ids(List<SourceRecord> records) {
        return records.stream().map(r -> ((Number) ((Struct) r.value()).get("id")).longValue()).toList();
    }
}
