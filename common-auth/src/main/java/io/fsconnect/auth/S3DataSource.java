package io.fsconnect.auth;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * An S3 bucket, or a bucket of an S3-compatible store reached through {@code endpoint} (Ceph RGW, MinIO, ...),
 * optionally restricted to a key prefix ({@code path}), with its encryption settings and one AWS authentication mode.
 * {@code stsEndpoint} and {@code stsRegion} say where an assumed role's sessions are requested, when not from AWS's
 * STS in the bucket's region.
 */
public record S3DataSource(String name, Optional<String> description, String bucket, Optional<String> path,
                           Optional<String> region, Optional<URI> endpoint, boolean pathStyleAccess,
                           Optional<S3Encryption> encryption, AwsAuth auth, Optional<URI> stsEndpoint,
                           Optional<String> stsRegion, Options options) implements DataSource {

    public S3DataSource {
        DataSource.requireValidName(name);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(stsEndpoint, "stsEndpoint");
        Objects.requireNonNull(stsRegion, "stsRegion");
        Objects.requireNonNull(options, "options");
    }

    /** A data source whose roles, if any, are assumed through AWS's STS in the bucket's region. */
    public S3DataSource(String name, Optional<String> description, String bucket, Optional<String> path,
                        Optional<String> region, Optional<URI> endpoint, boolean pathStyleAccess,
                        Optional<S3Encryption> encryption, AwsAuth auth, Options options) {
        this(name, description, bucket, path, region, endpoint, pathStyleAccess, encryption, auth, Optional.empty(),
                Optional.empty(), options);
    }

    @Override
    public DataSourceType type() {
        return DataSourceType.S3;
    }
}
