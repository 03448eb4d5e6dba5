package io.fsconnect.storage.s3;

import io.fsconnect.auth.AwsAuth;
import io.fsconnect.auth.Options;
import io.fsconnect.auth.S3DataSource;
import io.fsconnect.auth.S3Encryption;
import io.fsconnect.auth.Secret;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An in-process S3Proxy on a loopback port with an in-memory backend that checks SigV4 signatures, plus the data
 * sources and raw clients tests need to reach it. Buckets are created per test, so tests never share objects.
 */
final class S3ProxyServer implements AutoCloseable {

    static final String ACCESS_KEY = "fsconnect-test";
    static final String SECRET_KEY = "fsconnect-test-secret";

    private final S3Proxy proxy;
    private final URI endpoint;
    private final S3Client admin;

    private S3ProxyServer(S3Proxy proxy, URI endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.admin = client(false);
    }

    static S3ProxyServer start() throws Exception {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY, SECRET_KEY)
                // The SDK sends headers S3Proxy does not know (checksum modes, session tokens).
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        if (!"STARTED".equals(proxy.getState())) {
            proxy.stop();
            throw new IllegalStateException("Cannot start S3Proxy: its state is " + proxy.getState());
        }
        return new S3ProxyServer(proxy, URI.create("http://127.0.0.1:" + proxy.getPort()));
    }

    URI endpoint() {
        return endpoint;
    }

    /** A client that tests use to look at the bucket directly, not through the store. */
    S3Client admin() {
        return admin;
    }

    /** A new, empty bucket. */
    String newBucket() {
        String bucket = "b-" + UUID.randomUUID().toString().substring(0, 18);
        admin.createBucket(request -> request.bucket(bucket));
        return bucket;
    }

    /** A data source on {@code bucket} with access keys, the way an operator would define it. */
    S3DataSource dataSource(String bucket, String path, Optional<S3Encryption> encryption,
                            Map<String, String> options) {
        return new S3DataSource("proxy", Optional.empty(), bucket, Optional.of(path), Optional.empty(),
                Optional.of(endpoint), true, encryption,
                new AwsAuth.AccessKeys(ACCESS_KEY, Secret.of(SECRET_KEY), Optional.empty()), Options.of(options));
    }

    /** A client as the SDK builds it for AWS itself (checksums whenever supported), or in S3-compatible mode. */
    S3Client client(boolean awsChecksums) {
        var builder = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
        if (!awsChecksums) {
            builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }

    @Override
    public void close() throws Exception {
        admin.close();
        proxy.stop();
    }
}
