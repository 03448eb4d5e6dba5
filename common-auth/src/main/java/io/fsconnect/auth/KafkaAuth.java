package io.fsconnect.auth;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How a client authenticates to a Kafka cluster: not at all (or only by network), by a TLS client certificate from a
 * keystore, or by SASL (mechanism and JAAS configuration, which holds credentials and is therefore a secret).
 */
public sealed interface KafkaAuth {

    /** No client authentication. */
    record None() implements KafkaAuth {
    }

    /** A TLS client certificate: the keystore, its password and the password of the key in it. */
    record ClientCertificate(Path keystoreLocation, Optional<String> keystoreType, Secret keystorePassword,
                             Secret keyPassword) implements KafkaAuth {
        public ClientCertificate {
            Objects.requireNonNull(keystoreLocation, "keystoreLocation");
            Objects.requireNonNull(keystoreType, "keystoreType");
            Objects.requireNonNull(keystorePassword, "keystorePassword");
            Objects.requireNonNull(keyPassword, "keyPassword");
        }
    }

    /** SASL with the given mechanism (e.g. {@code SCRAM-SHA-512}) and, unless set elsewhere, its JAAS configuration. */
    record Sasl(String mechanism, Optional<Secret> jaasConfig) implements KafkaAuth {
        public Sasl {
            Objects.requireNonNull(mechanism, "mechanism");
            Objects.requireNonNull(jaasConfig, "jaasConfig");
        }
    }
}
