package io.fsconnect.auth.aws;

import io.fsconnect.auth.AwsAuth;
import io.fsconnect.auth.Options;
import io.fsconnect.auth.S3DataSource;
import io.fsconnect.auth.Secret;
import io.fsconnect.auth.check.ConnectionCheck;
import io.fsconnect.auth.check.Problem;
import io.fsconnect.testkit.CephRgwServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The S3 connection check against Ceph RGW, which checks signatures, session tokens and role trust policies. */
class S3BucketCheckIT {

    private static final String ALL_OF_S3 = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"s3:*\"],\"Resource\":[\"arn:aws:s3:::*\"]}]}";
    private static final String KEYS_BUCKET = "checked-by-keys";
    private static final String ROLE_BUCKET = "checked-by-role";

    private static CephRgwServer server;
    private static AwsAuth.AccessKeys aliceKeys;
    private static String readerRole;
    private static String bobsRole;

    @BeforeAll
    static void start() {
        server = CephRgwServer.start();
        CephRgwServer.User alice = server.createUser("alice");
        server.createUser("bob");
        aliceKeys = new AwsAuth.AccessKeys(alice.accessKeyId(), Secret.of(alice.secretAccessKey()), Optional.empty());
        readerRole = server.createRole("reader", trust(server.userArn("alice")), ALL_OF_S3);
        bobsRole = server.createRole("bobs", trust(server.userArn("bob")), ALL_OF_S3);
        try (S3Client s3 = s3(aliceKeys)) {
            s3.createBucket(b -> b.bucket(KEYS_BUCKET));
        }
        try (AwsCredentials role = AwsCredentials.forDataSource(bucket(ROLE_BUCKET, reader()));
             S3Client s3 = s3(role)) {
            s3.createBucket(b -> b.bucket(ROLE_BUCKET));
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void goodKeysAndAnExistingBucketPass() {
        assertThat(check(bucket(KEYS_BUCKET, aliceKeys))).isEmpty();
    }

    @Test
    void aWrongSecretIsReportedOnTheAccessKeysWithoutItsValue() {
        String wrong = "planted-wrong-secret-" + System.nanoTime();
        List<Problem> problems = check(bucket(KEYS_BUCKET,
                new AwsAuth.AccessKeys(aliceKeys.accessKeyId(), Secret.of(wrong), Optional.empty())));

        // RGW answers a plain AccessDenied where AWS would say SignatureDoesNotMatch (then on secret.access.key).
        assertThat(problems).as("%s", problems).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("access.key.id");
            assertThat(problem.message()).startsWith("Cannot access bucket " + KEYS_BUCKET + " at "
                    + server.endpoint() + " with access key " + aliceKeys.accessKeyId() + ": access denied (403")
                    .contains("Check access.key.id and secret.access.key")
                    .doesNotContain(wrong, aliceKeys.secretAccessKey().reveal());
        });
    }

    @Test
    void aMissingBucketIsReportedOnTheBucket() {
        List<Problem> problems = check(bucket("no-such-bucket", aliceKeys));

        assertThat(problems).as("%s", problems).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("bucket");
            assertThat(problem.message()).startsWith("Cannot find bucket no-such-bucket at " + server.endpoint())
                    .contains("does not exist");
        });
    }

    @Test
    void anAssumedRoleThatMayReadTheBucketPasses() {
        assertThat(check(bucket(ROLE_BUCKET, reader()))).isEmpty();
    }

    @Test
    void aRoleWhoseTrustPolicyRefusesTheSourceIsReportedOnTheRole() {
        List<Problem> problems = check(bucket(ROLE_BUCKET, new AwsAuth.AssumeRole(bobsRole, Optional.empty(),
                Optional.empty(), AwsAuth.DEFAULT_SESSION, Optional.of(aliceKeys))));

        assertThat(problems).as("%s", problems).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("iam.role");
            assertThat(problem.message()).startsWith("Cannot assume role " + bobsRole)
                    .contains("STS refused (403", "access key " + aliceKeys.accessKeyId())
                    .doesNotContain(aliceKeys.secretAccessKey().reveal());
        });
    }

    @Test
    void anUnreachableEndpointIsReportedOnTheEndpoint() {
        S3DataSource nowhere = new S3DataSource("nowhere", Optional.empty(), KEYS_BUCKET, Optional.empty(),
                Optional.of(server.region()), Optional.of(java.net.URI.create("http://127.0.0.1:1")), true,
                Optional.empty(), aliceKeys, Options.none());

        assertThat(check(nowhere)).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("endpoint");
            assertThat(problem.message()).startsWith("Cannot reach bucket " + KEYS_BUCKET + " at http://127.0.0.1:1")
                    .doesNotContain(aliceKeys.secretAccessKey().reveal());
        });
    }

    private static List<Problem> check(S3DataSource source) {
        return ConnectionCheck.defaults().check(source);
    }

    private static AwsAuth.AssumeRole reader() {
        return new AwsAuth.AssumeRole(readerRole, Optional.empty(), Optional.empty(), AwsAuth.DEFAULT_SESSION,
                Optional.of(aliceKeys));
    }

    private static S3DataSource bucket(String bucket, AwsAuth auth) {
        return new S3DataSource("checked", Optional.empty(), bucket, Optional.empty(), Optional.of(server.region()),
                Optional.of(server.endpoint()), true, Optional.empty(), auth, Options.none());
    }

    private static String trust(String principalArn) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\""
                + principalArn + "\"]},\"Action\":[\"sts:AssumeRole\"]}]}";
    }

    private static S3Client s3(AwsAuth.AccessKeys keys) {
        return s3Builder().credentialsProvider(StaticCredentialsProvider.create(
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(keys.accessKeyId(),
                        keys.secretAccessKey().reveal()))).build();
    }

    private static S3Client s3(AwsCredentials credentials) {
        return s3Builder().credentialsProvider(credentials.provider()).build();
    }

    private static software.amazon.awssdk.services.s3.S3ClientBuilder s3Builder() {
        return S3Client.builder()
                .endpointOverride(server.endpoint())
                .region(Region.of(server.region()))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(Apache5HttpClient.builder());
    }
}
