package io.fsconnect.source.jdbc;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * A Kafka Connect source that reads one table or one SQL query of a JDBC database into one topic,
 * either as a full snapshot every {@code poll.interval.ms} ({@code mode=bulk}) or as the rows added
 * or changed since the last one read ({@code incrementing}, {@code timestamp},
 * {@code timestamp+incrementing}; see {@link TimestampQueryMode} for what the timestamp modes guarantee). Records carry the primary key as their key and
 * the event time as their timestamp when configured. This version runs exactly one task, whatever
 * {@code tasks.max} says: the source is read by a single streaming query. {@link #validate} checks
 * the keys together and, when they look right, against the database itself.
 */
public class JdbcSourceConnector extends SourceConnector {

    private Map<String, String> props;

    @Override
    public String version() {
        return Version.current();
    }

    @Override
    public void start(Map<String, String> props) {
        new JdbcSourceConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return JdbcSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return JdbcSourceConfig.configDef();
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        Map<String, ConfigValue> values = config.configValues().stream()
            .collect(Collectors.toMap(ConfigValue::name, Function.identity()));
        Function<String, Object> parsed = key -> values.containsKey(key) ? values.get(key).value() : null;
        JdbcSourceConfig.crossFieldProblems(parsed)
            .forEach(problem -> values.get(problem.key()).addErrorMessage(problem.message()));
        boolean valid = values.values().stream().allMatch(v -> v.errorMessages().isEmpty());
        if (valid) {
            SourceProbe.problems(new JdbcSourceConfig(connectorConfigs))
                .forEach((key, message) -> values.get(key).addErrorMessage(message));
        }
        return config;
    }
}
