package io.fsconnect.examples;

import io.fsconnect.auth.DataSource;
import io.fsconnect.auth.DataSourceType;
import io.fsconnect.auth.config.DataSourceParser;
import io.fsconnect.auth.config.DataSourceValidation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every example data-source definition in {@code datasources/} parses without an error, as the data-source config
 * provider would read it (the file name is the data source's name); placeholders stay as values.
 */
class DataSourceExamplesTest {

    private static final Path DIR = Path.of(System.getProperty("fsconnect.examples.dir", "."), "datasources");

    @Test
    void everyDefinitionParsesWithoutErrors() throws IOException {
        List<Path> files = definitions();
        assertThat(files).hasSizeGreaterThanOrEqualTo(10);
        Set<DataSourceType> kinds = EnumSet.noneOf(DataSourceType.class);
        for (Path file : files) {
            DataSourceValidation validation = DataSourceParser.validateDefinition(definition(file));

            assertThat(validation.errors()).as("errors of %s", file.getFileName()).isEmpty();
            DataSource source = validation.orElseThrow();
            assertThat(source.name()).isEqualTo(nameOf(file));
            assertThat(source.description()).as("description of %s", file.getFileName()).isPresent();
            kinds.add(source.type());
        }
        assertThat(kinds).contains(DataSourceType.S3, DataSourceType.ADLS, DataSourceType.GCS, DataSourceType.JDBC,
                DataSourceType.SNOWFLAKE, DataSourceType.REDSHIFT, DataSourceType.KAFKA);
    }

    @Test
    void noDefinitionHoldsASecretInline() throws IOException {
        // Secret keys are Type.PASSWORD in the model; every example takes them from a provider placeholder.
        for (Path file : definitions()) {
            definition(file).forEach((key, value) -> {
                if (key.contains("secret") || key.contains("password") || key.endsWith(".key")
                        || key.contains("passphrase") || key.contains("jaas") || key.contains("token")) {
                    assertThat(value).as("%s in %s", key, file.getFileName()).startsWith("${file:");
                }
            });
        }
    }

    private static List<Path> definitions() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(f -> f.toString().endsWith(".properties")).sorted().toList();
        }
    }

    private static Map<String, String> definition(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> definition = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> definition.put(key, properties.getProperty(key)));
        definition.putIfAbsent("name", nameOf(file));
        return definition;
    }

    private static String nameOf(Path file) {
        String fileName = file.getFileName().toString();
        return fileName.substring(0, fileName.length() - ".properties".length());
    }
}
