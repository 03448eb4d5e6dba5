package io.fsconnect.source.jdbc;

import io.fsconnect.auth.config.DataSourceReference;
import io.fsconnect.auth.jdbc.JdbcConnectionSettings;
import io.fsconnect.auth.jdbc.JdbcCredentials;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.sql.Connection;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcDataSourceConfigTest {

    private static final String SECRET = "planted-secret-value";

    @Test
    void snowflakeDataSourceWithPasswordGivesUrlPropertiesAndDialect() {
        JdbcSourceConfig config = config(inline(snowflake("password", SECRET)));

        JdbcConnectionSettings settings = settings(config);

        assertThat(config.connectionUrl()).isEqualTo(settings.url())
            .isEqualTo("jdbc:snowflake://xy12345.snowflakecomputing.com/?db=SALES&schema=PUBLIC&warehouse=WH&role=LOADER");
        assertThat(settings.properties()).containsEntry("user", "ETL").containsEntry("password", SECRET);
        assertThat(Dialect.forUrl(config.connectionUrl())).isInstanceOf(SnowflakeDialect.class);
        assertThat(config.connectionUrl() + config).doesNotContain(SECRET);
    }

    @Test
    void snowflakeDataSourceWithOAuthToken() {
        JdbcConnectionSettings settings = settings(config(inline(snowflake("oauth.token", SECRET))));

        assertThat(settings.properties()).containsEntry("authenticator", "oauth").containsEntry("token", SECRET)
            .doesNotContainKey("password");
    }

    @Test
    void snowflakeDataSourceWithKeyPairHandsTheDriverAPrivateKey() throws Exception {
        String pem = pem();
        JdbcConnectionSettings settings = settings(config(inline(snowflake("private.key", pem))));

        Properties properties = settings.properties();
        assertThat(properties.get("privateKey")).isInstanceOf(PrivateKey.class);
        assertThat(properties).doesNotContainKey("password");
    }

    @Test
    void redshiftDataSourceWithPassword() {
        Map<String, String> redshift = redshift();
        redshift.put("database.user", "loader");
        redshift.put("database.password", SECRET);
        JdbcSourceConfig config = config(inline(redshift));

        JdbcConnectionSettings settings = settings(config);

        assertThat(settings.url()).isEqualTo("jdbc:redshift://analytics.abc123.eu-west-1.redshift.amazonaws.com:5439/dev");
        assertThat(settings.properties()).containsEntry("user", "loader").containsEntry("password", SECRET);
        assertThat(Dialect.forUrl(config.connectionUrl())).isInstanceOf(RedshiftDialect.class);
    }

    @Test
    void redshiftDataSourceWithIamGivesTheClusterUrlWithoutAskingForCredentialsYet() {
        Map<String, String> redshift = redshift();
        redshift.put("database.user", "loader");
        redshift.put("iam.role", "arn:aws:iam::123456789012:role/loader");
        redshift.put("iam.source.access.key.id", "AKIAEXAMPLE");
        redshift.put("iam.source.secret.access.key", SECRET);
        JdbcSourceConfig config = config(reference(redshift));

        assertThat(config.connectionUrl())
            .isEqualTo("jdbc:redshift://analytics.abc123.eu-west-1.redshift.amazonaws.com:5439/dev");
        assertThat(Dialect.forUrl(config.connectionUrl())).isInstanceOf(RedshiftDialect.class);
        try (JdbcCredentials credentials = JdbcCredentials.forDataSource(config.dataSource().orElseThrow())) {
            assertThat(credentials.toString()).contains("IAM").doesNotContain(SECRET);
        }
    }

    @Test
    void namedDataSourceReferenceOpensRealConnections(@TempDir Path dir) throws Exception {
        Map<String, String> sqlite = new HashMap<>(Map.of("type", "jdbc", "name", "local_db",
            "connection.url", "jdbc:sqlite:" + dir.resolve("x.db")));
        JdbcSourceConfig config = config(reference(sqlite));

        try (ConnectionOpener opener = ConnectionOpener.forConfig(config); Connection connection = opener.open()) {
            assertThat(connection.getMetaData().getURL()).contains("x.db");
        }
        assertThat(Dialect.forUrl(config.connectionUrl())).isInstanceOf(SqliteDialect.class);
    }

    @Test
    void connectionKeysStillWorkWithoutADataSource(@TempDir Path dir) throws Exception {
        JdbcSourceConfig config = config(Map.of("connection.url", "jdbc:sqlite:" + dir.resolve("y.db")));

        assertThat(config.dataSource()).isEmpty();
        try (ConnectionOpener opener = ConnectionOpener.forConfig(config); Connection connection = opener.open()) {
            assertThat(connection.isValid(5)).isTrue();
        }
    }

    @Test
    void bothUrlAndDataSourceAreRefusedOnBothKeys() {
        Map<String, String> props = new HashMap<>(inline(snowflake("password", SECRET)));
        props.put("connection.url", "jdbc:postgresql://db/x");

        Map<String, List<String>> problems = JdbcDataSourceConfig.problems(props);

        assertThat(problems).containsKeys("connection.url", "datasource.type");
        assertThat(problems.get("connection.url").get(0)).startsWith("Cannot use both connection.url and a data source");
        assertThatThrownBy(() -> new JdbcSourceConfig(base(props))).isInstanceOf(ConfigException.class)
            .hasMessageStartingWith("Cannot use both");
    }

    @Test
    void neitherUrlNorDataSourceSaysWhatToSet() {
        assertThatThrownBy(() -> new JdbcSourceConfig(base(Map.of()))).isInstanceOf(ConfigException.class)
            .hasMessageContaining("set connection.url").hasMessageContaining("datasource=${datasource:<name>}");
    }

    @Test
    void dataSourceProblemsAreReportedOnTheirKeysWithoutSecrets() throws Exception {
        Map<String, String> broken = snowflake("private.key", SECRET);
        broken.remove("warehouse");
        broken.put("password", SECRET);
        Map<String, List<String>> problems = JdbcDataSourceConfig.problems(inline(broken));

        assertThat(problems).containsKey("datasource.warehouse");
        assertThat(problems.toString()).doesNotContain(SECRET);

        Map<String, String> wrongPassphrase = snowflake("private.key", encryptedPemWithoutKnownPassphrase());
        wrongPassphrase.put("private.key.passphrase", SECRET);
        Map<String, List<String>> keyProblems = JdbcDataSourceConfig.problems(inline(wrongPassphrase));
        assertThat(keyProblems).containsOnlyKeys("datasource.private.key");
        assertThat(keyProblems.get("datasource.private.key").get(0))
            .startsWith("Cannot read the private key of data source 'wh' (private.key)").doesNotContain(SECRET);
    }

    @Test
    void connectionUserWithADataSourceIsRefused() {
        Map<String, String> props = new HashMap<>(inline(snowflake("password", SECRET)));
        props.put("connection.user", "someone");

        assertThat(JdbcDataSourceConfig.problems(props)).containsKey("connection.user");
    }

    @Test
    void nonJdbcDataSourceIsRefusedNamingItsType() {
        Map<String, List<String>> problems = JdbcDataSourceConfig.problems(reference(
            new HashMap<>(Map.of("type", "local", "name", "files", "path", "/tmp"))));

        assertThat(problems.get("datasource")).singleElement().asString()
            .contains("'files'").contains("type local").contains("jdbc, snowflake or redshift");
    }

    @Test
    void validateReportsReferencedDataSourceProblemsOnTheDatasourceKey() {
        Map<String, String> props = base(reference(new HashMap<>(Map.of("type", "local", "name", "files",
            "path", "/tmp"))));

        Config result = new JdbcSourceConnector().validate(props);

        ConfigValue datasource = result.configValues().stream().filter(v -> v.name().equals("datasource"))
            .findFirst().orElseThrow();
        assertThat(datasource.errorMessages()).singleElement().asString().contains("type local");
        assertThat(datasource.value().toString()).doesNotContain("/tmp");
    }

    private static JdbcConnectionSettings settings(JdbcSourceConfig config) {
        try (JdbcCredentials credentials = JdbcCredentials.forDataSource(config.dataSource().orElseThrow())) {
            JdbcConnectionSettings settings = credentials.settings();
            assertThat(credentials.toString() + settings).doesNotContain(SECRET);
            return settings;
        }
    }

    private static JdbcSourceConfig config(Map<String, String> connection) {
        return new JdbcSourceConfig(base(connection));
    }

    private static Map<String, String> base(Map<String, String> connection) {
        Map<String, String> props = new HashMap<>(connection);
        props.put("topic", "orders");
        props.put("table.name", "ORDERS");
        return props;
    }

    /** The definition as inline {@code datasource.*} keys. */
    static Map<String, String> inline(Map<String, String> definition) {
        Map<String, String> props = new HashMap<>();
        definition.forEach((key, value) -> props.put("datasource." + key, value));
        return props;
    }

    /** What the workers' data-source provider puts in place of ${datasource:name}. */
    static Map<String, String> reference(Map<String, String> definition) {
        return Map.of("datasource", DataSourceReference.encode(definition));
    }

    private static Map<String, String> snowflake(String authKey, String authValue) {
        Map<String, String> definition = new HashMap<>(Map.of("type", "snowflake", "name", "wh",
            "url", "https://xy12345.snowflakecomputing.com", "user", "ETL", "database", "SALES", "schema", "PUBLIC",
            "warehouse", "WH", "role", "LOADER"));
        definition.put(authKey, authValue);
        return definition;
    }

    private static Map<String, String> redshift() {
        return new HashMap<>(Map.of("type", "redshift", "name", "rs", "cluster.identifier", "analytics",
            "database.endpoint", "abc123.eu-west-1.redshift.amazonaws.com", "database.name", "dev"));
    }

    private static String pem() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    }

    /** A throwaway key written by openssl pkcs8 -topk8 -v2 aes256 with the passphrase "not-the-one". */
    private static String encryptedPemWithoutKnownPassphrase() throws Exception {
        try (var in = JdbcDataSourceConfigTest.class.getResourceAsStream("/keys/openssl-aes256.p8")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        }
    }
}
