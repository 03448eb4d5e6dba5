package io.fsconnect.auth.config;

import io.fsconnect.auth.DataSource;
import io.fsconnect.auth.JdbcDataSource;
import io.fsconnect.auth.S3DataSource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.fsconnect.auth.config.Definitions.SECRET;
import static io.fsconnect.auth.config.Definitions.def;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How connectors read the data source in their own config: inline under a prefix, or as a one-line reference. */
class ConnectorConfigTest {

    @Test
    void inlineUnderAPrefixIgnoresTheConnectorsOtherKeys() {
        Map<String, String> config = def("connector.class", "X", "topics", "t", "datasource.type", "s3",
                "datasource.name", "out", "datasource.bucket", "b", "datasource.secret.access.key", SECRET,
                "datasource.access.key.id", "AKIA");
        S3DataSource s3 = (S3DataSource) DataSourceParser.parse(config, DataSourceReference.PREFIX);
        assertThat(s3.name()).isEqualTo("out");
    }

    @Test
    void errorsAreKeyedByTheKeysTheUserWrote() {
        DataSourceValidation validation = DataSourceParser.validate(def("datasource.type", "s3", "datasource.name",
                "out", "datasource.secret.access.key", SECRET), DataSourceReference.PREFIX);
        assertThat(validation.errors()).containsOnlyKeys("datasource.bucket", "datasource.access.key.id");
        assertThat(validation.errors().get("datasource.access.key.id").get(0))
                .contains("datasource.access.key.id").contains("datasource.secret.access.key");
        assertThatThrownBy(validation::orElseThrow).isInstanceOf(InvalidDataSourceException.class)
                .hasMessageStartingWith("Cannot read data source 'out': 2 problems:")
                .hasMessageContaining("datasource.bucket is required")
                .satisfies(e -> Definitions.assertNoSecret(e.getMessage()));
    }

    @Test
    void missingOrUnknownType() {
        assertThat(DataSourceParser.validate(def("datasource.name", "x"), "datasource.").errors())
                .containsOnlyKeys("datasource.type");
        assertThat(DataSourceParser.validate(def("datasource.type", "ftp"), "datasource.").errors()
                .get("datasource.type").get(0)).contains("'ftp'").contains("jdbc, snowflake");
    }

    @Test
    void resolvedReferenceIsTheWholeDataSource() {
        Map<String, String> definition = def("type", "jdbc", "name", "orders_pg", "connection.url",
                "jdbc:postgresql://db/sales", "connection.user", "etl", "connection.password", "p&=%;" + SECRET);
        Map<String, String> config = def("connector.class", "X", "datasource", DataSourceReference.encode(definition));
        DataSource dataSource = DataSourceParser.parse(config, DataSourceReference.PREFIX);
        assertThat(dataSource).isEqualTo(DataSourceParser.validateDefinition(definition).orElseThrow());
        assertThat(((JdbcDataSource) dataSource).connectionProperties()).containsEntry("password", "p&=%;" + SECRET);
    }

    @Test
    void unresolvedReferenceSaysToConfigureTheProvider() {
        DataSourceValidation validation = DataSourceParser.validate(def("datasource", "${datasource:orders_pg}"),
                DataSourceReference.PREFIX);
        assertThat(validation.errors().get("datasource").get(0)).contains("config.providers=datasource");
        assertThat(DataSourceParser.validate(def("datasource", "orders_pg"), DataSourceReference.PREFIX).errors()
                .get("datasource").get(0)).contains("${datasource:<name>}");
    }

    @Test
    void problemsOfAReferencedDefinitionAreReportedOnTheReferenceKey() {
        String encoded = DataSourceReference.encode(def("type", "s3", "name", "lake", "secret.access.key", SECRET));
        DataSourceValidation validation = DataSourceParser.validate(def("datasource", encoded), "datasource.");
        assertThat(validation.errors()).containsOnlyKeys("datasource");
        assertThat(validation.errors().get("datasource")).allMatch(m -> m.startsWith("Data source 'lake'"))
                .anyMatch(m -> m.contains("bucket is required"));
        validation.errors().get("datasource").forEach(Definitions::assertNoSecret);
    }

    @Test
    void referenceAndInlineKeysExcludeEachOther() {
        String encoded = DataSourceReference.encode(def("type", "local", "name", "out", "path", "/tmp"));
        assertThat(DataSourceParser.validate(def("datasource", encoded, "datasource.path", "/x"), "datasource.")
                .errors()).containsOnlyKeys("datasource");
    }
}
