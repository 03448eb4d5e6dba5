package io.fsconnect.auth.config;

import io.fsconnect.auth.AwsAuth;
import io.fsconnect.auth.S3DataSource;
import io.fsconnect.auth.S3Encryption;
import io.fsconnect.auth.Secret;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static io.fsconnect.auth.config.Definitions.SECRET;
import static io.fsconnect.auth.config.Definitions.SECRET_2;
import static io.fsconnect.auth.config.Definitions.def;
import static io.fsconnect.auth.config.Definitions.errors;
import static io.fsconnect.auth.config.Definitions.valid;
import static io.fsconnect.auth.config.Definitions.with;
import static org.assertj.core.api.Assertions.assertThat;

class S3DataSourceTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/feature-store/reader";
    private static final Map<String, String> BASE = def("type", "s3", "name", "training", "bucket", "ml-data");

    @Test
    void withNoCredentialsUsesTheInstanceRole() {
        S3DataSource s3 = (S3DataSource) valid(with(BASE, "path", "/fg/", "region", "eu-west-1",
                "options.fs.s3a.connection.maximum", "50"));
        assertThat(s3.auth()).isEqualTo(new AwsAuth.InstanceRole());
        assertThat(s3.bucket()).isEqualTo("ml-data");
        assertThat(s3.path()).contains("fg/");
        assertThat(s3.region()).contains("eu-west-1");
        assertThat(s3.options().get("fs.s3a.connection.maximum")).contains("50");
    }

    @Test
    void accessKeysWithOptionalSessionToken() {
        S3DataSource s3 = (S3DataSource) valid(with(BASE, "access.key.id", "AKIAEXAMPLE", "secret.access.key", SECRET,
                "session.token", SECRET_2));
        assertThat(s3.auth()).isEqualTo(new AwsAuth.AccessKeys("AKIAEXAMPLE", Secret.of(SECRET),
                Optional.of(Secret.of(SECRET_2))));
    }

    @Test
    void assumedRoleDefaultsToOneHourSessions() {
        S3DataSource s3 = (S3DataSource) valid(with(BASE, "iam.role", ROLE, "iam.external.id", "ext-1",
                "iam.session.name", "connect"));
        AwsAuth.AssumeRole role = (AwsAuth.AssumeRole) s3.auth();
        assertThat(role.roleArn()).isEqualTo(ROLE);
        assertThat(role.externalId()).contains("ext-1");
        assertThat(role.sessionName()).contains("connect");
        assertThat(role.sessionDuration()).isEqualTo(Duration.ofHours(1));
        assertThat(role.source()).isEmpty();
        assertThat(role.chained()).isFalse();
    }

    @Test
    void assumedRoleFromSourceKeysMayLastTwelveHours() {
        S3DataSource s3 = (S3DataSource) valid(with(BASE, "iam.role", ROLE, "iam.session.duration.seconds", "43200",
                "iam.source.access.key.id", "AKIAEXAMPLE", "iam.source.secret.access.key", SECRET));
        AwsAuth.AssumeRole role = (AwsAuth.AssumeRole) s3.auth();
        assertThat(role.sessionDuration()).isEqualTo(Duration.ofHours(12));
        assertThat(role.source()).contains(new AwsAuth.AccessKeys("AKIAEXAMPLE", Secret.of(SECRET), Optional.empty()));
    }

    @Test
    void chainedRoleAssumesTheSourceRoleFirst() {
        String first = "arn:aws:iam::210987654321:role/hop";
        S3DataSource s3 = (S3DataSource) valid(with(BASE, "iam.role", ROLE, "iam.source.role", first,
                "iam.source.external.id", "ext-0", "iam.session.duration.seconds", "3600"));
        AwsAuth.AssumeRole role = (AwsAuth.AssumeRole) s3.auth();
        assertThat(role.chained()).isTrue();
        AwsAuth.AssumeRole source = (AwsAuth.AssumeRole) role.source().orElseThrow();
        assertThat(source.roleArn()).isEqualTo(first);
        assertThat(source.externalId()).contains("ext-0");
    }

    @Test
    void chainedRoleSessionsAreCappedAtOneHour() {
        assertThat(errors(with(BASE, "iam.role", ROLE, "iam.source.role", "arn:aws:iam::210987654321:role/hop",
                "iam.session.duration.seconds", "7200")))
                .containsOnlyKeys("iam.session.duration.seconds")
                .extractingByKey("iam.session.duration.seconds").asList().first().asString()
                .contains("chained role").contains("3600");
    }

    @Test
    void sessionDurationOutsideStsLimits() {
        assertThat(errors(with(BASE, "iam.role", ROLE, "iam.session.duration.seconds", "600")))
                .containsOnlyKeys("iam.session.duration.seconds");
        assertThat(errors(with(BASE, "iam.role", ROLE, "iam.session.duration.seconds", "43201")))
                .containsOnlyKeys("iam.session.duration.seconds");
    }

    @Test
    void keysAndRoleExcludeEachOther() {
        Map<String, java.util.List<String>> errors = errors(with(BASE, "access.key.id", "AKIAEXAMPLE",
                "secret.access.key", SECRET, "iam.role", ROLE));
        assertThat(errors).containsOnlyKeys("access.key.id", "secret.access.key", "iam.role");
        assertThat(errors.get("iam.role").get(0)).startsWith("Cannot combine").contains("access.key.id", "iam.role");
    }

    @Test
    void accessKeyIdWithoutSecretAndTheReverse() {
        assertThat(errors(with(BASE, "access.key.id", "AKIAEXAMPLE"))).containsOnlyKeys("secret.access.key");
        assertThat(errors(with(BASE, "secret.access.key", SECRET))).containsOnlyKeys("access.key.id");
    }

    @Test
    void malformedRoleArns() {
        for (String arn : new String[] {"arn:aws:iam::12345:role/x", "arn:aws:iam::123456789012:user/x",
            "arn:aws:s3:::bucket", "reader", "arn:aws:iam:::role/x"}) {
            assertThat(errors(with(BASE, "iam.role", arn))).as(arn).containsOnlyKeys("iam.role")
                    .extractingByKey("iam.role").asList().first().asString()
                    .contains("arn:aws:iam::<12-digit account id>:role/");
        }
    }

    @Test
    void compatibleStoresAcceptTenantRoleArns() {
        S3DataSource s3 = (S3DataSource) valid(with(BASE, "endpoint", "http://127.0.0.1:7480",
                "path.style.access", "true", "iam.role", "arn:aws:iam:::role/application/reader",
                "iam.source.access.key.id", "rgwuser", "iam.source.secret.access.key", SECRET));
        assertThat(s3.endpoint()).contains(URI.create("http://127.0.0.1:7480"));
        assertThat(s3.pathStyleAccess()).isTrue();
        assertThat(((AwsAuth.AssumeRole) s3.auth()).roleArn()).isEqualTo("arn:aws:iam:::role/application/reader");
    }

    @Test
    void roleKeysWithoutRole() {
        assertThat(errors(with(BASE, "iam.external.id", "ext-1", "iam.source.role", ROLE)))
                .containsOnlyKeys("iam.external.id", "iam.source.role");
    }

    @Test
    void encryptionModes() {
        assertThat(((S3DataSource) valid(with(BASE, "sse.algorithm", "AES256"))).encryption())
                .contains(new S3Encryption.S3Managed());
        assertThat(((S3DataSource) valid(with(BASE, "sse.algorithm", "SSE-KMS", "sse.kms.key.id", "alias/fs")))
                .encryption()).contains(new S3Encryption.Kms(Optional.of("alias/fs")));
        assertThat(((S3DataSource) valid(with(BASE, "sse.algorithm", "SSE-KMS"))).encryption())
                .contains(new S3Encryption.Kms(Optional.empty()));
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(((S3DataSource) valid(with(BASE, "sse.algorithm", "SSE-C", "sse.customer.key", key)))
                .encryption()).contains(new S3Encryption.CustomerKey(Secret.of(key)));
    }

    @Test
    void kmsKeyRequiresSseKms() {
        assertThat(errors(with(BASE, "sse.kms.key.id", "alias/fs"))).containsOnlyKeys("sse.kms.key.id")
                .extractingByKey("sse.kms.key.id").asList().first().asString().contains("sse.algorithm=SSE-KMS");
        assertThat(errors(with(BASE, "sse.algorithm", "AES256", "sse.kms.key.id", "alias/fs")))
                .containsOnlyKeys("sse.kms.key.id");
    }

    @Test
    void customerKeyMustBe256BitsAndNeedsSseC() {
        assertThat(errors(with(BASE, "sse.algorithm", "SSE-C"))).containsOnlyKeys("sse.customer.key");
        assertThat(errors(with(BASE, "sse.algorithm", "SSE-C", "sse.customer.key", SECRET)))
                .containsOnlyKeys("sse.customer.key");
        assertThat(errors(with(BASE, "sse.customer.key", SECRET))).containsOnlyKeys("sse.customer.key");
        assertThat(errors(with(BASE, "sse.algorithm", "DES"))).containsOnlyKeys("sse.algorithm");
    }

    @Test
    void bucketIsRequiredAndIsNotAUrl() {
        assertThat(errors(Definitions.without(BASE, "bucket"))).containsOnlyKeys("bucket")
                .extractingByKey("bucket").asList().first().asString().contains("bucket is required");
        assertThat(errors(with(BASE, "bucket", "s3://ml-data/fg"))).containsOnlyKeys("bucket");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, java.util.List<String>> errors = errors(def("type", "s3", "name", "bad name",
                "sse.kms.key.id", "k", "iam.role", "nope", "iam.session.duration.seconds", "10", "endpoint", "ftp:x",
                "bukket", "typo"));
        assertThat(errors).containsKeys("name", "bucket", "sse.kms.key.id", "iam.role",
                "iam.session.duration.seconds", "endpoint", "bukket");
        assertThat(errors.get("bukket").get(0)).contains("not a key of a s3 data source").contains("options.");
    }
}
