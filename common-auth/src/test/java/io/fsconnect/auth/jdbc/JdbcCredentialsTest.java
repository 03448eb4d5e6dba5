package io.fsconnect.auth.jdbc;

import io.fsconnect.auth.DataSource;
import io.fsconnect.auth.config.DataSourceParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcCredentialsTest {

    private static final String PASSWORD = "planted-Pa55word";
    private static final String TOKEN = "planted-oauth-token";
    private static final String PASSPHRASE = "planted-passphrase";

    @Test
    void genericJdbcSourceGivesItsUrlUserPasswordAndOptions() {
        JdbcConnectionSettings settings = settings(Map.of("type", "jdbc", "name", "orders",
                "connection.url", "jdbc:postgresql://db:5432/orders", "connection.user", "etl",
                "connection.password", PASSWORD, "options.ssl", "true"));

        assertThat(settings.url()).isEqualTo("jdbc:postgresql://db:5432/orders");
        assertThat(settings.properties()).containsEntry("user", "etl").containsEntry("password", PASSWORD)
                .containsEntry("ssl", "true");
        assertThat(settings.toString()).doesNotContain(PASSWORD).contains("password");
    }

    @Test
    void snowflakeUrlCarriesWhereToWorkAndPasswordGoesToProperties() {
        Map<String, String> config = snowflake();
        config.put("role", "ANALYST");
        config.put("application", "fsconnect");
        config.put("password", PASSWORD);

        JdbcConnectionSettings settings = settings(config);

        assertThat(settings.url()).isEqualTo("jdbc:snowflake://xy12345.eu-west-1.snowflakecomputing.com/"
                + "?db=SALES&schema=PUBLIC&warehouse=COMPUTE_WH&role=ANALYST&application=fsconnect");
        assertThat(settings.properties()).containsOnlyKeys("user", "password")
                .containsEntry("user", "LOADER").containsEntry("password", PASSWORD);
        assertThat(settings.url() + settings).doesNotContain(PASSWORD);
    }

    @Test
    void snowflakeAccountWithoutDomainOrWithHttpsIsCompleted() {
        Map<String, String> config = snowflake();
        config.put("url", "https://myorg-myaccount");
        config.put("schema", "MY SCHEMA");
        config.put("password", PASSWORD);

        assertThat(settings(config).url()).isEqualTo("jdbc:snowflake://myorg-myaccount.snowflakecomputing.com/"
                + "?db=SALES&schema=MY+SCHEMA&warehouse=COMPUTE_WH");
    }

    @Test
    void snowflakeOAuthTokenSetsTheOAuthAuthenticator() {
        Map<String, String> config = snowflake();
        config.put("oauth.token", TOKEN);

        JdbcConnectionSettings settings = settings(config);

        assertThat(settings.properties()).containsOnlyKeys("user", "authenticator", "token")
                .containsEntry("authenticator", "oauth").containsEntry("token", TOKEN);
        assertThat(settings.url() + settings).doesNotContain(TOKEN);
    }

    @Test
    void snowflakeUnencryptedPrivateKeyIsHandedOverAsAPrivateKeyObject() throws Exception {
        KeyPair keys = TestKeys.rsa();
        Map<String, String> config = snowflake();
        config.put("private.key", TestKeys.pem(keys));

        Properties properties = settings(config).properties();

        assertThat(properties).containsOnlyKeys("user", "privateKey");
        assertThat(properties.get("privateKey")).isInstanceOf(PrivateKey.class);
        assertThat(((PrivateKey) properties.get("privateKey")).getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
    }

    @Test
    void snowflakePrivateKeyWithoutPemLinesIsAccepted() throws Exception {
        KeyPair keys = TestKeys.rsa();
        String bare = TestKeys.pem(keys).replaceAll("-----[A-Z ]+-----", "").replace("\n", "");
        Map<String, String> config = snowflake();
        config.put("private.key", bare);

        PrivateKey key = (PrivateKey) settings(config).properties().get("privateKey");

        assertThat(key.getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
    }

    @Test
    void snowflakeEncryptedPrivateKeyIsDecryptedWithItsPassphrase() throws Exception {
        KeyPair keys = TestKeys.rsa();
        Map<String, String> config = snowflake();
        config.put("private.key", TestKeys.encryptedPem(keys, PASSPHRASE));
        config.put("private.key.passphrase", PASSPHRASE);

        JdbcConnectionSettings settings = settings(config);

        assertThat(((PrivateKey) settings.properties().get("privateKey")).getEncoded())
                .isEqualTo(keys.getPrivate().getEncoded());
        assertThat(settings.properties()).doesNotContainKey("private_key_pwd").doesNotContainValue(PASSPHRASE);
        assertThat(settings.toString()).doesNotContain(PASSPHRASE);
    }

    @Test
    void snowflakeEncryptedPrivateKeyFileIsReadAndDecrypted(@TempDir Path dir) throws Exception {
        KeyPair keys = TestKeys.rsa();
        Path file = dir.resolve("rsa_key.p8");
        Files.writeString(file, TestKeys.encryptedPem(keys, PASSPHRASE));
        Map<String, String> config = snowflake();
        config.put("private.key.file", file.toString());
        config.put("private.key.passphrase", PASSPHRASE);

        PrivateKey key = (PrivateKey) settings(config).properties().get("privateKey");

        assertThat(key.getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
    }

    @Test
    void keyEncryptedByOpensslIsDecrypted() throws Exception {
        String pem;
        try (var in = JdbcCredentialsTest.class.getResourceAsStream("/jdbc/openssl-aes256.p8")) {
            pem = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        }
        Map<String, String> config = snowflake();
        config.put("private.key", pem);
        // A throwaway test key: openssl genrsa 2048 | openssl pkcs8 -topk8 -v2 aes256 -passout pass:not-the-one
        config.put("private.key.passphrase", "not-the-one");

        PrivateKey key = (PrivateKey) settings(config).properties().get("privateKey");

        assertThat(key.getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void wrongPassphraseNamesTheKeyButNeverThePassphrase() throws Exception {
        Map<String, String> config = snowflake();
        config.put("private.key", TestKeys.encryptedPem(TestKeys.rsa(), PASSPHRASE));
        config.put("private.key.passphrase", "planted-wrong-passphrase");
        DataSource source = DataSourceParser.validateDefinition(config).orElseThrow();

        assertThatThrownBy(() -> JdbcCredentials.forDataSource(source))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Cannot read the private key of data source 'wh' (private.key)")
                .hasMessageContaining("passphrase")
                .hasMessageNotContaining("planted-wrong-passphrase")
                .hasMessageNotContaining(PASSPHRASE);
    }

    @Test
    void missingKeyFileNamesTheFileAndWhatToDo(@TempDir Path dir) {
        Map<String, String> config = snowflake();
        config.put("private.key.file", dir.resolve("absent.p8").toString());
        DataSource source = DataSourceParser.validateDefinition(config).orElseThrow();

        assertThatThrownBy(() -> JdbcCredentials.forDataSource(source))
                .hasMessageContaining("private.key.file")
                .hasMessageContaining("absent.p8")
                .hasMessageContaining("every worker");
    }

    @Test
    void garbageKeySaysItIsNotAPkcs8Key() {
        Map<String, String> config = snowflake();
        config.put("private.key", "-----BEGIN PRIVATE KEY-----\nAAAAplanted\n-----END PRIVATE KEY-----");
        DataSource source = DataSourceParser.validateDefinition(config).orElseThrow();

        assertThatThrownBy(() -> JdbcCredentials.forDataSource(source))
                .hasMessageStartingWith("Cannot read the private key of data source 'wh' (private.key)")
                .hasMessageContaining("PKCS#8")
                .hasMessageNotContaining("planted");
    }

    @Test
    void redshiftPasswordGivesTheClusterUrl() {
        JdbcConnectionSettings settings = settings(Map.of("type", "redshift", "name", "rs",
                "cluster.identifier", "analytics", "database.endpoint", "abc123.eu-west-1.redshift.amazonaws.com",
                "database.name", "dev", "database.user", "loader", "database.password", PASSWORD,
                "options.ssl", "true"));

        assertThat(settings.url()).isEqualTo("jdbc:redshift://analytics.abc123.eu-west-1.redshift.amazonaws.com:5439/dev");
        assertThat(settings.properties()).containsEntry("user", "loader").containsEntry("password", PASSWORD)
                .containsEntry("ssl", "true");
        assertThat(settings.toString()).doesNotContain(PASSWORD);
    }

    @Test
    void otherKindsOfDataSourceAreRefusedClearly() {
        DataSource bucket = DataSourceParser.validateDefinition(Map.of("type", "local", "name", "files",
                "path", "/tmp")).orElseThrow();

        assertThatThrownBy(() -> JdbcCredentials.forDataSource(bucket))
                .hasMessage("Cannot connect to data source 'files' with JDBC: it is of type local; use a jdbc, "
                        + "snowflake or redshift data source");
    }

    private static Map<String, String> snowflake() {
        Map<String, String> config = new HashMap<>();
        config.put("type", "snowflake");
        config.put("name", "wh");
        config.put("url", "xy12345.eu-west-1.snowflakecomputing.com");
        config.put("user", "LOADER");
        config.put("database", "SALES");
        config.put("schema", "PUBLIC");
        config.put("warehouse", "COMPUTE_WH");
        return config;
    }

    private static JdbcConnectionSettings settings(Map<String, String> config) {
        try (JdbcCredentials credentials = JdbcCredentials.forDataSource(
                DataSourceParser.validateDefinition(config).orElseThrow())) {
            JdbcConnectionSettings settings = credentials.settings();
            assertThat(credentials.toString()).doesNotContain(PASSWORD, TOKEN, PASSPHRASE);
            return settings;
        }
    }
}
