package io.fsconnect.sink;

import io.fsconnect.testkit.Await;
import io.fsconnect.testkit.SignedRequests;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * An S3Proxy in this JVM on a loopback port, with an in-memory backend that checks SigV4 signatures and
 * enforces conditional creates, and the inline data-source keys (without the {@code datasource.} prefix)
 * that reach one of its buckets with access keys, path-style.
 */
final class LocalS3Server implements AutoCloseable {

    static final String ACCESS_KEY = "fsconnect-sink";
    static final String SECRET_KEY = "fsconnect-sink-secret";

    private final S3Proxy proxy;
    private final URI endpoint;

    private LocalS3Server(S3Proxy proxy) {
        this.proxy = proxy;
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    static LocalS3Server start() throws Exception {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY, SECRET_KEY)
                // The SDK sends headers S3Proxy does not know (checksum modes, session tokens).
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        Await.until("S3Proxy to start", Duration.ofSeconds(60), () -> "STARTED".equals(proxy.getState()));
        return new LocalS3Server(proxy);
    }

    URI endpoint() {
        return endpoint;
    }

    void createBucket(String bucket) throws Exception {
        SignedRequests.createS3Bucket(endpoint, "us-east-1", ACCESS_KEY, SECRET_KEY, bucket);
    }

    /** The data-source keys of {@code bucket}; files are created only if absent, which S3Proxy enforces. */
    Map<String, String> source(String bucket) {
        Map<String, String> source = new LinkedHashMap<>();
        source.put("type", "s3");
        source.put("name", "proxy");
        source.put("bucket", bucket);
        source.put("endpoint", endpoint.toString());
        source.put("path.style.access", "true");
        source.put("access.key.id", ACCESS_KEY);
        source.put("secret.access.key", SECRET_KEY);
        source.put("options.conditional.writes", "true");
        return source;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
