package io.fsconnect.source.jdbc;

import static io.fsconnect.source.jdbc.JdbcDataSourceConfigTest.inline;
import static io.fsconnect.source.jdbc.JdbcDataSourceConfigTest.reference;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate()} of a warehouse data source that cannot sign in answers with an error on the
 * {@code datasource} key that says why, instead of failing the REST call, and the error never shows a
 * secret. No AWS credentials are reachable here: the SDK's instance metadata and profile files are
 * switched off for the test, and the warehouses' hosts are not reached.
 */
class ValidateSignInFailureTest {

    private static final String SECRET = "planted-secret-value";
    private static final List<String> AWS_PROPERTIES =
        List.of("aws.disableEc2Metadata", "aws.sharedCredentialsFile", "aws.configFile");

    private final Map<String, String> savedProperties = new HashMap<>();

    @BeforeEach
    void noAwsCredentialsReachable(@TempDir Path dir) {
        AWS_PROPERTIES.forEach(name -> savedProperties.put(name, System.getProperty(name)));
        System.setProperty("aws.disableEc2Metadata", "true");
        System.setProperty("aws.sharedCredentialsFile", dir.resolve("no-credentials").toString());
        System.setProperty("aws.configFile", dir.resolve("no-config").toString());
    }

    @AfterEach
    void restoreAwsProperties() {
        savedProperties.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    @Test
    void redshiftIamWithoutAwsCredentialsIsAnErrorOnTheDatasourceKey() {
        Map<String, String> redshift = redshift();
        redshift.put("iam.role", "arn:aws:iam::123456789012:role/loader");

        ConfigValue datasource = datasourceAfterValidate(reference(redshift));

        assertThat(datasource.errorMessages()).singleElement().asString()
            .startsWith("Cannot connect to jdbc:redshift://analytics.abc123.eu-west-1.redshift.amazonaws.com:5439/dev: "
                + "Cannot get temporary database credentials for Redshift cluster analytics")
            .contains("redshift:GetClusterCredentials");
    }

    @Test
    void redshiftIamWhoseSourceKeysCannotAssumeTheRoleIsAnErrorWithoutTheSecretKey() {
        Map<String, String> redshift = redshift();
        redshift.put("iam.role", "arn:aws:iam::123456789012:role/loader");
        redshift.put("iam.source.access.key.id", "AKIAEXAMPLE");
        redshift.put("iam.source.secret.access.key", SECRET);

        ConfigValue datasource = datasourceAfterValidate(inline(redshift));

        assertThat(datasource.errorMessages()).singleElement().asString()
            .startsWith("Cannot connect to jdbc:redshift://analytics.abc123.eu-west-1.redshift.amazonaws.com:5439/dev: "
                + "Cannot get temporary database credentials for Redshift cluster analytics")
            .doesNotContain(SECRET);
    }

    @Test
    void snowflakeThatCannotSignInIsAnErrorOnTheDatasourceKeyWithoutThePassword() {
        Map<String, String> snowflake = new HashMap<>(Map.of("type", "snowflake", "name", "wh",
            "url", "fsconnect-no-such-account.snowflakecomputing.com", "user", "ETL", "database", "SALES",
            "schema", "PUBLIC", "warehouse", "WH", "password", SECRET));
        // Fail fast wherever the account host leads: no such host here, a refused sign-in where it resolves.
        snowflake.put("options.loginTimeout", "5");
        snowflake.put("options.maxHttpRetries", "1");

        ConfigValue datasource = datasourceAfterValidate(reference(snowflake));

        assertThat(datasource.errorMessages()).singleElement().asString()
            .startsWith("Cannot connect to jdbc:snowflake://fsconnect-no-such-account.snowflakecomputing.com/")
            .doesNotContain(SECRET);
    }

    private static ConfigValue datasourceAfterValidate(Map<String, String> connection) {
        Map<String, String> props = new HashMap<>(connection);
        props.put("topic", "orders");
        props.put("table.name", "public.orders");
        props.put("mode", "bulk");

        Config result = new JdbcSourceConnector().validate(props);

        List<ConfigValue> failed = result.configValues().stream().filter(v -> !v.errorMessages().isEmpty()).toList();
        assertThat(failed).extracting(ConfigValue::name).singleElement().asString().startsWith("datasource");
        assertThat(result.configValues().toString()).doesNotContain(SECRET);
        return failed.get(0);
    }

    private static Map<String, String> redshift() {
        return new HashMap<>(Map.of("type", "redshift", "name", "rs", "cluster.identifier", "analytics",
            "database.endpoint", "abc123.eu-west-1.redshift.amazonaws.com", "database.name", "dev",
            "database.user", "loader"));
    }
}
