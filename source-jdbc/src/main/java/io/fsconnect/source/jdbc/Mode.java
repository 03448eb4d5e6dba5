package io.fsconnect.source.jdbc;

import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The values of {@code mode}, each creating the {@link QueryMode} that decides which rows a query
 * cycle reads and how the offset advances. New modes are added here and as new {@link QueryMode}
 * implementations; nothing else switches on the mode.
 */
public enum Mode {
    BULK("bulk"),
    INCREMENTING("incrementing"),
    TIMESTAMP("timestamp"),
    TIMESTAMP_INCREMENTING("timestamp+incrementing");

    private final String configValue;

    Mode(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }

    static String[] configValues() {
        return Arrays.stream(values()).map(Mode::configValue).toArray(String[]::new);
    }

    static Mode fromConfigValue(String value) {
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.configValue.equals(wanted)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("Cannot use mode '" + value + "': expected one of "
                + String.join(", ", configValues())));
    }

    /** Whether the mode needs {@code incrementing.column.name}. */
    boolean usesIncrementingColumn() {
        return this == INCREMENTING || this == TIMESTAMP_INCREMENTING;
    }

    /** Whether the mode needs {@code timestamp.column.name}. */
    boolean usesTimestampColumn() {
        return this == TIMESTAMP || this == TIMESTAMP_INCREMENTING;
    }

    /** The query mode for this configuration; the config guarantees the columns it needs are set. */
    QueryMode create(JdbcSourceConfig config, Clock clock) {
        return switch (this) {
            case BULK -> new BulkQueryMode();
            case INCREMENTING -> new IncrementingQueryMode(incrementingColumn(config), config.incrementingInitial());
            case TIMESTAMP, TIMESTAMP_INCREMENTING -> new TimestampQueryMode(config.timestampColumns(),
                this == TIMESTAMP ? Optional.empty() : Optional.of(incrementingColumn(config)),
                config.timestampLookback(), config.timestampDelay(), config.timestampInitial(clock),
                Dialect.forUrl(config.connectionUrl()), config.dbTimeZone(), clock);
        };
    }

    private static String incrementingColumn(JdbcSourceConfig config) {
        return config.incrementingColumn()
            .orElseThrow(() -> new IllegalStateException(JdbcSourceConfig.INCREMENTING_COLUMN_NAME + " is checked"));
    }
}
