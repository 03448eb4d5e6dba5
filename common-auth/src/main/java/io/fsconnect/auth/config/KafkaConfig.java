package io.fsconnect.auth.config;

import io.fsconnect.auth.KafkaAuth;
import io.fsconnect.auth.KafkaDataSource;
import io.fsconnect.auth.KafkaDataSource.SecurityProtocol;
import io.fsconnect.auth.KafkaDataSource.TrustStore;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The keys of a {@code kafka} data source, named as the Kafka clients name them. A client certificate (keystore, its
 * password and the key password) needs {@code SSL}; SASL needs a {@code SASL_*} protocol; the two exclude each other.
 * Other client properties go under {@code options.}.
 */
public final class KafkaConfig {

    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String BOOTSTRAP_SERVERS_DOC = "The brokers to connect to first, host:port separated by ','.";

    public static final String SECURITY_PROTOCOL = "security.protocol";
    public static final String SECURITY_PROTOCOL_DOC = "How clients talk to the brokers.";
    public static final String SECURITY_PROTOCOL_DEFAULT = SecurityProtocol.PLAINTEXT.name();

    public static final String SSL_TRUSTSTORE_LOCATION = "ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_LOCATION_DOC = "The truststore file on every worker; the JVM's "
            + "trusted certificates when not set.";

    public static final String SSL_TRUSTSTORE_TYPE = "ssl.truststore.type";
    public static final String SSL_TRUSTSTORE_TYPE_DOC = "The truststore format, e.g. JKS or PKCS12; the client's "
            + "default when not set.";

    public static final String SSL_TRUSTSTORE_PASSWORD = "ssl.truststore.password";
    public static final String SSL_TRUSTSTORE_PASSWORD_DOC = "The truststore's password.";

    public static final String SSL_KEYSTORE_LOCATION = "ssl.keystore.location";
    public static final String SSL_KEYSTORE_LOCATION_DOC = "The keystore file with the client certificate, on every "
            + "worker. Requires security.protocol=SSL.";

    public static final String SSL_KEYSTORE_TYPE = "ssl.keystore.type";
    public static final String SSL_KEYSTORE_TYPE_DOC = "The keystore format, e.g. JKS or PKCS12; the client's default "
            + "when not set.";

    public static final String SSL_KEYSTORE_PASSWORD = "ssl.keystore.password";
    public static final String SSL_KEYSTORE_PASSWORD_DOC = "The keystore's password.";

    public static final String SSL_KEY_PASSWORD = "ssl.key.password";
    public static final String SSL_KEY_PASSWORD_DOC = "The password of the private key in the keystore.";

    public static final String SSL_ENDPOINT_IDENTIFICATION_ALGORITHM = "ssl.endpoint.identification.algorithm";
    public static final String SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_DOC = "How the brokers' host names are "
            + "verified against their certificates; empty disables the check.";
    public static final String SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_DEFAULT = "https";

    public static final String SASL_MECHANISM = "sasl.mechanism";
    public static final String SASL_MECHANISM_DOC = "The SASL mechanism, e.g. SCRAM-SHA-512, PLAIN, OAUTHBEARER.";
    public static final String SASL_MECHANISM_DEFAULT = "GSSAPI";

    public static final String SASL_JAAS_CONFIG = "sasl.jaas.config";
    public static final String SASL_JAAS_CONFIG_DOC = "The JAAS login configuration, with the credentials.";

    private static final List<String> TLS_KEYS = List.of(SSL_TRUSTSTORE_LOCATION, SSL_TRUSTSTORE_TYPE,
            SSL_TRUSTSTORE_PASSWORD, SSL_KEYSTORE_LOCATION, SSL_KEYSTORE_TYPE, SSL_KEYSTORE_PASSWORD, SSL_KEY_PASSWORD);
    private static final List<String> KEYSTORE_KEYS = List.of(SSL_KEYSTORE_LOCATION, SSL_KEYSTORE_TYPE,
            SSL_KEYSTORE_PASSWORD, SSL_KEY_PASSWORD);
    private static final List<String> SASL_KEYS = List.of(SASL_MECHANISM, SASL_JAAS_CONFIG);

    private KafkaConfig() {
    }

    static void define(ConfigDef def) {
        new KeyGroup(def, "Connection")
                .define(BOOTSTRAP_SERVERS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, KeyGroup.described("host:port,...", (name, value) -> {
                    if (value instanceof List<?> list && list.isEmpty()) {
                        throw new org.apache.kafka.common.config.ConfigException(name, value,
                                "give at least one host:port");
                    }
                }), Importance.HIGH, BOOTSTRAP_SERVERS_DOC, Width.LONG, "Bootstrap servers")
                .define(SECURITY_PROTOCOL, Type.STRING, SECURITY_PROTOCOL_DEFAULT,
                        ConfigDef.ValidString.in(Arrays.stream(SecurityProtocol.values()).map(Enum::name)
                                .toArray(String[]::new)),
                        Importance.HIGH, SECURITY_PROTOCOL_DOC, Width.SHORT, "Security protocol");
        new KeyGroup(def, "TLS")
                .define(SSL_TRUSTSTORE_LOCATION, Type.STRING, null, Importance.MEDIUM, SSL_TRUSTSTORE_LOCATION_DOC,
                        Width.LONG, "Truststore")
                .define(SSL_TRUSTSTORE_TYPE, Type.STRING, null, Importance.LOW, SSL_TRUSTSTORE_TYPE_DOC, Width.SHORT,
                        "Truststore type")
                .define(SSL_TRUSTSTORE_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM, SSL_TRUSTSTORE_PASSWORD_DOC,
                        Width.MEDIUM, "Truststore password")
                .define(SSL_ENDPOINT_IDENTIFICATION_ALGORITHM, Type.STRING,
                        SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_DEFAULT, Importance.LOW,
                        SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_DOC, Width.SHORT, "Endpoint identification");
        new KeyGroup(def, "Authentication")
                .define(SSL_KEYSTORE_LOCATION, Type.STRING, null, Importance.MEDIUM, SSL_KEYSTORE_LOCATION_DOC,
                        Width.LONG, "Keystore")
                .define(SSL_KEYSTORE_TYPE, Type.STRING, null, Importance.LOW, SSL_KEYSTORE_TYPE_DOC, Width.SHORT,
                        "Keystore type")
                .define(SSL_KEYSTORE_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM, SSL_KEYSTORE_PASSWORD_DOC,
                        Width.MEDIUM, "Keystore password")
                .define(SSL_KEY_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM, SSL_KEY_PASSWORD_DOC, Width.MEDIUM,
                        "Key password")
                .define(SASL_MECHANISM, Type.STRING, null, Importance.MEDIUM, SASL_MECHANISM_DOC, Width.MEDIUM,
                        "SASL mechanism")
                .define(SASL_JAAS_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, SASL_JAAS_CONFIG_DOC, Width.LONG,
                        "SASL JAAS config");
    }

    static Optional<KafkaDataSource> read(Fields fields, String name) {
        SecurityProtocol protocol = SecurityProtocol.valueOf(fields.stringOrDefault(SECURITY_PROTOCOL));
        if (!protocol.tls()) {
            for (String key : TLS_KEYS) {
                if (fields.present(key)) {
                    fields.problem(key, fields.key(key) + " applies only to " + fields.key(SECURITY_PROTOCOL)
                            + " SSL or SASL_SSL, not " + protocol);
                }
            }
        }
        if (!protocol.sasl()) {
            for (String key : SASL_KEYS) {
                if (fields.present(key)) {
                    fields.problem(key, fields.key(key) + " applies only to " + fields.key(SECURITY_PROTOCOL)
                            + " SASL_PLAINTEXT or SASL_SSL, not " + protocol);
                }
            }
        }
        if (protocol == SecurityProtocol.SASL_SSL && KEYSTORE_KEYS.stream().anyMatch(fields::present)) {
            KEYSTORE_KEYS.stream().filter(fields::present).forEach(key -> fields.problem(key, fields.key(key)
                    + " sets up a client certificate, but with SASL_SSL the client signs in with SASL; use "
                    + "security.protocol=SSL for certificate authentication"));
        }
        if (fields.present(SSL_TRUSTSTORE_PASSWORD) && !fields.present(SSL_TRUSTSTORE_LOCATION)) {
            fields.problem(SSL_TRUSTSTORE_PASSWORD, fields.key(SSL_TRUSTSTORE_PASSWORD) + " needs "
                    + fields.key(SSL_TRUSTSTORE_LOCATION));
        }
        if (protocol == SecurityProtocol.SSL) {
            boolean keystore = fields.present(SSL_KEYSTORE_LOCATION);
            for (String key : List.of(SSL_KEYSTORE_TYPE, SSL_KEYSTORE_PASSWORD, SSL_KEY_PASSWORD)) {
                if (!keystore && fields.present(key)) {
                    fields.problem(key, fields.key(key) + " needs " + fields.key(SSL_KEYSTORE_LOCATION));
                }
                if (keystore && !key.equals(SSL_KEYSTORE_TYPE) && !fields.present(key)) {
                    fields.problem(key, fields.key(key) + " is required with " + fields.key(SSL_KEYSTORE_LOCATION)
                            + " for SSL client authentication");
                }
            }
        }
        if (fields.hasProblems()) {
            return Optional.empty();
        }
        Optional<TrustStore> trustStore = fields.string(SSL_TRUSTSTORE_LOCATION).map(location -> new TrustStore(
                Path.of(location), fields.string(SSL_TRUSTSTORE_TYPE), fields.secret(SSL_TRUSTSTORE_PASSWORD)));
        KafkaAuth auth;
        if (protocol.sasl()) {
            auth = new KafkaAuth.Sasl(fields.string(SASL_MECHANISM).orElse(SASL_MECHANISM_DEFAULT),
                    fields.secret(SASL_JAAS_CONFIG));
        } else if (fields.has(SSL_KEYSTORE_LOCATION)) {
            auth = new KafkaAuth.ClientCertificate(Path.of(fields.required(SSL_KEYSTORE_LOCATION)),
                    fields.string(SSL_KEYSTORE_TYPE), fields.secret(SSL_KEYSTORE_PASSWORD).get(),
                    fields.secret(SSL_KEY_PASSWORD).get());
        } else {
            auth = new KafkaAuth.None();
        }
        return Optional.of(new KafkaDataSource(name, fields.string(DataSourceConfig.DESCRIPTION),
                fields.list(BOOTSTRAP_SERVERS), protocol, trustStore,
                fields.stringOrDefault(SSL_ENDPOINT_IDENTIFICATION_ALGORITHM), auth, fields.options()));
    }
}
