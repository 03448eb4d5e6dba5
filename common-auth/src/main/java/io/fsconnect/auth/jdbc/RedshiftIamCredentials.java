package io.fsconnect.auth.jdbc;

import io.fsconnect.auth.RedshiftAuth;
import io.fsconnect.auth.RedshiftDataSource;
import io.fsconnect.auth.aws.AwsCredentials;
import io.fsconnect.auth.aws.StsSettings;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redshift IAM sign-in: the data source's role is assumed through {@link AwsCredentials} (shared and refreshed by
 * the worker), and GetClusterCredentials is called with that role for a temporary database password. The password is
 * kept and handed to every new connection until {@link #REFRESH_MARGIN} before it expires; the next connection then
 * gets a new one.
 */
final class RedshiftIamCredentials implements JdbcCredentials {

    /** How long before expiry a temporary password is replaced; shorter than the shortest password Redshift issues. */
    static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

    private static final Pattern REGION_IN_ENDPOINT =
            Pattern.compile("(?:^|\\.)([a-z]{2}(?:-[a-z]+)+-\\d+)\\.redshift(?:-serverless)?\\.amazonaws\\.com(?:\\.cn)?$");

    private final RedshiftDataSource source;
    private final ClusterCredentialsRequest request;
    private final ClusterCredentialsClient client;
    private final Runnable releaseRole;
    private final Clock clock;
    private DatabaseCredentials current;
    private boolean closed;

    RedshiftIamCredentials(RedshiftDataSource source, ClusterCredentialsClient client, Runnable releaseRole,
                           Clock clock) {
        this.source = source;
        RedshiftAuth.IamRole iam = (RedshiftAuth.IamRole) source.auth();
        this.request = new ClusterCredentialsRequest(source.clusterIdentifier(), source.database(), iam.user(),
                iam.autoCreate(), iam.databaseGroups(), iam.credentialsDuration());
        this.client = client;
        this.releaseRole = releaseRole;
        this.clock = clock;
    }

    /** IAM credentials against AWS's own STS and Redshift endpoints. */
    static RedshiftIamCredentials open(RedshiftDataSource source) {
        String region = region(source);
        return open(source, StsSettings.defaults().withService(Optional.empty(), Optional.of(region)),
                Optional.empty(), Clock.systemUTC());
    }

    /** IAM credentials with STS and Redshift reached where given, for compatible or local endpoints. */
    static RedshiftIamCredentials open(RedshiftDataSource source, StsSettings sts, Optional<URI> redshiftEndpoint,
                                       Clock clock) {
        RedshiftAuth.IamRole iam = (RedshiftAuth.IamRole) source.auth();
        AwsCredentials role = AwsCredentials.forAuth(iam.role(), sts);
        try {
            ClusterCredentialsClient client = new SdkClusterCredentialsClient(role.provider(), region(source),
                    redshiftEndpoint);
            return new RedshiftIamCredentials(source, client, role::close, clock);
        } catch (RuntimeException e) {
            role.close();
            throw e;
        }
    }

    /** The data source's region, else the one in its endpoint host name. */
    static String region(RedshiftDataSource source) {
        if (source.region().isPresent()) {
            return source.region().get();
        }
        Matcher matcher = REGION_IN_ENDPOINT.matcher(source.endpoint().toLowerCase(Locale.ROOT));
        if (matcher.find()) {
            return matcher.group(1);
        }
        throw new IllegalArgumentException("Cannot tell the AWS region of Redshift data source '" + source.name()
                + "': its endpoint " + source.endpoint() + " names none; set region");
    }

    @Override
    public synchronized JdbcConnectionSettings settings() {
        if (closed) {
            throw new IllegalStateException("Cannot get Redshift credentials of data source '" + source.name()
                    + "': already closed");
        }
        Instant now = clock.instant();
        if (current == null || !now.isBefore(current.expiry().minus(REFRESH_MARGIN))) {
            current = client.get(request);
        }
        return RedshiftSettings.with(source, current.user(), current.password().reveal());
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            client.close();
        } finally {
            releaseRole.run();
        }
    }

    @Override
    public String toString() {
        return "JdbcCredentials(Redshift IAM, " + source.jdbcUrl() + ", role "
                + ((RedshiftAuth.IamRole) source.auth()).role().roleArn() + ")";
    }
}
