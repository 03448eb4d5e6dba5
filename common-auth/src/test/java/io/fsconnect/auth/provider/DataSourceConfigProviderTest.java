package io.fsconnect.auth.provider;

import io.fsconnect.auth.JdbcDataSource;
import io.fsconnect.auth.S3DataSource;
import io.fsconnect.auth.config.DataSourceParser;
import io.fsconnect.auth.config.DataSourceReference;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataSourceConfigProviderTest {

    private static final String SECRET = "pl4nted-s3cret-91";

    @TempDir
    Path dir;

    private final DataSourceConfigProvider provider = new DataSourceConfigProvider();

    @BeforeEach
    void defineDataSources() throws IOException {
        Files.writeString(dir.resolve("orders_pg.properties"), String.join("\n",
                "# the orders database",
                "type=jdbc",
                "connection.url=jdbc:postgresql://db:5432/orders",
                "connection.user=etl",
                "connection.password=" + SECRET));
        Path secrets = dir.resolve("aws-secrets.txt");
        Files.writeString(secrets, "secret=" + SECRET + "\n");
        Files.writeString(dir.resolve("lake.properties"), String.join("\n",
                "type=s3",
                "bucket=lake",
                "access.key.id=AKIAEXAMPLE",
                "secret.access.key=${file:" + secrets + ":secret}"));
        provider.configure(Map.of(DataSourceConfigProvider.DIR, dir.toString()));
    }

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void servesOneKeyOfADataSource() {
        assertThat(provider.get("orders_pg", Set.of("connection.password", "connection.user")).data())
                .containsExactlyInAnyOrderEntriesOf(Map.of("connection.password", SECRET, "connection.user", "etl"));
        assertThat(provider.get("orders_pg").data()).containsEntry("name", "orders_pg").containsEntry("type", "jdbc");
    }

    @Test
    void resolvesFilePlaceholdersInDefinitions() {
        assertThat(provider.get("lake", Set.of("secret.access.key")).data()).containsEntry("secret.access.key", SECRET);
    }

    @Test
    void oneLineReferenceResolvesInsideTheWorkerToTheWholeDataSource() {
        // What a worker does with a connector config: resolve placeholders with its configured providers.
        Map<String, String> raw = Map.of("connector.class", "X", "datasource", "${datasource:orders_pg}",
                "other", "${datasource:lake:bucket}");
        Map<String, String> resolved = new ConfigTransformer(Map.<String, ConfigProvider>of("datasource", provider))
                .transform(raw).data();
        JdbcDataSource jdbc = (JdbcDataSource) DataSourceParser.parse(resolved, DataSourceReference.PREFIX);
        assertThat(jdbc.name()).isEqualTo("orders_pg");
        assertThat(jdbc.connectionProperties()).containsEntry("password", SECRET);
        assertThat(resolved).containsEntry("other", "lake");
        assertThat(provider.get("", Set.of("lake")).data().get("lake")).startsWith("fsconnect-datasource-v1?");
        S3DataSource lake = (S3DataSource) DataSourceParser.parse(Map.of("datasource",
                provider.get("").data().get("lake")), DataSourceReference.PREFIX);
        assertThat(lake.bucket()).isEqualTo("lake");
    }

    @Test
    void missingDataSourceNamesItAndTheFolder() {
        assertThatThrownBy(() -> provider.get("payments", Set.of("connection.password")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Cannot find data source 'payments'")
                .hasMessageContaining(dir.resolve("payments.properties").toString())
                .hasMessageContaining("lake, orders_pg");
        assertThatThrownBy(() -> provider.get("", Set.of("payments"))).hasMessageContaining("'payments'");
    }

    @Test
    void missingKeyNamesTheDataSourceFileAndKey() {
        assertThatThrownBy(() -> provider.get("orders_pg", Set.of("connection.pasword")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("data source 'orders_pg'")
                .hasMessageContaining(dir.resolve("orders_pg.properties").toString())
                .hasMessageContaining("no key 'connection.pasword'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void unreadableFileNamesTheFile() throws IOException {
        // A directory where the file should be cannot be read, whoever runs the test.
        Files.createDirectory(dir.resolve("broken.properties"));
        assertThatThrownBy(() -> provider.get("broken", Set.of("type")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Cannot read data source 'broken'")
                .hasMessageContaining(dir.resolve("broken.properties").toString());
    }

    @Test
    void invalidDefinitionListsItsProblemsWithoutSecrets() throws IOException {
        Files.writeString(dir.resolve("bad.properties"), "type=s3\nsecret.access.key=" + SECRET + "\n");
        assertThatThrownBy(() -> provider.get("bad", Set.of("type")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("data source 'bad'")
                .hasMessageContaining(dir.resolve("bad.properties").toString())
                .hasMessageContaining("bucket is required")
                .hasMessageContaining("access.key.id")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void unresolvablePlaceholderNamesTheKeyNotTheValue() throws IOException {
        Files.writeString(dir.resolve("env.properties"), "type=jdbc\nconnection.url=jdbc:h2:mem:x\n"
                + "connection.user=u\nconnection.password=" + SECRET + "${env:FSCONNECT_SURELY_UNSET_VARIABLE}\n");
        assertThatThrownBy(() -> provider.get("env", Set.of("connection.user")))
                .hasMessageContaining("Cannot resolve key 'connection.password' of data source 'env'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void namesCannotLeaveTheFolder() {
        assertThatThrownBy(() -> provider.get("../orders_pg", Set.of("type")))
                .hasMessageContaining("Cannot find data source '../orders_pg'");
    }

    @Test
    void fileNameIsTheName() throws IOException {
        Files.writeString(dir.resolve("a.properties"), "type=local\npath=/tmp\nname=b\n");
        assertThatThrownBy(() -> provider.get("a", Set.of("type"))).hasMessageContaining("rename the file");
    }

    @Test
    void configurationErrors() {
        assertThatThrownBy(() -> new DataSourceConfigProvider().configure(Map.of()))
                .hasMessageContaining("config.providers.datasource.param.dir");
        assertThatThrownBy(() -> new DataSourceConfigProvider().configure(Map.of("dir",
                dir.resolve("orders_pg.properties").toString()))).hasMessageContaining("is not a folder");
    }

    @Test
    void workersFindTheProviderByServiceLoading() {
        assertThat(ServiceLoader.load(ConfigProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(DataSourceConfigProvider.class);
    }
}
