package io.fsconnect.auth.aws;

import io.fsconnect.auth.AwsAuth;
import io.fsconnect.auth.Secret;
import io.fsconnect.testkit.Await;
import io.fsconnect.testkit.CephRgwServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AWS credentials against a real STS and S3 implementation: Ceph RGW, which checks signatures and session tokens. */
class AwsCredentialsIT {

    private static final String ALL_OF_S3 = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"s3:*\"],\"Resource\":[\"arn:aws:s3:::*\"]}]}";
    private static final String BUCKET = "features";

    private static CephRgwServer server;
    private static AwsAuth.AccessKeys aliceKeys;
    private static String writerRole;
    private static String chainedRole;

    @BeforeAll
    static void start() {
        server = CephRgwServer.start();
        CephRgwServer.User alice = server.createUser("alice");
        aliceKeys = new AwsAuth.AccessKeys(alice.accessKeyId(), Secret.of(alice.secretAccessKey()), Optional.empty());
        writerRole = server.createRole("writer", trust(server.userArn("alice")), ALL_OF_S3);
        chainedRole = server.createRole("chained", trust(writerRole), ALL_OF_S3);
        try (AwsCredentials credentials = AwsCredentials.forAuth(writer(AwsAuth.DEFAULT_SESSION), stsAtRgw());
             S3Client s3 = s3(credentials)) {
            s3.createBucket(b -> b.bucket(BUCKET));
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void assumedRoleCredentialsWriteAndReadABucket() {
        try (AwsCredentials credentials = AwsCredentials.forAuth(writer(AwsAuth.DEFAULT_SESSION),
                Optional.of(server.region()), Optional.of(server.endpoint()));
             S3Client s3 = s3(credentials)) {
            s3.putObject(b -> b.bucket(BUCKET).key("assumed/one.txt"), RequestBody.fromString("written by a role"));

            assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("assumed/one.txt")).asUtf8String())
                    .isEqualTo("written by a role");
            AwsSessionCredentials session = (AwsSessionCredentials) credentials.provider().resolveCredentials();
            assertThat(session.accessKeyId()).isNotEqualTo(aliceKeys.accessKeyId());
            assertThat(session.expirationTime()).isPresent();
        }
    }

    @Test
    void theWorkersOwnIdentityFromTheDefaultChainAssumesARole() {
        // The SDK's default chain reads Java system properties first; the environment, web identity and instance
        // roles come later in the same chain.
        String savedId = System.getProperty("aws.accessKeyId");
        String savedSecret = System.getProperty("aws.secretAccessKey");
        System.setProperty("aws.accessKeyId", aliceKeys.accessKeyId());
        System.setProperty("aws.secretAccessKey", aliceKeys.secretAccessKey().reveal());
        try (AwsCredentials own = AwsCredentials.forAuth(new AwsAuth.InstanceRole(), stsAtRgw());
             AwsCredentials role = AwsCredentials.forAuth(new AwsAuth.AssumeRole(writerRole, Optional.empty(),
                     Optional.empty(), AwsAuth.DEFAULT_SESSION, Optional.empty()), stsAtRgw());
             S3Client s3 = s3(role)) {
            assertThat(own.provider().resolveCredentials().accessKeyId()).isEqualTo(aliceKeys.accessKeyId());
            s3.putObject(b -> b.bucket(BUCKET).key("default-chain/one.txt"), RequestBody.fromString("own identity"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("default-chain/one.txt")).asUtf8String())
                    .isEqualTo("own identity");
            assertThat(role.provider().resolveCredentials().accessKeyId()).isNotEqualTo(aliceKeys.accessKeyId());
        } finally {
            restore("aws.accessKeyId", savedId);
            restore("aws.secretAccessKey", savedSecret);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    @Test
    void closingAClientLeavesItsCredentialsToTheirOwner() {
        try (AwsCredentials credentials = AwsCredentials.forAuth(writer(AwsAuth.DEFAULT_SESSION), stsAtRgw())) {
            try (S3Client first = s3(credentials)) {
                first.putObject(b -> b.bucket(BUCKET).key("owner/one.txt"), RequestBody.fromString("first"));
            }
            try (S3Client second = s3(credentials)) {
                assertThat(second.getObjectAsBytes(b -> b.bucket(BUCKET).key("owner/one.txt")).asUtf8String())
                        .isEqualTo("first");
            }
        }
    }

    @Test
    void forgedSessionTokensAreRejected() {
        AwsAuth.AssumeRole otherSession = new AwsAuth.AssumeRole(writerRole, Optional.empty(), Optional.of("other"),
                AwsAuth.DEFAULT_SESSION, Optional.of(aliceKeys));
        try (AwsCredentials credentials = AwsCredentials.forAuth(writer(AwsAuth.DEFAULT_SESSION), stsAtRgw());
             AwsCredentials other = AwsCredentials.forAuth(otherSession, stsAtRgw())) {
            AwsSessionCredentials genuine = (AwsSessionCredentials) credentials.provider().resolveCredentials();
            try (S3Client s3 = s3(StaticCredentialsProvider.create(genuine))) {
                s3.putObject(b -> b.bucket(BUCKET).key("forged/control.txt"), RequestBody.fromString("genuine"));
            }

            // A real token of another session, presented with this session's keys: the gateway checks they belong
            // together.
            String foreignToken = ((AwsSessionCredentials) other.provider().resolveCredentials()).sessionToken();
            assertThat(foreignToken).isNotEqualTo(genuine.sessionToken());
            assertRejected(AwsSessionCredentials.create(genuine.accessKeyId(), genuine.secretAccessKey(),
                    foreignToken), 403);

            // A token altered in one character no longer decrypts: RGW answers 400 InvalidArgument.
            String token = genuine.sessionToken();
            int middle = token.length() / 2;
            String alteredToken = token.substring(0, middle) + (token.charAt(middle) == 'A' ? 'B' : 'A')
                    + token.substring(middle + 1);
            assertRejected(AwsSessionCredentials.create(genuine.accessKeyId(), genuine.secretAccessKey(),
                    alteredToken), 400);
        }
    }

    private static void assertRejected(AwsSessionCredentials forged, int status) {
        try (S3Client s3 = s3(StaticCredentialsProvider.create(forged))) {
            assertThatThrownBy(() -> s3.putObject(b -> b.bucket(BUCKET).key("forged/attempt.txt"),
                    RequestBody.fromString("forged")))
                    .isInstanceOf(S3Exception.class)
                    .satisfies(e -> assertThat(((S3Exception) e).statusCode())
                            .as(((S3Exception) e).awsErrorDetails().toString()).isEqualTo(status));
            assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("forged/control.txt")))
                    .isInstanceOf(S3Exception.class)
                    .satisfies(e -> assertThat(((S3Exception) e).statusCode())
                            .as(((S3Exception) e).awsErrorDetails().toString()).isEqualTo(status));
        }
    }

    @Test
    void aChainedRoleIsAssumedWithTheFirstRolesCredentialsAndLastsAtMostAnHour() {
        AwsAuth.AssumeRole chained = new AwsAuth.AssumeRole(chainedRole, Optional.empty(), Optional.of("chain-test"),
                AwsAuth.MAX_CHAINED_SESSION, Optional.of(writer(AwsAuth.DEFAULT_SESSION)));
        Instant before = Instant.now();
        try (AwsCredentials credentials = AwsCredentials.forAuth(chained, stsAtRgw());
             S3Client s3 = s3(credentials)) {
            s3.putObject(b -> b.bucket(BUCKET).key("chained/one.txt"), RequestBody.fromString("written via a chain"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("chained/one.txt")).asUtf8String())
                    .isEqualTo("written via a chain");
            AwsSessionCredentials session = (AwsSessionCredentials) credentials.provider().resolveCredentials();
            assertThat(session.expirationTime().orElseThrow())
                    .isBefore(before.plus(AwsAuth.MAX_CHAINED_SESSION).plusSeconds(60));
        }
        assertThatThrownBy(() -> new AwsAuth.AssumeRole(chainedRole, Optional.empty(), Optional.empty(),
                AwsAuth.MAX_CHAINED_SESSION.plusSeconds(1), Optional.of(writer(AwsAuth.DEFAULT_SESSION))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 900 and 3600 seconds");
    }

    @Test
    void twoBusyTasksKeepWorkingAcrossRefreshesWithOneStsCallPerRefresh() throws Exception {
        AtomicInteger stsCalls = new AtomicInteger();
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (context.request() instanceof AssumeRoleRequest) {
                    stsCalls.incrementAndGet();
                }
            }
        };
        SharedCredentials cache = new SharedCredentials(
                builder -> builder.overrideConfiguration(o -> o.addExecutionInterceptor(counter)), Clock.systemUTC());
        // RGW grants at least 900 s; a margin of 895 s makes each session due for replacement after about 5 s.
        Duration session = AwsAuth.MIN_SESSION;
        StsSettings sts = stsAtRgw().withRefreshMargin(session.minusSeconds(5));
        Set<String> usedKeys = ConcurrentHashMap.newKeySet();
        int wantedSessions = 4;
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService tasks = Executors.newFixedThreadPool(2);
        List<AwsCredentials> handles = new ArrayList<>();
        try {
            List<Future<Integer>> requests = new ArrayList<>();
            for (int task = 0; task < 2; task++) {
                AwsCredentials credentials = AwsCredentials.forAuth(writer(session), sts, cache);
                handles.add(credentials);
                String prefix = "busy/task-" + task + "/";
                requests.add(tasks.submit(() -> keepBusy(credentials, prefix, usedKeys, stop)));
            }
            assertThat(cache.size()).as("one role and its source keys, shared by both tasks").isEqualTo(2);

            Await.until(wantedSessions + " sessions used by the tasks", Duration.ofSeconds(180),
                    () -> usedKeys.size() >= wantedSessions || requests.stream().anyMatch(Future::isDone),
                    () -> usedKeys.size() + " sessions, " + stsCalls.get() + " STS calls");
            stop.set(true);
            for (Future<Integer> done : requests) {
                assertThat(done.get(60, TimeUnit.SECONDS)).as("successful requests of a task").isPositive();
            }
            assertThat(usedKeys).hasSizeGreaterThanOrEqualTo(wantedSessions);
            assertThat(stsCalls.get()).as("STS calls, one per session the tasks used").isEqualTo(usedKeys.size());
        } finally {
            stop.set(true);
            tasks.shutdownNow();
            handles.forEach(AwsCredentials::close);
        }
        assertThat(cache.size()).isZero();
    }

    /** Writes and reads objects until told to stop; returns how many round trips succeeded; any failure ends it. */
    private static int keepBusy(AwsCredentials credentials, String prefix, Set<String> usedKeys, AtomicBoolean stop) {
        AwsCredentialsProvider recording = () -> {
            var resolved = credentials.provider().resolveCredentials();
            usedKeys.add(resolved.accessKeyId());
            return resolved;
        };
        int done = 0;
        try (S3Client s3 = s3(recording)) {
            while (!stop.get()) {
                String key = prefix + done;
                String body = "object " + done;
                s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(body));
                assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String()).isEqualTo(body);
                done++;
            }
        }
        return done;
    }

    private static AwsAuth.AssumeRole writer(Duration session) {
        return new AwsAuth.AssumeRole(writerRole, Optional.empty(), Optional.empty(), session,
                Optional.of(aliceKeys));
    }

    private static StsSettings stsAtRgw() {
        return StsSettings.defaults().withService(Optional.of(server.endpoint()), Optional.of(server.region()));
    }

    private static String trust(String principalArn) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\""
                + principalArn + "\"]},\"Action\":[\"sts:AssumeRole\"]}]}";
    }

    private static S3Client s3(AwsCredentials credentials) {
        return s3(credentials.provider());
    }

    private static S3Client s3(AwsCredentialsProvider credentials) {
        return S3Client.builder()
                .endpointOverride(server.endpoint())
                .region(Region.of(server.region()))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(Apache5HttpClient.builder())
                .credentialsProvider(credentials)
                .build();
    }
}
