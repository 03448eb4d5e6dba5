package io.fsconnect.auth.config;

import io.fsconnect.auth.DataSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Builds data-source definitions for tests and checks that no secret leaks from what the parser returns. */
final class Definitions {

    /** Secret values used by the tests; none may ever show up in a toString() or a message. */
    static final String SECRET = "s3cr3t-Value-42";
    static final String SECRET_2 = "0ther-s3cr3t-77";

    private Definitions() {
    }

    static Map<String, String> def(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static Map<String, String> with(Map<String, String> base, String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>(base);
        map.putAll(def(keysAndValues));
        return map;
    }

    static Map<String, String> without(Map<String, String> base, String... keys) {
        Map<String, String> map = new LinkedHashMap<>(base);
        for (String key : keys) {
            map.remove(key);
        }
        return map;
    }

    /** Parses a valid definition and checks that its toString() hides the secrets. */
    static DataSource valid(Map<String, String> definition) {
        DataSourceValidation validation = DataSourceParser.validateDefinition(definition);
        assertThat(validation.errors()).as("errors of %s", definition.keySet()).isEmpty();
        DataSource dataSource = validation.dataSource().orElseThrow();
        assertNoSecret(dataSource.toString());
        return dataSource;
    }

    /** The errors of an invalid definition, checked to contain no secret, also in the exception. */
    static Map<String, List<String>> errors(Map<String, String> definition) {
        DataSourceValidation validation = DataSourceParser.validateDefinition(definition);
        assertThat(validation.isValid()).as("valid: %s", definition.keySet()).isFalse();
        validation.errors().values().forEach(messages -> messages.forEach(Definitions::assertNoSecret));
        try {
            validation.orElseThrow();
        } catch (InvalidDataSourceException e) {
            assertNoSecret(e.getMessage());
        }
        return validation.errors();
    }

    static void assertNoSecret(String text) {
        assertThat(text).doesNotContain(SECRET).doesNotContain(SECRET_2);
    }
}
