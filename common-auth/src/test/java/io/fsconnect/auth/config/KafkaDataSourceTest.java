package io.fsconnect.auth.config;

import io.fsconnect.auth.KafkaAuth;
import io.fsconnect.auth.KafkaDataSource;
import io.fsconnect.auth.Secret;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static io.fsconnect.auth.config.Definitions.SECRET;
import static io.fsconnect.auth.config.Definitions.SECRET_2;
import static io.fsconnect.auth.config.Definitions.def;
import static io.fsconnect.auth.config.Definitions.errors;
import static io.fsconnect.auth.config.Definitions.valid;
import static io.fsconnect.auth.config.Definitions.with;
import static org.assertj.core.api.Assertions.assertThat;

class KafkaDataSourceTest {

    private static final Map<String, String> BASE = def("type", "kafka", "name", "events",
            "bootstrap.servers", "b1:9093,b2:9093");
    private static final Map<String, String> SSL = with(BASE, "security.protocol", "SSL",
            "ssl.truststore.location", "/etc/kafka/trust.p12", "ssl.truststore.password", SECRET_2);

    @Test
    void plaintextWithoutAuthentication() {
        KafkaDataSource kafka = (KafkaDataSource) valid(BASE);
        assertThat(kafka.bootstrapServers()).containsExactly("b1:9093", "b2:9093");
        assertThat(kafka.securityProtocol()).isEqualTo(KafkaDataSource.SecurityProtocol.PLAINTEXT);
        assertThat(kafka.auth()).isEqualTo(new KafkaAuth.None());
        assertThat(kafka.endpointIdentificationAlgorithm()).isEqualTo("https");
    }

    @Test
    void clientCertificate() {
        KafkaDataSource kafka = (KafkaDataSource) valid(with(SSL, "ssl.keystore.location", "/etc/kafka/key.p12",
                "ssl.keystore.password", SECRET, "ssl.key.password", SECRET, "ssl.endpoint.identification.algorithm",
                ""));
        assertThat(kafka.auth()).isEqualTo(new KafkaAuth.ClientCertificate(Path.of("/etc/kafka/key.p12"),
                Optional.empty(), Secret.of(SECRET), Secret.of(SECRET)));
        assertThat(kafka.trustStore().orElseThrow().password()).contains(Secret.of(SECRET_2));
        assertThat(kafka.endpointIdentificationAlgorithm()).isEmpty();
    }

    @Test
    void sasl() {
        String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\""
                + SECRET + "\";";
        KafkaDataSource kafka = (KafkaDataSource) valid(with(BASE, "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", jaas));
        assertThat(kafka.auth()).isEqualTo(new KafkaAuth.Sasl("SCRAM-SHA-512", Optional.of(Secret.of(jaas))));
    }

    @Test
    void sslKeyPasswordIsRequiredWithAKeystore() {
        assertThat(errors(with(SSL, "ssl.keystore.location", "/k.p12", "ssl.keystore.password", SECRET)))
                .containsOnlyKeys("ssl.key.password")
                .extractingByKey("ssl.key.password").asList().first().asString().contains("ssl.keystore.location");
        assertThat(errors(with(SSL, "ssl.key.password", SECRET))).containsOnlyKeys("ssl.key.password");
    }

    @Test
    void settingsOfAnotherProtocol() {
        assertThat(errors(with(BASE, "ssl.truststore.location", "/t.p12", "sasl.mechanism", "PLAIN")))
                .containsOnlyKeys("ssl.truststore.location", "sasl.mechanism");
        assertThat(errors(with(BASE, "security.protocol", "SASL_SSL", "ssl.keystore.location", "/k.p12",
                "ssl.keystore.password", SECRET, "ssl.key.password", SECRET)))
                .containsOnlyKeys("ssl.keystore.location", "ssl.keystore.password", "ssl.key.password");
        assertThat(errors(with(BASE, "security.protocol", "TLS"))).containsOnlyKeys("security.protocol");
        assertThat(errors(def("type", "kafka", "name", "events"))).containsOnlyKeys("bootstrap.servers");
    }
}
