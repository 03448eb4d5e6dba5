package io.fsconnect.auth.aws;

import io.fsconnect.auth.AwsAuth;
import io.fsconnect.auth.S3DataSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * AWS credentials held by one user (e.g. one connector task): {@link #provider()} goes to SDK clients, and the user
 * calls {@link #close()} when it stops. Obtained with {@link #forAuth(AwsAuth, StsSettings)}: every handle for equal
 * authentication settings in this class loader draws on one shared provider, so temporary credentials of an assumed
 * role are requested once per refresh, not per handle, client or request; the shared provider is closed when its last
 * handle is. The handle is deliberately not a provider itself: SDK clients close the providers they are given when
 * they close, and a client must not end credentials that its owner (or another task) still uses. Role sessions are
 * requested lazily, on the first resolution. A handle is thread-safe; after {@link #close()} its provider refuses
 * to resolve credentials. Its {@link #toString()} never shows a secret.
 */
public final class AwsCredentials implements AutoCloseable {

    private final SharedCredentials.Lease lease;
    private final String description;
    private final AwsCredentialsProvider provider = this::resolve;
    private volatile boolean closed;

    private AwsCredentials(SharedCredentials.Lease lease, String description) {
        this.lease = lease;
        this.description = description;
    }

    /**
     * Credentials for {@code auth}: static keys, the SDK's default chain for the worker's own identity, or an assumed
     * role (from its source credentials, through another role when chained) refreshed as {@code sts} says.
     *
     * @throws IllegalArgumentException if {@code sts}'s refresh margin is not shorter than a role's session duration
     */
    public static AwsCredentials forAuth(AwsAuth auth, StsSettings sts) {
        return forAuth(auth, sts, SharedCredentials.WORKER);
    }

    /**
     * Credentials for {@code auth} with STS reached at {@code stsEndpoint} (AWS's when empty), signed for
     * {@code region}, and the default refresh margin.
     */
    public static AwsCredentials forAuth(AwsAuth auth, Optional<String> region, Optional<URI> stsEndpoint) {
        return forAuth(auth, StsSettings.defaults().withService(stsEndpoint, region));
    }

    /** Credentials for an S3 data source's authentication, with its {@link StsSettings#forDataSource STS settings}. */
    public static AwsCredentials forDataSource(S3DataSource source) {
        return forAuth(source.auth(), StsSettings.forDataSource(source));
    }

    static AwsCredentials forAuth(AwsAuth auth, StsSettings sts, SharedCredentials cache) {
        Objects.requireNonNull(auth, "auth");
        return new AwsCredentials(cache.acquire(auth, sts), describe(auth));
    }

    /**
     * The provider to give SDK clients (as many as needed); closing a client leaves it working, closing this handle
     * ends it.
     */
    public AwsCredentialsProvider provider() {
        return provider;
    }

    /** The shared provider behind this handle. */
    AwsCredentialsProvider sharedProvider() {
        return lease.provider();
    }

    private software.amazon.awssdk.auth.credentials.AwsCredentials resolve() {
        if (closed) {
            throw new IllegalStateException("Cannot resolve AWS credentials for " + description + ": already closed");
        }
        return lease.provider().resolveCredentials();
    }

    /** Gives the shared provider back; the last handle's close closes it. Idempotent. */
    @Override
    public void close() {
        closed = true;
        lease.close();
    }

    @Override
    public String toString() {
        return "AwsCredentials(" + description + ")";
    }

    private static String describe(AwsAuth auth) {
        if (auth instanceof AwsAuth.InstanceRole) {
            return "the default credentials chain";
        }
        if (auth instanceof AwsAuth.AccessKeys keys) {
            return "access key " + keys.accessKeyId();
        }
        AwsAuth.AssumeRole role = (AwsAuth.AssumeRole) auth;
        return "role " + role.roleArn() + role.source().map(s -> " from " + describe(s)).orElse("");
    }
}
