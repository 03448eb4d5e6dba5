package io.fsconnect.auth.jdbc;

import io.fsconnect.auth.RedshiftDataSource;
import io.fsconnect.auth.Secret;
import io.fsconnect.auth.aws.StsSettings;
import io.fsconnect.auth.config.DataSourceParser;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedshiftIamCredentialsTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/redshift-loader";

    @Test
    void sdkRequestsTemporaryCredentialsWithTheAssumedRole() throws Exception {
        try (FakeAwsEndpoint aws = new FakeAwsEndpoint();
             RedshiftIamCredentials credentials = RedshiftIamCredentials.open(source(Map.of(
                     "database.user", "loader", "database.groups", "etl,readers",
                     "database.credentials.duration.seconds", "1800")),
                     StsSettings.defaults().withService(Optional.of(aws.uri()), Optional.of("eu-west-1")),
                     Optional.of(aws.uri()), Clock.systemUTC())) {

            JdbcConnectionSettings settings = credentials.settings();

            assertThat(settings.url()).isEqualTo("jdbc:redshift://analytics.abc123.eu-west-1.redshift.amazonaws.com:5439/dev");
            assertThat(settings.properties()).containsEntry("user", "IAM:loader")
                    .containsEntry("password", "temporary-2");
            FakeAwsEndpoint.Call assume = aws.calls("AssumeRole").get(0);
            assertThat(assume.parameters()).containsEntry("RoleArn", ROLE);
            assertThat(assume.signedBy()).isEqualTo("AKIASOURCE");
            FakeAwsEndpoint.Call get = aws.calls("GetClusterCredentials").get(0);
            assertThat(get.signedBy()).as("signed with the assumed role's key").isEqualTo("ASIA1");
            assertThat(get.parameters()).containsEntry("ClusterIdentifier", "analytics")
                    .containsEntry("DbName", "dev").containsEntry("DbUser", "loader")
                    .containsEntry("DurationSeconds", "1800").containsEntry("AutoCreate", "false")
                    .containsEntry("DbGroups.DbGroup.1", "etl").containsEntry("DbGroups.DbGroup.2", "readers");
            assertThat(credentials.toString()).doesNotContain("temporary-2", "planted");
        }
    }

    @Test
    void autoCreatedUserIsRequestedWithoutAName() throws Exception {
        try (FakeAwsEndpoint aws = new FakeAwsEndpoint();
             RedshiftIamCredentials credentials = RedshiftIamCredentials.open(source(Map.of("auto.create", "true")),
                     StsSettings.defaults().withService(Optional.of(aws.uri()), Optional.of("eu-west-1")),
                     Optional.of(aws.uri()), Clock.systemUTC())) {

            credentials.settings();

            assertThat(aws.calls("GetClusterCredentials").get(0).parameters()).containsEntry("AutoCreate", "true")
                    .doesNotContainKey("DbUser");
        }
    }

    @Test
    void passwordIsReusedUntilShortlyBeforeItExpiresThenReplacedForNewConnections() {
        MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
        CountingClient client = new CountingClient(clock);
        RedshiftIamCredentials credentials = new RedshiftIamCredentials(source(Map.of("database.user", "loader")),
                client, () -> { }, clock);

        assertThat(credentials.settings().properties()).containsEntry("password", "temporary-1");
        clock.advance(Duration.ofMinutes(9));
        assertThat(credentials.settings().properties()).containsEntry("password", "temporary-1");
        assertThat(client.requests).hasSize(1);

        // 900-second passwords: at 10 minutes the 5-minute margin is reached, before the password expires.
        clock.advance(Duration.ofMinutes(1));
        assertThat(credentials.settings().properties()).containsEntry("password", "temporary-2");
        assertThat(client.requests).hasSize(2);
        assertThat(client.requests.get(1).duration()).isEqualTo(Duration.ofSeconds(900));
        assertThat(clock.instant()).isBefore(client.firstExpiry);
    }

    @Test
    void closedCredentialsReleaseTheRoleAndRefuseNewConnections() {
        MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
        List<String> released = new CopyOnWriteArrayList<>();
        RedshiftIamCredentials credentials = new RedshiftIamCredentials(source(Map.of("database.user", "loader")),
                new CountingClient(clock), () -> released.add("role"), clock);

        credentials.close();
        credentials.close();

        assertThat(released).containsExactly("role");
        assertThatThrownBy(credentials::settings).hasMessageContaining("already closed");
    }

    @Test
    void regionComesFromTheEndpointUnlessSet() {
        assertThat(RedshiftIamCredentials.region(source(Map.of("database.user", "u")))).isEqualTo("eu-west-1");
        assertThat(RedshiftIamCredentials.region(source(Map.of("database.user", "u", "region", "us-east-2"))))
                .isEqualTo("us-east-2");
        assertThatThrownBy(() -> RedshiftIamCredentials.region(source(Map.of("database.user", "u",
                "database.endpoint", "redshift.internal"))))
                .hasMessageContaining("set region");
    }

    private static RedshiftDataSource source(Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of("type", "redshift", "name", "rs",
                "cluster.identifier", "analytics", "database.endpoint", "abc123.eu-west-1.redshift.amazonaws.com",
                "database.name", "dev", "iam.role", ROLE, "iam.source.access.key.id", "AKIASOURCE",
                "iam.source.secret.access.key", "planted-source-secret"));
        config.putAll(extra);
        return (RedshiftDataSource) DataSourceParser.validateDefinition(config).orElseThrow();
    }

    private static final class CountingClient implements ClusterCredentialsClient {
        private final Clock clock;
        private final List<ClusterCredentialsRequest> requests = new CopyOnWriteArrayList<>();
        private Instant firstExpiry;

        CountingClient(Clock clock) {
            this.clock = clock;
        }

        @Override
        public DatabaseCredentials get(ClusterCredentialsRequest request) {
            requests.add(request);
            Instant expiry = clock.instant().plus(request.duration());
            if (firstExpiry == null) {
                firstExpiry = expiry;
            }
            return new DatabaseCredentials("IAM:" + request.user().orElse("auto"),
                    Secret.of("temporary-" + requests.size()), expiry);
        }

        @Override
        public void close() {
        }
    }

    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
