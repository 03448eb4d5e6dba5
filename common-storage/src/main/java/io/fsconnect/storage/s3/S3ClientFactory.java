package io.fsconnect.storage.s3;

import io.fsconnect.auth.S3DataSource;
import io.fsconnect.storage.ObjectStores;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Builds the S3 client of a data source: region, endpoint override, path-style addressing, credentials of its
 * authentication mode (through a handle on {@link io.fsconnect.auth.aws.AwsCredentials}, which the client gives back
 * when it closes), and the retry policy of the tuning. S3-compatible stores (an endpoint is set) get checksums
 * only where the API requires them, because several (Ceph RGW among them) reject the SDK's default trailing
 * checksums, and whole-payload signatures instead of chunked ones.
 */
final class S3ClientFactory {

    /** The data-source option that turns create-if-absent on or off; on by default only for AWS itself. */
    static final String CONDITIONAL_WRITES_OPTION = "conditional.writes";
    /** SigV4 needs a region; S3-compatible stores usually accept this one whatever their own name. */
    private static final Region COMPATIBLE_STORE_REGION = Region.US_EAST_1;

    private final S3DataSource source;
    private final ObjectStores.Tuning tuning;

    S3ClientFactory(S3DataSource source, ObjectStores.Tuning tuning) {
        this.source = source;
        this.tuning = tuning;
    }

    /** Whether create-if-absent is offered: the data source's option, else only on AWS itself. */
    boolean conditionalWrites() {
        Optional<String> option = source.options().get(CONDITIONAL_WRITES_OPTION);
        if (option.isEmpty()) {
            return source.endpoint().isEmpty();
        }
        String value = option.get().strip().toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("Cannot open S3 data source " + source.name() + ": option "
                    + CONDITIONAL_WRITES_OPTION + " must be true or false, not '" + option.get() + "'");
        }
        return Boolean.parseBoolean(value);
    }

    /** Whether parts carry checksums: only with the SDK's default checksum mode, used against AWS itself. */
    boolean partChecksums() {
        return source.endpoint().isEmpty();
    }

    S3Client build() {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(Apache5HttpClient.builder())
                .credentialsProvider(credentials())
                .forcePathStyle(source.pathStyleAccess())
                .overrideConfiguration(override -> override.retryStrategy(AwsRetryStrategy.standardRetryStrategy()
                        .toBuilder()
                        .maxAttempts(tuning.maxAttempts())
                        .backoffStrategy(BackoffStrategy.exponentialDelay(tuning.retryBackoff(),
                                ObjectStores.Tuning.MAX_RETRY_BACKOFF))
                        .build()));
        source.region().map(Region::of).ifPresent(builder::region);
        source.endpoint().ifPresent(endpoint -> {
            builder.endpointOverride(endpoint);
            if (source.region().isEmpty()) {
                builder.region(COMPATIBLE_STORE_REGION);
            }
            builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
            builder.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
            // Over plain HTTP the SDK signs bodies chunk by chunk; Ceph RGW 16 rejects that for empty objects.
            builder.serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build());
        });
        try {
            return builder.build();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Cannot create the S3 client of data source " + source.name() + ": "
                    + e.getMessage() + (source.region().isEmpty() ? "; set region" : ""), e);
        }
    }

    private AwsCredentialsProvider credentials() {
        // A handle per store: the worker-wide cache shares role sessions between tasks, and the client closing
        // this provider when the store closes gives the handle back.
        io.fsconnect.auth.aws.AwsCredentials handle = io.fsconnect.auth.aws.AwsCredentials.forDataSource(source);
        return new HandleProvider(handle);
    }

    /** Resolves through a credentials handle and closes it when the client that holds it closes. */
    private record HandleProvider(io.fsconnect.auth.aws.AwsCredentials handle)
            implements AwsCredentialsProvider, SdkAutoCloseable {

        @Override
        public AwsCredentials resolveCredentials() {
            return handle.provider().resolveCredentials();
        }

        @Override
        public void close() {
            handle.close();
        }

        @Override
        public String toString() {
            return handle.toString();
        }
    }
}
