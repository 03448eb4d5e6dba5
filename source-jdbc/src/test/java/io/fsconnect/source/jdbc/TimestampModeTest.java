package io.fsconnect.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The timestamp modes on SQLite: equal timestamps across restarts, late commits, offsets, initial positions. */
class TimestampModeTest {

    @TempDir
    Path dir;
    SqliteDatabase db;

    @BeforeEach
    void createEvents() {
        db = new SqliteDatabase(dir);
        db.execute("CREATE TABLE events (id INTEGER NOT NULL, updated_at TIMESTAMP, created_at TIMESTAMP NOT NULL, "
                + "note TEXT)",
            "INSERT INTO events VALUES (1, NULL, '2024-03-01 10:00:00', 'a')",
            "INSERT INTO events VALUES (2, '2024-03-01 10:00:01.123456', '2024-03-01 09:00:00', 'b')",
            "INSERT INTO events VALUES (3, '2024-03-01 10:00:01.123456', '2024-03-01 09:00:00', 'c')",
            "INSERT INTO events VALUES (4, '2024-03-01 10:00:01.123456', '2024-03-01 09:00:00', 'd')",
            "INSERT INTO events VALUES (5, NULL, '2024-03-01 10:00:02', 'e')");
    }

    private Map<String, String> config(String mode, long lookbackMs) {
        Map<String, String> config = db.tableConfig("events");
        config.put(JdbcSourceConfig.MODE, mode);
        config.put(JdbcSourceConfig.TIMESTAMP_COLUMN_NAME, "updated_at, created_at");
        config.put(JdbcSourceConfig.INCREMENTING_COLUMN_NAME, "id");
        config.put(JdbcSourceConfig.TIMESTAMP_LOOKBACK_MS, Long.toString(lookbackMs));
        config.put(JdbcSourceConfig.POLL_INTERVAL_MS, "1");
        config.put(JdbcSourceConfig.BATCH_MAX_ROWS, "2");
        return config;
    }

    @Test
    void timestampPlusIncrementingResumesInsideAGroupOfEqualTimestampsWithoutLossOrRepeat() throws Exception {
        Map<String, String> config = config("timestamp+incrementing", 0);
        List<SourceRecord> first;
        try (RunningTask running = new RunningTask(config)) {
            first = running.nextBatch();
        }
        assertThat(ids(first)).containsExactly(1L, 2L);
        assertThat(first.get(1).sourceOffset())
            .isEqualTo(Map.of("timestamp", "2024-03-01T10:00:01.123456Z", "incrementing", 2L));

        TestTaskContext restarted = new TestTaskContext();
        restarted.storeOffset(first.get(1).sourcePartition(), new java.util.HashMap<>(first.get(1).sourceOffset()));
        try (RunningTask running = new RunningTask(config, restarted)) {
            assertThat(ids(running.next(3))).containsExactly(3L, 4L, 5L);
        }
    }

    @Test
    void timestampModeResendsAnInterruptedGroupOfEqualTimestampsRatherThanLosingIt() throws Exception {
        Map<String, String> config = config("timestamp", 0);
        List<SourceRecord> first;
        try (RunningTask running = new RunningTask(config)) {
            first = running.nextBatch();
        }
        assertThat(first.get(1).sourceOffset()).isEqualTo(Map.of("timestamp", "2024-03-01T10:00:01.123456Z"));
        TestTaskContext restarted = new TestTaskContext();
        restarted.storeOffset(first.get(1).sourcePartition(), new java.util.HashMap<>(first.get(1).sourceOffset()));
        try (RunningTask running = new RunningTask(config, restarted)) {
            List<SourceRecord> rest = running.next(4);
            // The whole group at 10:00:01.123456 again (one duplicate), then the row after it.
            assertThat(notes(rest)).containsExactlyInAnyOrder("b", "c", "d", "e");
        }
    }

    @Test
    void aRowCommittedLateWithAnOlderTimestampArrivesOnceAndNothingElseRepeats() throws Exception {
        Map<String, String> config = config("timestamp+incrementing", 3_600_000);
        try (RunningTask running = new RunningTask(config)) {
            assertThat(ids(running.next(5))).containsExactly(1L, 2L, 3L, 4L, 5L);
            db.execute("INSERT INTO events VALUES (0, NULL, '2024-03-01 09:59:00', 'late')",
                "INSERT INTO events VALUES (6, NULL, '2024-03-01 10:00:03', 'new')");
            List<SourceRecord> next = running.next(2);
            assertThat(notes(next)).containsExactly("late", "new");
            // The late row does not move the offset back; the new one moves it on.
            assertThat(next.get(0).sourceOffset()).isEqualTo(Map.of("timestamp", "2024-03-01T10:00:02Z",
                "incrementing", 5L));
            assertThat(next.get(1).sourceOffset()).isEqualTo(Map.of("timestamp", "2024-03-01T10:00:03Z",
                "incrementing", 6L));
            db.execute("INSERT INTO events VALUES (7, NULL, '2024-03-01 10:00:04', 'newer')");
            assertThat(notes(running.nextBatch())).containsExactly("newer");
        }
    }

    @Test
    void initialPositionsSkipOlderRows() throws Exception {
        Map<String, String> timestamp = config("timestamp", 0);
        timestamp.put(JdbcSourceConfig.TIMESTAMP_INITIAL, "1709287202000");
        try (RunningTask running = new RunningTask(timestamp)) {
            assertThat(notes(running.nextBatch())).containsExactly("e");
        }
        Map<String, String> incrementing = config("incrementing", 0);
        incrementing.put(JdbcSourceConfig.INCREMENTING_INITIAL, "3");
        try (RunningTask running = new RunningTask(incrementing)) {
            assertThat(ids(running.nextBatch())).containsExactly(4L, 5L);
        }
    }

    @Test
    void rowsWithinOneMillisecondAreSentOnceHoweverManyCyclesReReadThem() throws Exception {
        // SQLite compares timestamps as millisecond text, while the offset keeps microseconds: every
        // cycle's query returns all three rows again, also the one before the stored mark.
        db.execute("CREATE TABLE ticks (id INTEGER NOT NULL, changed_at TIMESTAMP NOT NULL, note TEXT)",
            "INSERT INTO ticks VALUES (1, '2024-03-01 10:00:00.000001', 'a'), (2, '2024-03-01 10:00:00.000002', 'b'), "
                + "(3, '2024-03-01 10:00:00.000002', 'c')");
        for (long lookbackMs : new long[] {0, 3_600_000}) {
            CycleDriver cycles = new CycleDriver(ticksConfig("timestamp", lookbackMs));
            assertThat(notes(cycles.next())).as("lookback %d ms", lookbackMs).containsExactly("a", "b", "c");
            assertThat(cycles.next()).as("lookback %d ms", lookbackMs).isEmpty();
            assertThat(cycles.next()).as("lookback %d ms", lookbackMs).isEmpty();
            cycles.close();
        }
    }

    @Test
    void aRowEarlierWithinTheMillisecondOfTheMarkIsStillReadInTheSameCycle() throws Exception {
        // Within one millisecond SQLite returns the rows in table order, not in microsecond order.
        db.execute("CREATE TABLE ticks (id INTEGER NOT NULL, changed_at TIMESTAMP NOT NULL, note TEXT)",
            "INSERT INTO ticks VALUES (1, '2024-03-01 10:00:00.000002', 'b'), (2, '2024-03-01 10:00:00.000001', 'a')");
        CycleDriver cycles = new CycleDriver(ticksConfig("timestamp", 0));
        assertThat(notes(cycles.next())).containsExactly("b", "a");
        assertThat(cycles.next()).isEmpty();
        cycles.close();
    }

    private Map<String, String> ticksConfig(String mode, long lookbackMs) {
        Map<String, String> config = db.tableConfig("ticks");
        config.put(JdbcSourceConfig.MODE, mode);
        config.put(JdbcSourceConfig.TIMESTAMP_COLUMN_NAME, "changed_at");
        config.put(JdbcSourceConfig.TIMESTAMP_LOOKBACK_MS, Long.toString(lookbackMs));
        config.put(JdbcSourceConfig.POLL_INTERVAL_MS, "1000");
        config.put(JdbcSourceConfig.BATCH_MAX_ROWS, "2");
        return config;
    }

    /**
     * One {@link SourceReader} run cycle by cycle on a clock the test moves, one poll interval per
     * cycle, so each call reads exactly one whole cycle however fast or slow the machine is.
     */
    private static final class CycleDriver implements AutoCloseable {
        private static final Duration DEADLINE = Duration.ofSeconds(30);

        private final SourceReader reader;
        private Instant now = Instant.parse("2024-06-01T00:00:00Z");

        CycleDriver(Map<String, String> props) {
            JdbcSourceConfig config = new JdbcSourceConfig(props);
            QueryMode mode = config.mode().create(config, Clock.fixed(now, ZoneOffset.UTC));
            reader = new SourceReader(config, config.source(), mode, JdbcOffset.none(), now);
        }

        /** Every record of the next cycle. */
        List<SourceRecord> next() {
            Instant deadline = Instant.now().plus(DEADLINE);
            List<SourceRecord> records = new ArrayList<>(reader.readBatch(now));
            while (reader.timeUntilNextBatch(now).isZero()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("The cycle did not end within " + DEADLINE);
                }
                records.addAll(reader.readBatch(now));
            }
            now = now.plus(reader.timeUntilNextBatch(now));
            return records;
        }

        @Override
        public void close() {
            reader.close();
        }
    }

    private static List<Long> ids(List<SourceRecord> records) {
        return records.stream().map(r -> ((Struct) r.value()).getInt64("id")).toList();
    }

    private static List<String> notes(List<SourceRecord> records) {
        return new ArrayList<>(records.stream().map(r -> ((Struct) r.value()).getString("note")).toList());
    }
}
