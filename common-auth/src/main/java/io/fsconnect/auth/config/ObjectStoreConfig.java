package io.fsconnect.auth.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** Keys shared by the object stores (S3, ADLS, GCS): bucket, path prefix and a custom endpoint. */
public final class ObjectStoreConfig {

    public static final String BUCKET = "bucket";
    public static final String BUCKET_DOC = "The bucket's name (not a URL).";

    public static final String PATH = "path";
    public static final String PATH_DOC = "A prefix (directory) inside the bucket or container that the data source is "
            + "restricted to, without a leading '/'.";

    public static final String ENDPOINT = "endpoint";
    public static final String ENDPOINT_DOC = "The service endpoint URL, for compatible stores, emulators and "
            + "sovereign clouds; the provider's public endpoint otherwise.";

    static final String GROUP = "Location";

    private ObjectStoreConfig() {
    }

    static void defineBucket(KeyGroup group) {
        group.define(BUCKET, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, KeyGroup.described("a bucket name", ObjectStoreConfig::validateBucket),
                Importance.HIGH, BUCKET_DOC, Width.MEDIUM, "Bucket");
    }

    static void definePathAndEndpoint(KeyGroup group) {
        group.define(PATH, Type.STRING, null, Importance.MEDIUM, PATH_DOC, Width.LONG, "Path prefix")
                .define(ENDPOINT, Type.STRING, null, KeyGroup.described("an http(s) URL", ObjectStoreConfig::validateEndpoint), Importance.LOW,
                        ENDPOINT_DOC, Width.LONG, "Endpoint");
    }

    static Optional<String> path(Fields fields) {
        return fields.string(PATH).map(p -> p.replaceAll("^/+", ""));
    }

    static Optional<URI> endpoint(Fields fields) {
        return fields.string(ENDPOINT).map(URI::create);
    }

    private static void validateBucket(String name, Object value) {
        if (value != null && (((String) value).contains("/") || ((String) value).contains(":"))) {
            throw new ConfigException(name, value, "a bucket name has no '/' or ':'; put a prefix in "
                    + PATH);
        }
    }

    static void validateEndpoint(String name, Object value) {
        if (value == null) {
            return;
        }
        try {
            URI uri = new URI((String) value);
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new ConfigException(name, value, "expected an http or https URL with a host");
            }
        } catch (URISyntaxException e) {
            throw new ConfigException(name, value, "not a URL: " + e.getReason());
        }
    }
}
