package io.fsconnect.source.jdbc;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * Splits a configuration that names several sources (the tables of {@code table.include.list} or the
 * named {@code queries}) into one single-source configuration per source, each an ordinary
 * {@code table.name} or {@code query} configuration with its own {@code topic}, so every source is
 * read by the same {@link SourceReader} as a single table would be. A configured {@code topic} is
 * kept (the one of {@code table.name}, whose chunked first load is split into several sources, or
 * {@code query.<name>.topic}); otherwise the topic is made by {@link TopicNames}. A named query's
 * {@code query.<name>.<key>} settings override the connector-level key for that query only. The
 * sources a task reads travel in its task configuration under {@link #TASK_SOURCES}, one
 * {@link SourceName} per line.
 */
final class SourceSettings {

    /** Task-configuration key listing the sources assigned to the task, one per line. */
    static final String TASK_SOURCES = "task.sources";

    private SourceSettings() {
    }

    /** The named queries of {@code props}, in the order listed; empty unless {@code queries} is set. */
    static List<String> queryNames(Map<String, String> props) {
        String value = props.getOrDefault(SourceSelectionKeys.QUERIES, "");
        return Arrays.stream(value.split(",")).map(String::strip).filter(name -> !name.isEmpty()).toList();
    }

    /** Problems of the {@code query.<name>.<key>} settings, reported on {@code queries}. */
    static List<String> queryProblems(Map<String, String> props) {
        List<String> names = queryNames(props);
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            String sql = props.get(queryKey(name, SourceSelectionKeys.QUERY_SQL_SUFFIX));
            if (sql == null || sql.isBlank()) {
                problems.add("Cannot read query '" + name + "' without its SQL: set "
                    + queryKey(name, SourceSelectionKeys.QUERY_SQL_SUFFIX));
            }
        }
        for (String key : props.keySet()) {
            if (!key.startsWith(SourceSelectionKeys.QUERY_KEY_PREFIX) || key.equals(JdbcSourceConfig.QUERY_TIMEOUT_MS)) {
                continue;
            }
            String rest = key.substring(SourceSelectionKeys.QUERY_KEY_PREFIX.length());
            Optional<String> owner = names.stream().filter(name -> rest.startsWith(name + ".")).findFirst();
            if (owner.isEmpty()) {
                problems.add("Cannot use " + key + ": no query of " + SourceSelectionKeys.QUERIES + " " + names
                    + " owns it; add the query's name to " + SourceSelectionKeys.QUERIES + " or remove the key");
            } else if (!SourceSelectionKeys.QUERY_KEYS.contains(rest.substring(owner.get().length() + 1))) {
                problems.add("Cannot use " + key + ": a query may set only " + SourceSelectionKeys.QUERY_KEYS
                    + " after " + queryKey(owner.get(), ""));
            }
        }
        return problems;
    }

    /**
     * A source assigned to a task: its single-source configuration, what it reads and how.
     *
     * @param config the single-source configuration
     * @param spec the table, chunk or query read
     * @param mode how each cycle reads and advances the offset
     */
    record Assigned(JdbcSourceConfig config, SourceSpec spec, QueryMode mode) {
    }

    /** The sources of the task configured by {@code taskProps}. */
    static List<Assigned> forTask(Map<String, String> taskProps, Clock clock) {
        String assigned = taskProps.get(TASK_SOURCES);
        if (assigned == null) {
            JdbcSourceConfig config = new JdbcSourceConfig(taskProps);
            return List.of(new Assigned(config, config.source(), config.mode().create(config, clock)));
        }
        List<Assigned> sources = new ArrayList<>();
        for (SourceName source : SourceName.decodeAll(assigned)) {
            JdbcSourceConfig config = new JdbcSourceConfig(forSource(taskProps, source));
            if (source.chunk().isPresent()) {
                FirstLoadPlan plan = source.plan().orElseThrow();
                int index = source.chunk().getAsInt();
                String column = config.incrementingColumn().orElseThrow(() -> new ConfigException(
                    "Cannot load " + source.name() + " in chunks without " + JdbcSourceConfig.INCREMENTING_COLUMN_NAME));
                sources.add(new Assigned(config, new SourceSpec.TableChunk(source.name(), plan, index),
                    new ChunkQueryMode(column, plan.range(index))));
            } else {
                SourceSpec spec = source.plan().<SourceSpec>map(plan -> new SourceSpec.TableAfterLoad(source.name(), plan))
                    .orElse(config.source());
                sources.add(new Assigned(config, spec, config.mode().create(config, clock)));
            }
        }
        return sources;
    }

    /** The single-source configuration of {@code source}, a table or a named query of {@code props}. */
    static Map<String, String> forSource(Map<String, String> props, SourceName source) {
        Map<String, String> single = new HashMap<>(props);
        List<String> queries = queryNames(props);
        single.keySet().removeIf(key -> key.equals(TASK_SOURCES) || key.equals(SourceSelectionKeys.TABLE_INCLUDE_LIST)
            || key.equals(SourceSelectionKeys.TABLE_EXCLUDE_LIST) || key.equals(SourceSelectionKeys.QUERIES)
            || queries.stream().anyMatch(name -> key.startsWith(queryKey(name, ""))));
        String prefix = props.getOrDefault(SourceSelectionKeys.TOPIC_PREFIX, "");
        Optional<String> template = Optional.ofNullable(props.get(SourceSelectionKeys.TOPIC_TEMPLATE))
            .filter(t -> !t.isBlank());
        if (source.isTable()) {
            single.put(JdbcSourceConfig.TABLE_NAME, source.name());
            // The chunks load everything up to the plan's bound; the incremental reader starts after it.
            source.plan().ifPresent(plan -> single.put(JdbcSourceConfig.INCREMENTING_INITIAL, Long.toString(plan.upTo())));
            // A single table.name keeps its required topic, also for its chunks; discovered tables have none.
            single.putIfAbsent(JdbcSourceConfig.TOPIC, TopicNames.forTable(prefix, template, source.name()));
            return single;
        }
        if (!queries.contains(source.name())) {
            throw new ConfigException("Cannot read query '" + source.name() + "': it is not listed in "
                + SourceSelectionKeys.QUERIES + " " + queries);
        }
        for (String key : SourceSelectionKeys.QUERY_KEYS) {
            String value = props.get(queryKey(source.name(), key));
            if (value != null) {
                single.put(key.equals(SourceSelectionKeys.QUERY_SQL_SUFFIX) ? JdbcSourceConfig.QUERY : key, value);
            }
        }
        single.putIfAbsent(JdbcSourceConfig.TOPIC, TopicNames.forQuery(prefix, template, source.name()));
        return single;
    }

    static String queryKey(String name, String key) {
        return SourceSelectionKeys.QUERY_KEY_PREFIX + name + "." + key;
    }
}
