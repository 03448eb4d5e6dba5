package io.fsconnect.source.jdbc;

import java.util.Arrays;
import java.util.Locale;

/**
 * The values of {@code mode}, each creating the {@link QueryMode} that decides which rows a query
 * cycle reads and how the offset advances. New modes (timestamp, timestamp+incrementing) are added
 * here and as new {@link QueryMode} implementations; nothing else switches on the mode.
 */
public enum Mode {
    BULK("bulk"),
    INCREMENTING("incrementing");

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

    /** The query mode for this configuration; the config guarantees the columns it needs are set. */
    QueryMode create(JdbcSourceConfig config) {
        return switch (this) {
            case BULK -> new BulkQueryMode();
            case INCREMENTING -> new IncrementingQueryMode(config.incrementingColumn()
                .orElseThrow(() -> new IllegalStateException(JdbcSourceConfig.INCREMENTING_COLUMN_NAME + " is checked")));
        };
    }
}
