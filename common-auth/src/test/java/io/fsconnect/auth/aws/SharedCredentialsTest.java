package io.fsconnect.auth.aws;

import io.fsconnect.auth.AwsAuth;
import io.fsconnect.auth.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SharedCredentialsTest {

    private static final String ROLE_A = "arn:aws:iam::123456789012:role/a";
    private static final String ROLE_B = "arn:aws:iam::123456789012:role/b";
    private static final String SOURCE_SECRET = "source-secret-value-0123456789";
    private static final String EXTERNAL_ID = "planted-external-id";

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final FakeSts sts = new FakeSts(clock);
    private final SharedCredentials cache = new SharedCredentials(builder -> { }, clock);
    private final StsSettings settings = StsSettings.defaults()
            .withService(Optional.of(sts.endpoint()), Optional.of("us-east-1"))
            .withRefreshMargin(Duration.ofMinutes(5));

    @AfterEach
    void stopSts() {
        sts.close();
    }

    private static AwsAuth.AccessKeys sourceKeys() {
        return new AwsAuth.AccessKeys("AKIDSOURCE", Secret.of(SOURCE_SECRET), Optional.empty());
    }

    private static AwsAuth.AssumeRole roleA(Duration duration) {
        return new AwsAuth.AssumeRole(ROLE_A, Optional.of(EXTERNAL_ID), Optional.empty(), duration,
                Optional.of(sourceKeys()));
    }

    @Test
    void handlesForEqualSettingsShareOneProviderAndOneStsCallPerRefresh() {
        try (io.fsconnect.auth.aws.AwsCredentials first = io.fsconnect.auth.aws.AwsCredentials.forAuth(
                     roleA(Duration.ofHours(1)), settings, cache);
             io.fsconnect.auth.aws.AwsCredentials second = io.fsconnect.auth.aws.AwsCredentials.forAuth(
                     roleA(Duration.ofHours(1)), settings, cache)) {
            assertThat(first.sharedProvider()).isSameAs(second.sharedProvider());
            assertThat(sts.calls()).as("no STS call before credentials are needed").isEmpty();

            AwsCredentials issued = first.provider().resolveCredentials();
            assertThat(second.provider().resolveCredentials()).isEqualTo(issued);
            assertThat(issued.accessKeyId()).isEqualTo("ASIA1");
            assertThat(sts.calls()).hasSize(1);
            FakeSts.Call call = sts.calls().get(0);
            assertThat(call.signedBy()).isEqualTo("AKIDSOURCE");
            assertThat(call.parameters()).containsEntry("RoleArn", ROLE_A).containsEntry("ExternalId", EXTERNAL_ID)
                    .containsEntry("DurationSeconds", "3600");
            assertThat(call.parameters().get("RoleSessionName")).matches("session_[0-9a-f-]{36}");

            clock.advance(Duration.ofMinutes(54).plusSeconds(59));
            assertThat(first.provider().resolveCredentials().accessKeyId()).as("still outside the margin")
                    .isEqualTo("ASIA1");
            clock.advance(Duration.ofSeconds(1));
            assertThat(second.provider().resolveCredentials().accessKeyId()).as("at the margin").isEqualTo("ASIA2");
            assertThat(first.provider().resolveCredentials().accessKeyId()).isEqualTo("ASIA2");
            assertThat(sts.calls()).hasSize(2);
            assertThat(((AwsSessionCredentials) first.provider().resolveCredentials()).expirationTime())
                    .contains(clock.instant().plus(Duration.ofHours(1)));
        }
        assertThat(cache.size()).as("providers left after the last handle closed").isZero();
    }

    @Test
    void manyThreadsAtARefreshMakeOneStsCall() throws Exception {
        try (io.fsconnect.auth.aws.AwsCredentials handle = io.fsconnect.auth.aws.AwsCredentials.forAuth(
                roleA(Duration.ofMinutes(15)), settings, cache)) {
            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                for (int round = 1; round <= 3; round++) {
                    CountDownLatch start = new CountDownLatch(1);
                    List<Future<String>> keys = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        keys.add(threads.submit(() -> {
                            start.await();
                            return handle.provider().resolveCredentials().accessKeyId();
                        }));
                    }
                    start.countDown();
                    for (Future<String> key : keys) {
                        assertThat(key.get(60, TimeUnit.SECONDS)).isEqualTo("ASIA" + round);
                    }
                    assertThat(sts.calls()).hasSize(round);
                    clock.advance(Duration.ofMinutes(10));
                }
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @Test
    void aChainedRoleIsAssumedWithTheFirstRolesCredentialsWhichAreSharedToo() {
        AwsAuth.AssumeRole chained = new AwsAuth.AssumeRole(ROLE_B, Optional.empty(), Optional.of("etl-job"),
                Duration.ofMinutes(30), Optional.of(roleA(AwsAuth.DEFAULT_SESSION)));
        try (io.fsconnect.auth.aws.AwsCredentials viaChain = io.fsconnect.auth.aws.AwsCredentials.forAuth(
                     chained, settings, cache);
             io.fsconnect.auth.aws.AwsCredentials direct = io.fsconnect.auth.aws.AwsCredentials.forAuth(
                     roleA(AwsAuth.DEFAULT_SESSION), settings, cache)) {
            assertThat(viaChain.provider().resolveCredentials().accessKeyId()).isEqualTo("ASIA2");
            assertThat(sts.calls()).extracting(call -> call.parameters().get("RoleArn"))
                    .containsExactly(ROLE_A, ROLE_B);
            FakeSts.Call second = sts.calls().get(1);
            assertThat(second.signedBy()).as("B is assumed with A's credentials").isEqualTo("ASIA1");
            assertThat(second.parameters()).containsEntry("RoleSessionName", "etl-job")
                    .containsEntry("DurationSeconds", "1800").doesNotContainKey("ExternalId");

            assertThat(direct.provider().resolveCredentials().accessKeyId()).as("role A's session, shared")
                    .isEqualTo("ASIA1");
            assertThat(sts.calls()).hasSize(2);
            assertThat(cache.size()).as("source keys, role A, role B").isEqualTo(3);

            viaChain.close();
            assertThat(cache.size()).as("source keys, role A").isEqualTo(2);
            clock.advance(Duration.ofMinutes(56));
            assertThat(direct.provider().resolveCredentials().accessKeyId())
                    .as("role A refreshed after role B, which used it, was closed").isEqualTo("ASIA3");
        }
        assertThat(cache.size()).isZero();
    }

    @Test
    void aRefusedAssumeRoleNamesTheRoleButNoSecretAndIsRetriedByTheNextCaller() {
        sts.deny("User is not authorized to perform sts:AssumeRole");
        try (io.fsconnect.auth.aws.AwsCredentials handle = io.fsconnect.auth.aws.AwsCredentials.forAuth(
                roleA(AwsAuth.DEFAULT_SESSION), settings, cache)) {
            assertThatThrownBy(handle.provider()::resolveCredentials)
                    .isInstanceOf(SdkClientException.class)
                    .hasMessageStartingWith("Cannot assume role " + ROLE_A + ": STS answered HTTP 403 AccessDenied: "
                            + "User is not authorized to perform sts:AssumeRole")
                    .hasMessageContaining("trust policy")
                    .message().doesNotContain(EXTERNAL_ID, SOURCE_SECRET);
            int refused = sts.calls().size();
            sts.deny(null);
            assertThat(handle.provider().resolveCredentials().accessKeyId()).startsWith("ASIA");
            assertThat(sts.calls()).hasSize(refused + 1);
        }
    }

    @Test
    void aFailedRefreshKeepsTheValidSessionInUseUntilItExpires() {
        try (io.fsconnect.auth.aws.AwsCredentials handle = io.fsconnect.auth.aws.AwsCredentials.forAuth(
                roleA(Duration.ofMinutes(15)), settings, cache)) {
            assertThat(handle.provider().resolveCredentials().accessKeyId()).isEqualTo("ASIA1");
            clock.advance(Duration.ofMinutes(10));
            sts.deny("Service unavailable");

            assertThat(handle.provider().resolveCredentials().accessKeyId()).as("STS down, session valid")
                    .isEqualTo("ASIA1");
            assertThat(handle.provider().resolveCredentials().accessKeyId()).isEqualTo("ASIA1");
            assertThat(sts.calls()).as("no new attempt before the retry delay").hasSize(2);
            clock.advance(AssumedRoleCredentials.RETRY_DELAY);
            assertThat(handle.provider().resolveCredentials().accessKeyId()).isEqualTo("ASIA1");
            assertThat(sts.calls()).hasSize(3);

            sts.deny(null);
            clock.advance(AssumedRoleCredentials.RETRY_DELAY);
            assertThat(handle.provider().resolveCredentials().accessKeyId()).as("STS back").isEqualTo("ASIA2");
            assertThat(sts.calls()).hasSize(4);

            sts.deny("Service unavailable");
            clock.advance(Duration.ofMinutes(15));
            assertThatThrownBy(handle.provider()::resolveCredentials).as("STS down, session expired")
                    .isInstanceOf(SdkClientException.class)
                    .hasMessageContaining("Cannot assume role " + ROLE_A + ": STS answered HTTP 403");
        }
    }

    @Test
    void aClosedHandleRefusesAndLeavesOtherHandlesWorking() {
        io.fsconnect.auth.aws.AwsCredentials first = io.fsconnect.auth.aws.AwsCredentials.forAuth(
                sourceKeys(), settings, cache);
        io.fsconnect.auth.aws.AwsCredentials second = io.fsconnect.auth.aws.AwsCredentials.forAuth(
                sourceKeys(), settings, cache);
        first.close();
        first.close();
        assertThatThrownBy(first.provider()::resolveCredentials).isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot resolve AWS credentials for access key AKIDSOURCE: already closed");
        AwsCredentials keys = second.provider().resolveCredentials();
        assertThat(keys.accessKeyId()).isEqualTo("AKIDSOURCE");
        assertThat(keys.secretAccessKey()).isEqualTo(SOURCE_SECRET);
        assertThat(cache.size()).isEqualTo(1);
        second.close();
        assertThat(cache.size()).isZero();
        assertThat(second.toString()).doesNotContain(SOURCE_SECRET);
    }

    @Test
    void aRefreshMarginNotShorterThanTheSessionIsRefusedAndLeavesNothingBehind() {
        assertThatThrownBy(() -> io.fsconnect.auth.aws.AwsCredentials.forAuth(roleA(Duration.ofMinutes(15)),
                settings.withRefreshMargin(Duration.ofMinutes(15)), cache))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot assume role " + ROLE_A + ": the refresh margin (900 s) must be shorter than the "
                        + "session duration (900 s)");
        assertThat(cache.size()).isZero();
    }
}
