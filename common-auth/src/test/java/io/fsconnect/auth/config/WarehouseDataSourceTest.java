package io.fsconnect.auth.config;

import io.fsconnect.auth.AwsAuth;
import io.fsconnect.auth.BigQueryDataSource;
import io.fsconnect.auth.BigQueryTarget;
import io.fsconnect.auth.GoogleAuth;
import io.fsconnect.auth.KeyMaterial;
import io.fsconnect.auth.RedshiftAuth;
import io.fsconnect.auth.RedshiftDataSource;
import io.fsconnect.auth.Secret;
import io.fsconnect.auth.SnowflakeAuth;
import io.fsconnect.auth.SnowflakeDataSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.fsconnect.auth.config.Definitions.SECRET;
import static io.fsconnect.auth.config.Definitions.SECRET_2;
import static io.fsconnect.auth.config.Definitions.def;
import static io.fsconnect.auth.config.Definitions.errors;
import static io.fsconnect.auth.config.Definitions.valid;
import static io.fsconnect.auth.config.Definitions.with;
import static io.fsconnect.auth.config.Definitions.without;
import static org.assertj.core.api.Assertions.assertThat;

class WarehouseDataSourceTest {

    private static final Map<String, String> SNOWFLAKE = def("type", "snowflake", "name", "sf",
            "url", "https://acme-prod.snowflakecomputing.com", "user", "svc_connect", "database", "FS",
            "schema", "PUBLIC", "warehouse", "WH_XS");
    private static final String PKCS8 = "-----BEGIN PRIVATE KEY-----\n" + SECRET + "\n-----END PRIVATE KEY-----";
    private static final String ENCRYPTED = "-----BEGIN ENCRYPTED PRIVATE KEY-----\n" + SECRET
            + "\n-----END ENCRYPTED PRIVATE KEY-----";

    private static final Map<String, String> REDSHIFT = def("type", "redshift", "name", "rs",
            "cluster.identifier", "analytics", "database.endpoint", "abc123.eu-west-1.redshift.amazonaws.com",
            "database.name", "dev");
    private static final String ROLE = "arn:aws:iam::123456789012:role/redshift-reader";

    private static final Map<String, String> BIGQUERY = def("type", "bigquery", "name", "bq",
            "parent.project", "billing-1");

    @Test
    void snowflakeSignInModes() {
        SnowflakeDataSource keyPair = (SnowflakeDataSource) valid(with(SNOWFLAKE, "private.key", PKCS8, "role", "R"));
        assertThat(keyPair.url()).isEqualTo("acme-prod.snowflakecomputing.com");
        assertThat(keyPair.auth()).isEqualTo(new SnowflakeAuth.KeyPair(new KeyMaterial.Inline(Secret.of(PKCS8)),
                Optional.empty()));
        assertThat(((SnowflakeDataSource) valid(with(SNOWFLAKE, "private.key", ENCRYPTED,
                "private.key.passphrase", SECRET_2))).auth())
                .isEqualTo(new SnowflakeAuth.KeyPair(new KeyMaterial.Inline(Secret.of(ENCRYPTED)),
                        Optional.of(Secret.of(SECRET_2))));
        assertThat(((SnowflakeDataSource) valid(with(SNOWFLAKE, "private.key.file", "/etc/fs/sf.p8"))).auth())
                .isEqualTo(new SnowflakeAuth.KeyPair(new KeyMaterial.File(Path.of("/etc/fs/sf.p8")), Optional.empty()));
        assertThat(((SnowflakeDataSource) valid(with(SNOWFLAKE, "oauth.token", SECRET))).auth())
                .isEqualTo(new SnowflakeAuth.OAuthToken(Secret.of(SECRET)));
        assertThat(((SnowflakeDataSource) valid(with(SNOWFLAKE, "password", SECRET))).auth())
                .isEqualTo(new SnowflakeAuth.Password(Secret.of(SECRET)));
    }

    @Test
    void snowflakeNeedsExactlyOneSignInMode() {
        assertThat(errors(with(SNOWFLAKE, "password", SECRET, "oauth.token", SECRET_2)))
                .containsOnlyKeys("password", "oauth.token")
                .extractingByKey("password").asList().first().asString().startsWith("Cannot combine");
        assertThat(errors(SNOWFLAKE)).containsOnlyKeys("private.key", "oauth.token", "password");
    }

    @Test
    void snowflakePrivateKeyRules() {
        assertThat(errors(with(SNOWFLAKE, "private.key", ENCRYPTED))).containsOnlyKeys("private.key.passphrase");
        assertThat(errors(with(SNOWFLAKE, "private.key", PKCS8, "private.key.passphrase", SECRET_2)))
                .containsOnlyKeys("private.key.passphrase");
        assertThat(errors(with(SNOWFLAKE, "private.key", "-----BEGIN RSA PRIVATE KEY-----\n" + SECRET)))
                .containsOnlyKeys("private.key").extractingByKey("private.key").asList().first().asString()
                .contains("PKCS#8").contains("openssl pkcs8 -topk8");
        assertThat(errors(with(SNOWFLAKE, "private.key", PKCS8, "private.key.file", "/k.p8")))
                .containsOnlyKeys("private.key", "private.key.file");
        assertThat(errors(with(SNOWFLAKE, "private.key.passphrase", SECRET))).containsOnlyKeys("private.key");
    }

    @Test
    void snowflakeRequiredFields() {
        assertThat(errors(with(without(SNOWFLAKE, "user", "warehouse", "schema", "database", "url"),
                "password", SECRET))).containsOnlyKeys("user", "warehouse", "schema", "database", "url");
    }

    @Test
    void redshiftPassword() {
        RedshiftDataSource rs = (RedshiftDataSource) valid(with(REDSHIFT, "database.user", "etl",
                "database.password", SECRET, "options.ssl", "true"));
        assertThat(rs.auth()).isEqualTo(new RedshiftAuth.Password("etl", Secret.of(SECRET)));
        assertThat(rs.port()).isEqualTo(5439);
        assertThat(rs.driver()).isEqualTo("com.amazon.redshift.jdbc42.Driver");
        assertThat(rs.jdbcUrl()).isEqualTo("jdbc:redshift://analytics.abc123.eu-west-1.redshift.amazonaws.com:5439/dev");
    }

    @Test
    void redshiftIamRole() {
        RedshiftDataSource rs = (RedshiftDataSource) valid(with(REDSHIFT, "iam.role", ROLE, "auto.create", "true",
                "database.groups", "readers:analysts,etl", "database.credentials.duration.seconds", "3600"));
        RedshiftAuth.IamRole iam = (RedshiftAuth.IamRole) rs.auth();
        assertThat(iam.role().roleArn()).isEqualTo(ROLE);
        assertThat(iam.user()).isEmpty();
        assertThat(iam.autoCreate()).isTrue();
        assertThat(iam.databaseGroups()).containsExactly("readers", "analysts", "etl");
        assertThat(iam.credentialsDuration()).isEqualTo(Duration.ofHours(1));
        assertThat(((RedshiftAuth.IamRole) ((RedshiftDataSource) valid(with(REDSHIFT, "iam.role", ROLE,
                "database.user", "etl"))).auth()).role()).isInstanceOf(AwsAuth.AssumeRole.class);
    }

    @Test
    void redshiftRules() {
        assertThat(errors(with(REDSHIFT, "database.user", "etl", "database.password", SECRET, "iam.role", ROLE)))
                .containsOnlyKeys("database.password", "iam.role");
        assertThat(errors(with(REDSHIFT, "iam.role", ROLE))).containsOnlyKeys("database.user")
                .extractingByKey("database.user").asList().first().asString().contains("auto.create=true");
        assertThat(errors(with(REDSHIFT, "database.password", SECRET))).containsOnlyKeys("database.user");
        assertThat(errors(REDSHIFT)).containsOnlyKeys("database.password", "iam.role");
        assertThat(errors(with(REDSHIFT, "iam.role", ROLE, "database.user", "etl",
                "database.credentials.duration.seconds", "7200"))).containsOnlyKeys("database.credentials.duration.seconds");
        assertThat(errors(with(REDSHIFT, "database.user", "etl", "database.password", SECRET, "auto.create", "true")))
                .containsOnlyKeys("auto.create");
        assertThat(errors(with(REDSHIFT, "iam.role", "arn:aws:iam::1:role/x", "auto.create", "true")))
                .containsOnlyKeys("iam.role");
    }

    @Test
    void bigQueryTableAndQueryModes() {
        BigQueryDataSource table = (BigQueryDataSource) valid(with(BIGQUERY, "query.project", "data-1",
                "dataset", "sales", "table", "orders", "key.path", "/etc/fs/bq.json"));
        assertThat(table.target()).isEqualTo(new BigQueryTarget.Table("data-1", "sales", "orders"));
        assertThat(table.auth()).isEqualTo(new GoogleAuth.ServiceAccountKey(new KeyMaterial.File(
                Path.of("/etc/fs/bq.json"))));
        String json = "{\"type\":\"service_account\",\"private_key\":\"" + SECRET + "\"}";
        BigQueryDataSource query = (BigQueryDataSource) valid(with(BIGQUERY, "materialization.dataset", "tmp",
                "key.json", json));
        assertThat(query.target()).isEqualTo(new BigQueryTarget.Query("tmp"));
        assertThat(query.auth()).isEqualTo(new GoogleAuth.ServiceAccountKey(new KeyMaterial.Inline(Secret.of(json))));
        assertThat(((BigQueryDataSource) valid(with(BIGQUERY, "materialization.dataset", "tmp"))).auth())
                .isEqualTo(new GoogleAuth.ApplicationDefault());
    }

    @Test
    void bigQueryTableFieldsVersusMaterializationDataset() {
        assertThat(errors(with(BIGQUERY, "dataset", "sales"))).containsOnlyKeys("query.project", "table");
        assertThat(errors(with(BIGQUERY, "query.project", "p", "dataset", "d", "table", "t",
                "materialization.dataset", "tmp"))).containsOnlyKeys("query.project", "dataset", "table",
                "materialization.dataset");
        assertThat(errors(BIGQUERY)).containsOnlyKeys("materialization.dataset");
        assertThat(errors(with(BIGQUERY, "materialization.dataset", "tmp", "key.path", "/k.json",
                "key.json", "{" + SECRET + "}"))).containsOnlyKeys("key.path", "key.json");
        assertThat(errors(with(BIGQUERY, "materialization.dataset", "tmp", "key.json", SECRET)))
                .containsOnlyKeys("key.json");
        assertThat(errors(with(without(BIGQUERY, "parent.project"), "materialization.dataset", "tmp")))
                .containsOnlyKeys("parent.project");
    }

    @Test
    void messagesNameEveryProblemKey() {
        List<String> messages = errors(with(REDSHIFT, "database.port", "99999", "database.password", SECRET,
                "iam.role", ROLE)).values().stream().flatMap(List::stream).toList();
        assertThat(messages).anyMatch(m -> m.contains("database.port")).anyMatch(m -> m.contains("iam.role"));
    }
}
