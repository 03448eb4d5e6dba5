package io.fsconnect.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretTest {

    @Test
    void neverShowsItsValue() {
        Secret secret = Secret.of("hunter2");
        assertThat(secret.toString()).isEqualTo("[hidden]");
        assertThat(secret.reveal()).isEqualTo("hunter2");
        assertThat(String.valueOf(new AwsAuth.AccessKeys("AKIA", secret, Optional.of(secret)))).doesNotContain("hunter2");
        assertThat(Options.of(java.util.Map.of("password", "hunter2")).toString()).doesNotContain("hunter2");
    }

    @Test
    void equalityByValueWithoutAValueHash() {
        assertThat(Secret.of("a")).isEqualTo(Secret.of("a")).isNotEqualTo(Secret.of("b"));
        assertThat(Secret.of("a").hashCode()).isEqualTo(Secret.of("b").hashCode());
    }

    @Test
    void recordsRejectWhatTheParserWouldReject() {
        assertThatThrownBy(() -> new AwsAuth.AssumeRole("arn:aws:iam::123456789012:role/r", Optional.empty(),
                Optional.empty(), Duration.ofHours(2), Optional.of(new AwsAuth.AssumeRole(
                "arn:aws:iam::123456789012:role/s", Optional.empty(), Optional.empty(), Duration.ofHours(1),
                Optional.empty())))).hasMessageContaining("3600");
        assertThatThrownBy(() -> new LocalDataSource("bad name", Optional.empty(), java.nio.file.Path.of("/x"),
                Options.none())).hasMessageContaining("name");
    }
}
