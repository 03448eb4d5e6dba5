package io.fsconnect.auth;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Kafka cluster: bootstrap servers, security protocol, an optional truststore, the hostname verification algorithm
 * (empty to disable it) and one client authentication mode. {@link #options()} are further client properties.
 */
public record KafkaDataSource(String name, Optional<String> description, List<String> bootstrapServers,
                              SecurityProtocol securityProtocol, Optional<TrustStore> trustStore,
                              String endpointIdentificationAlgorithm, KafkaAuth auth, Options options)
        implements DataSource {

    public KafkaDataSource {
        DataSource.requireValidName(name);
        Objects.requireNonNull(description, "description");
        bootstrapServers = List.copyOf(bootstrapServers);
        Objects.requireNonNull(securityProtocol, "securityProtocol");
        Objects.requireNonNull(trustStore, "trustStore");
        Objects.requireNonNull(endpointIdentificationAlgorithm, "endpointIdentificationAlgorithm");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(options, "options");
        if (bootstrapServers.isEmpty()) {
            throw new IllegalArgumentException("Cannot create Kafka data source " + name + ": no bootstrap servers");
        }
        if (auth instanceof KafkaAuth.Sasl && !securityProtocol.sasl()) {
            throw new IllegalArgumentException("Cannot create Kafka data source " + name
                    + ": SASL needs security protocol SASL_PLAINTEXT or SASL_SSL");
        }
        if (auth instanceof KafkaAuth.ClientCertificate && securityProtocol != SecurityProtocol.SSL) {
            throw new IllegalArgumentException("Cannot create Kafka data source " + name
                    + ": a client certificate needs security protocol SSL");
        }
    }

    @Override
    public DataSourceType type() {
        return DataSourceType.KAFKA;
    }

    /** Kafka's security protocols. */
    public enum SecurityProtocol {
        PLAINTEXT(false, false), SSL(true, false), SASL_PLAINTEXT(false, true), SASL_SSL(true, true);

        private final boolean tls;
        private final boolean sasl;

        SecurityProtocol(boolean tls, boolean sasl) {
            this.tls = tls;
            this.sasl = sasl;
        }

        /** Whether the connection uses TLS. */
        public boolean tls() {
            return tls;
        }

        /** Whether the client authenticates with SASL. */
        public boolean sasl() {
            return sasl;
        }
    }

    /** The truststore that holds the certificates to trust, with its optional password and type. */
    public record TrustStore(Path location, Optional<String> type, Optional<Secret> password) {
        public TrustStore {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(password, "password");
        }
    }
}
