package io.fsconnect.auth.check;

import io.fsconnect.auth.AdlsDataSource;
import io.fsconnect.auth.BigQueryDataSource;
import io.fsconnect.auth.DataSource;
import io.fsconnect.auth.GcsDataSource;
import io.fsconnect.auth.JdbcDataSource;
import io.fsconnect.auth.LocalDataSource;
import io.fsconnect.auth.S3DataSource;
import io.fsconnect.auth.aws.S3BucketCheck;
import io.fsconnect.auth.azure.AzureContainerCheck;
import io.fsconnect.auth.azure.AzureIdentityOptions;
import io.fsconnect.auth.config.LocalConfig;
import io.fsconnect.auth.gcp.GoogleCredentialsCheck;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Checks that a data source's credentials work, the way a connector's {@code validate()} needs it: without reading
 * or writing data, within a time limit per call, and reporting each failure as a {@link Problem} on the key to fix.
 * An empty list means the check passed. What is checked, by kind:
 * <ul>
 *   <li>{@code s3}: credentials are obtained (the role assumed, if one is set) and the bucket answers HeadBucket;</li>
 *   <li>{@code adls} (generation 2): a token is obtained where the mode uses one, and the container exists;</li>
 *   <li>{@code gcs}, {@code bigquery}: the service-account key or the Application Default Credentials load;</li>
 *   <li>{@code jdbc}: a connection opens and is valid;</li>
 *   <li>{@code local}: the directory exists and is readable.</li>
 * </ul>
 * Other kinds (and ADLS generation 1) are not checked and always pass. A check never throws for an unreachable or
 * refusing store — that is a problem to report — and no message contains a secret. A check is safe to run from
 * several threads; each run makes its own clients and closes them.
 */
public final class ConnectionCheck {

    /** How long each network call of a check may take unless configured otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final AzureIdentityOptions azureIdentity;
    private final Duration timeout;

    /**
     * A check whose Entra ID sign-ins use {@code azureIdentity} and whose network calls each give up after
     * {@code timeout}.
     */
    public ConnectionCheck(AzureIdentityOptions azureIdentity, Duration timeout) {
        this.azureIdentity = Objects.requireNonNull(azureIdentity, "azureIdentity");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("Cannot create connection check: timeout must be positive");
        }
    }

    /** A check with the SDKs' default Entra ID authority and {@link #DEFAULT_TIMEOUT}. */
    public static ConnectionCheck defaults() {
        return new ConnectionCheck(AzureIdentityOptions.defaults(), DEFAULT_TIMEOUT);
    }

    /** Checks {@code source}; the problems' keys are data-source keys without a connector prefix. */
    public List<Problem> check(DataSource source) {
        Objects.requireNonNull(source, "source");
        // Each branch names its per-store class only when taken, so a plugin without a store's SDK never loads it.
        if (source instanceof S3DataSource s3) {
            return S3BucketCheck.check(s3, timeout);
        }
        if (source instanceof AdlsDataSource adls) {
            return adls.container().isPresent() ? AzureContainerCheck.check(adls, azureIdentity, timeout) : List.of();
        }
        if (source instanceof GcsDataSource gcs) {
            return GoogleCredentialsCheck.check(gcs.auth());
        }
        if (source instanceof BigQueryDataSource bigQuery) {
            return GoogleCredentialsCheck.check(bigQuery.auth());
        }
        if (source instanceof JdbcDataSource jdbc) {
            return JdbcConnectionCheck.check(jdbc, timeout);
        }
        if (source instanceof LocalDataSource local) {
            return checkDirectory(local);
        }
        return List.of();
    }

    private static List<Problem> checkDirectory(LocalDataSource local) {
        if (!Files.isDirectory(local.path())) {
            return List.of(new Problem(LocalConfig.PATH, "Cannot use directory " + local.path() + " of data source "
                    + local.name() + ": it does not exist on this worker or is not a directory. Create it, or fix "
                    + LocalConfig.PATH + "."));
        }
        if (!Files.isReadable(local.path())) {
            return List.of(new Problem(LocalConfig.PATH, "Cannot use directory " + local.path() + " of data source "
                    + local.name() + ": the worker's user may not read it. Fix its permissions."));
        }
        return List.of();
    }
}
