package io.fsconnect.auth.config;

import io.fsconnect.auth.DataSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of checking a data-source definition: the data source when it is valid, and otherwise every problem
 * found, keyed by the configuration key as the user wrote it (prefix included), so that a connector's
 * {@code validate()} can attach each message to its {@code ConfigValue}.
 *
 * @param subject what was checked, for messages, e.g. {@code data source 'orders_pg'}
 * @param dataSource the data source, present exactly when there are no errors
 * @param errors the problems, per key, in the order found
 */
public record DataSourceValidation(String subject, Optional<DataSource> dataSource, Map<String, List<String>> errors) {

    public DataSourceValidation {
        errors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(errors));
        if (dataSource.isPresent() == !errors.isEmpty()) {
            throw new IllegalArgumentException("A data-source validation has either a data source or errors");
        }
    }

    /** Whether the definition is valid. */
    public boolean isValid() {
        return dataSource.isPresent();
    }

    /** The data source, or an {@link InvalidDataSourceException} listing every problem. */
    public DataSource orElseThrow() {
        return dataSource.orElseThrow(() -> new InvalidDataSourceException(subject, errors));
    }
}
