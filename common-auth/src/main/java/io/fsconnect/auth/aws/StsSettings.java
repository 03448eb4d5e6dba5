package io.fsconnect.auth.aws;

import io.fsconnect.auth.S3DataSource;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how role sessions are requested: an STS endpoint override (for S3-compatible stores such as Ceph RGW,
 * or a VPC endpoint), the region STS requests are signed for, and how long before a session expires it is replaced
 * ({@code refreshMargin}, which must be shorter than the role's session duration; the default is shorter than
 * {@link io.fsconnect.auth.AwsAuth#MIN_SESSION}). Without an endpoint the SDK's regional STS endpoint is used;
 * without a region, the SDK's region chain decides, and {@code us-east-1} when it finds none.
 */
public record StsSettings(Optional<URI> endpoint, Optional<String> region, Duration refreshMargin) {

    /** How long before expiry credentials are replaced unless configured otherwise. */
    public static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofMinutes(5);

    public StsSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(refreshMargin, "refreshMargin");
        if (refreshMargin.isNegative()) {
            throw new IllegalArgumentException("Cannot use STS settings: the refresh margin must not be negative, "
                    + "was " + refreshMargin);
        }
    }

    /** AWS's own STS, the region from the SDK's chain, and the default refresh margin. */
    public static StsSettings defaults() {
        return new StsSettings(Optional.empty(), Optional.empty(), DEFAULT_REFRESH_MARGIN);
    }

    /**
     * The STS settings of an S3 data source: its {@code sts.endpoint}, else, for a compatible store, its
     * {@code endpoint} (Ceph RGW and MinIO serve STS there); its {@code sts.region}, else its {@code region}; and
     * the default refresh margin.
     */
    public static StsSettings forDataSource(S3DataSource source) {
        return defaults().withService(source.stsEndpoint().or(source::endpoint),
                source.stsRegion().or(source::region));
    }

    /** These settings with STS reached at {@code endpoint} and requests signed for {@code region}. */
    public StsSettings withService(Optional<URI> endpoint, Optional<String> region) {
        return new StsSettings(endpoint, region, refreshMargin);
    }

    /** These settings with credentials replaced {@code margin} before they expire. */
    public StsSettings withRefreshMargin(Duration margin) {
        return new StsSettings(endpoint, region, margin);
    }
}
