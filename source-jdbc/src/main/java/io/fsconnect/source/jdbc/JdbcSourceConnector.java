package io.fsconnect.source.jdbc;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * A Kafka Connect source that reads tables or SQL queries of a JDBC database into topics, either as
 * a full snapshot every {@code poll.interval.ms} ({@code mode=bulk}) or as the rows added or changed
 * since the last one read ({@code incrementing}, {@code timestamp}, {@code timestamp+incrementing};
 * see {@link TimestampQueryMode} for what the timestamp modes guarantee). It reads one table
 * ({@code table.name}), one query ({@code query}), the tables selected by {@code table.include.list}
 * (watched by a {@link TableWatcher}, which triggers a task reconfiguration when they change), or
 * several named {@code queries}; the sources are spread over up to {@code tasks.max} tasks by
 * {@link TaskAssignment}, and each source keeps its own offset. Records carry the primary key as
 * their key and the event time as their timestamp when configured.
 *
 * <p>Exactly-once delivery (KIP-618) is supported where a restart re-sends nothing: in
 * {@code incrementing} mode, and in {@code timestamp+incrementing} mode with
 * {@code timestamp.lookback.ms=0}. Bulk mode re-reads whole snapshots and {@code timestamp} mode
 * re-sends its lookback window after a restart, so neither can be exactly once. Offsets edited
 * through the REST API are checked by {@link OffsetEdits}. {@link #validate} checks the keys together
 * and, when they look right, against the database itself.
 */
public class JdbcSourceConnector extends SourceConnector {

    private Map<String, String> props;
    private Optional<TableWatcher> watcher = Optional.empty();

    @Override
    public String version() {
        return Version.current();
    }

    @Override
    public void start(Map<String, String> props) {
        JdbcSourceConfig config = new JdbcSourceConfig(props);
        List<String> queryProblems = SourceSettings.queryProblems(props);
        if (!queryProblems.isEmpty()) {
            throw new ConfigException(queryProblems.get(0));
        }
        this.props = Map.copyOf(props);
        if (!config.getList(SourceSelectionKeys.TABLE_INCLUDE_LIST).isEmpty()) {
            TableWatcher started = new TableWatcher(new TableDiscovery(config), context,
                Duration.ofMillis(config.getLong(SourceSelectionKeys.TABLE_POLL_INTERVAL_MS)));
            watcher = Optional.of(started);
            started.start();
        }
    }

    @Override
    public Class<? extends Task> taskClass() {
        return JdbcSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<String> queries = SourceSettings.queryNames(props);
        if (!queries.isEmpty()) {
            return TaskAssignment.taskConfigs(props, queries.stream().map(SourceName::query).toList(), maxTasks);
        }
        JdbcSourceConfig config = new JdbcSourceConfig(props);
        if (watcher.isEmpty() && !FirstLoadPlanner.enabled(config)) {
            return List.of(props);
        }
        List<String> tables = watcher.isPresent() ? List.copyOf(watcher.get().tables())
            : List.of(config.getString(JdbcSourceConfig.TABLE_NAME).strip());
        if (!FirstLoadPlanner.enabled(config)) {
            return TaskAssignment.taskConfigs(props, tables.stream().map(SourceName::table).toList(), maxTasks);
        }
        List<SourceName> sources = new ArrayList<>();
        try (FirstLoadPlanner planner = new FirstLoadPlanner(config, context().offsetStorageReader())) {
            for (String table : tables) {
                sources.addAll(planner.sourcesOf(table));
            }
        } catch (SQLException e) {
            throw SqlErrorHandler.handle("plan the first load of " + tables, e);
        }
        return TaskAssignment.taskConfigs(props, sources, maxTasks);
    }

    @Override
    public void stop() {
        watcher.ifPresent(TableWatcher::close);
        watcher = Optional.empty();
    }

    @Override
    public ConfigDef config() {
        return JdbcSourceConfig.configDef();
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        List<JdbcSourceConfig> sources = sampleSources(connectorConfig);
        boolean resendsNothing = sources.stream().allMatch(source -> source.mode() == Mode.INCREMENTING
            || source.mode() == Mode.TIMESTAMP_INCREMENTING && source.timestampLookback().isZero());
        return resendsNothing ? ExactlyOnceSupport.SUPPORTED : ExactlyOnceSupport.UNSUPPORTED;
    }

    @Override
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> connectorConfig) {
        // Every poll's batch ends at a row boundary with its offset, so the worker's per-poll transactions suffice.
        return ConnectorTransactionBoundaries.UNSUPPORTED;
    }

    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        OffsetEdits.check(connectorConfig, offsets);
        return true;
    }

    /** One single-source configuration per kind of source the connector reads; tables share the connector's. */
    private static List<JdbcSourceConfig> sampleSources(Map<String, String> props) {
        List<String> queries = SourceSettings.queryNames(props);
        if (queries.isEmpty()) {
            return List.of(new JdbcSourceConfig(props));
        }
        return queries.stream().map(name -> new JdbcSourceConfig(SourceSettings.forSource(props, SourceName.query(name))))
            .toList();
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        Map<String, ConfigValue> values = config.configValues().stream()
            .collect(Collectors.toMap(ConfigValue::name, Function.identity()));
        Function<String, Object> parsed = key -> values.containsKey(key) ? values.get(key).value() : null;
        JdbcSourceConfig.crossFieldProblems(parsed)
            .forEach(problem -> values.get(problem.key()).addErrorMessage(problem.message()));
        SourceSettings.queryProblems(connectorConfigs)
            .forEach(message -> values.get(SourceSelectionKeys.QUERIES).addErrorMessage(message));
        // Data-source problems go on the keys the user wrote, inline datasource.* keys included; those on
        // defined keys may have been reported by the cross-field checks already.
        JdbcDataSourceConfig.problems(connectorConfigs).forEach((key, messages) -> {
            ConfigValue value = values.computeIfAbsent(key, name -> {
                ConfigValue added = new ConfigValue(name);
                config.configValues().add(added);
                return added;
            });
            messages.stream().filter(message -> !value.errorMessages().contains(message)).forEach(value::addErrorMessage);
        });
        boolean valid = values.values().stream().allMatch(v -> v.errorMessages().isEmpty());
        if (valid) {
            probe(connectorConfigs).forEach((key, message) ->
                values.getOrDefault(key, values.get(SourceSelectionKeys.QUERIES)).addErrorMessage(message));
        }
        return config;
    }

    /**
     * Problems found by running the configured table or queries against the database; a named query's
     * problems are reported on {@code queries}. Discovered tables are not probed: discovery itself
     * reports an unreachable database when the connector starts.
     */
    private static Map<String, String> probe(Map<String, String> props) {
        JdbcSourceConfig config = new JdbcSourceConfig(props);
        if (!config.getList(SourceSelectionKeys.TABLE_INCLUDE_LIST).isEmpty()) {
            return Map.of();
        }
        List<String> queries = SourceSettings.queryNames(props);
        if (queries.isEmpty()) {
            return SourceProbe.problems(config);
        }
        Map<String, String> problems = new LinkedHashMap<>();
        for (String name : queries) {
            JdbcSourceConfig single = new JdbcSourceConfig(SourceSettings.forSource(props, SourceName.query(name)));
            SourceProbe.problems(single).forEach((key, message) -> problems.merge(SourceSelectionKeys.QUERIES,
                "query '" + name + "' (" + key + "): " + message, (a, b) -> a + "; " + b));
        }
        return problems;
    }
}
