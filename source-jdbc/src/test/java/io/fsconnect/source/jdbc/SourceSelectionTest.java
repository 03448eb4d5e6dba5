package io.fsconnect.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;

/**
 * Choosing sources, naming their topics, spreading them over tasks, splitting first loads, exactly-once
 * support and edited offsets, without a database.
 */
class SourceSelectionTest {

    @Test
    void spreadsSourcesEvenlyAndTheSameWayWhateverTheOrder() {
        List<SourceName> tables = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            tables.add(SourceName.table("t" + i));
        }
        List<Map<String, String>> first = TaskAssignment.taskConfigs(Map.of("k", "v"), tables, 3);
        Collections.reverse(tables);
        List<Map<String, String>> second = TaskAssignment.taskConfigs(Map.of("k", "v"), tables, 3);

        assertThat(first).isEqualTo(second);
        assertThat(first).extracting(task -> task.get(SourceSettings.TASK_SOURCES))
            .containsExactly("table:t1\ntable:t4", "table:t2\ntable:t5", "table:t3");
        assertThat(first).allSatisfy(task -> assertThat(task).containsEntry("k", "v"));
        assertThat(TaskAssignment.taskConfigs(Map.of(), tables, 10)).hasSize(5);
        assertThat(TaskAssignment.taskConfigs(Map.of(), List.of(), 3)).isEmpty();
    }

    @Test
    void namesTopicsFromPrefixAndTemplate() {
        assertThat(TopicNames.forTable("db-", Optional.empty(), "sales.orders")).isEqualTo("db-orders");
        assertThat(TopicNames.forTable("", Optional.of("${schema}_${table}_v1"), "sales.orders"))
            .isEqualTo("sales_orders_v1");
        assertThat(TopicNames.forTable("", Optional.empty(), "order lines")).isEqualTo("order_lines");
        assertThat(TopicNames.forQuery("fg-", Optional.empty(), "daily")).isEqualTo("fg-daily");
    }

    @Test
    void includeAndExcludeMatchQualifiedOrBareNames() {
        TableFilter filter = TableFilter.of(List.of("sales\\..*", "audit"), List.of(".*_tmp"));
        assertThat(filter.selects("sales.orders")).isTrue();
        assertThat(filter.selects("public.audit")).isTrue();
        assertThat(filter.selects("sales.orders_tmp")).isFalse();
        assertThat(filter.selects("public.orders")).isFalse();
    }

    @Test
    void chunkRangesTileThePlanWithoutGapOrOverlap() {
        FirstLoadPlan plan = new FirstLoadPlan(-7, 1_000_003, 7);
        long expectedAfter = -7;
        for (int i = 0; i < plan.chunks(); i++) {
            FirstLoadPlan.Range range = plan.range(i);
            assertThat(range.after()).isEqualTo(expectedAfter);
            assertThat(range.upTo()).isGreaterThanOrEqualTo(range.after());
            expectedAfter = range.upTo();
        }
        assertThat(expectedAfter).isEqualTo(1_000_003);
        assertThat(new FirstLoadPlan(Long.MIN_VALUE, Long.MAX_VALUE, 3).range(2).upTo()).isEqualTo(Long.MAX_VALUE);
        assertThat(FirstLoadPlan.fromOffset(Map.of("incrementing", 5L, "first.load.after", -7L,
            "first.load.up.to", 1_000_003L, "first.load.chunks", 7))).contains(plan);
    }

    @Test
    void sourceNamesSurviveTheTaskConfiguration() {
        FirstLoadPlan plan = new FirstLoadPlan(0, 100, 4);
        List<SourceName> names = List.of(SourceName.table("s.t"), SourceName.tableAfter("s.t", plan),
            SourceName.chunk("s.t", plan, 3), SourceName.query("daily"));
        assertThat(SourceName.decodeAll(SourceName.encodeAll(names))).isEqualTo(names);
    }

    @Test
    void everySourceOfATableNameGoesToItsTopicAndDiscoveredTablesToTheTemplate() {
        FirstLoadPlan plan = new FirstLoadPlan(0, 100, 2);
        Map<String, String> single = base();
        single.put("table.name", "sales.orders");
        single.put("topic", "order-features");
        single.put("topic.template", "${schema}-${table}");
        for (SourceName source : List.of(SourceName.table("sales.orders"), SourceName.chunk("sales.orders", plan, 1),
            SourceName.tableAfter("sales.orders", plan))) {
            assertThat(new JdbcSourceConfig(SourceSettings.forSource(single, source)).topic()).as("%s", source)
                .isEqualTo("order-features");
        }
        Map<String, String> discovered = base();
        discovered.put("table.include.list", "sales\\..*");
        discovered.put("topic.template", "${schema}-${table}");
        assertThat(new JdbcSourceConfig(SourceSettings.forSource(discovered, SourceName.chunk("sales.orders", plan, 1)))
            .topic()).isEqualTo("sales-orders");
    }

    @Test
    void aNamedQueryOverridesConnectorSettings() {
        Map<String, String> props = base();
        props.put("queries", "daily,hourly");
        props.put("query.daily.sql", "SELECT * FROM d");
        props.put("query.daily.topic", "daily-features");
        props.put("query.daily.incrementing.column.name", "seq");
        props.put("query.hourly.sql", "SELECT * FROM h");
        props.put("topic.prefix", "fg-");
        props.put("incrementing.column.name", "id");

        JdbcSourceConfig daily = new JdbcSourceConfig(SourceSettings.forSource(props, SourceName.query("daily")));
        JdbcSourceConfig hourly = new JdbcSourceConfig(SourceSettings.forSource(props, SourceName.query("hourly")));
        assertThat(daily.source()).isEqualTo(new SourceSpec.Query("SELECT * FROM d"));
        assertThat(daily.topic()).isEqualTo("daily-features");
        assertThat(daily.incrementingColumn()).contains("seq");
        assertThat(hourly.topic()).isEqualTo("fg-hourly");
        assertThat(hourly.incrementingColumn()).contains("id");
        assertThat(SourceSettings.queryProblems(props)).isEmpty();

        props.remove("query.hourly.sql");
        props.put("query.weekly.sql", "SELECT 1");
        props.put("query.daily.colour", "red");
        assertThat(SourceSettings.queryProblems(props)).hasSize(3).anySatisfy(p -> assertThat(p)
            .contains("query.hourly.sql")).anySatisfy(p -> assertThat(p).contains("query.weekly.sql"))
            .anySatisfy(p -> assertThat(p).contains("query.daily.colour"));
    }

    @Test
    void rejectsConflictingWaysToChooseSources() {
        Map<String, String> both = base();
        both.put("table.name", "t");
        both.put("table.include.list", "t.*");
        assertThatThrownBy(() -> new JdbcSourceConfig(both)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("table.name and table.include.list");

        Map<String, String> oneTopic = base();
        oneTopic.put("table.include.list", "t.*");
        oneTopic.put("topic", "all");
        assertThatThrownBy(() -> new JdbcSourceConfig(oneTopic)).hasMessageContaining("topic.template");

        Map<String, String> chunkedBulk = base();
        chunkedBulk.put("table.include.list", "t.*");
        chunkedBulk.put("first.load.chunks", "4");
        assertThatThrownBy(() -> new JdbcSourceConfig(chunkedBulk)).hasMessageContaining("first.load.chunks")
            .hasMessageContaining("mode=incrementing");

        Map<String, String> badName = base();
        badName.put("queries", "timeout");
        assertThatThrownBy(() -> new JdbcSourceConfig(badName)).hasMessageContaining("query name");
    }

    @Test
    void exactlyOnceOnlyWhereARestartResendsNothing() {
        JdbcSourceConnector connector = new JdbcSourceConnector();
        Map<String, String> props = base();
        props.put("table.name", "t");
        props.put("topic", "t");
        assertThat(connector.exactlyOnceSupport(props)).isEqualTo(ExactlyOnceSupport.UNSUPPORTED);
        props.put("mode", "incrementing");
        props.put("incrementing.column.name", "id");
        assertThat(connector.exactlyOnceSupport(props)).isEqualTo(ExactlyOnceSupport.SUPPORTED);
        props.put("mode", "timestamp+incrementing");
        props.put("timestamp.column.name", "ts");
        assertThat(connector.exactlyOnceSupport(props)).isEqualTo(ExactlyOnceSupport.UNSUPPORTED);
        props.put("timestamp.lookback.ms", "0");
        assertThat(connector.exactlyOnceSupport(props)).isEqualTo(ExactlyOnceSupport.SUPPORTED);
        props.put("mode", "timestamp");
        assertThat(connector.exactlyOnceSupport(props)).isEqualTo(ExactlyOnceSupport.UNSUPPORTED);
    }

    @Test
    void editedOffsetsAreCheckedAgainstTheSourcesAndTheirModes() {
        Map<String, String> props = base();
        props.put("table.include.list", "sales\\..*");
        props.put("mode", "incrementing");
        props.put("incrementing.column.name", "id");
        JdbcSourceConnector connector = new JdbcSourceConnector();

        assertThat(connector.alterOffsets(props, edit("table:sales.orders", Map.of("incrementing", 42)))).isTrue();
        assertThat(connector.alterOffsets(props, edit("table:sales.orders#chunk:2/4", Map.of("incrementing", 42,
            "first.load.after", 0, "first.load.up.to", 100, "first.load.chunks", 4)))).isTrue();
        assertThat(connector.alterOffsets(props, edit("table:sales.orders", null))).isTrue();
        assertThatThrownBy(() -> connector.alterOffsets(props, edit("table:hr.people", Map.of("incrementing", 1))))
            .isInstanceOf(ConnectException.class).hasMessageContaining("does not read");
        assertThatThrownBy(() -> connector.alterOffsets(props, edit("table:sales.orders", Map.of("incrementing", "x"))))
            .hasMessageStartingWith("Cannot alter the offset of table:sales.orders").hasMessageContaining("whole number");
        assertThatThrownBy(() -> connector.alterOffsets(props, edit("table:sales.orders",
            Map.of("timestamp", "2024-01-01T00:00:00Z")))).hasMessageContaining("mode=incrementing");
        assertThatThrownBy(() -> connector.alterOffsets(props, Map.of(Map.of("table", "sales.orders"),
            Map.of("incrementing", 1)))).hasMessageContaining("\"source\"");
    }

    private static Map<Map<String, ?>, Map<String, ?>> edit(String source, Map<String, ?> offset) {
        Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
        offsets.put(Map.of("source", source), offset);
        return offsets;
    }

    private static Map<String, String> base() {
        Map<String, String> props = new HashMap<>();
        props.put("connection.url", "jdbc:postgresql://localhost:5432/db");
        return props;
    }
}
