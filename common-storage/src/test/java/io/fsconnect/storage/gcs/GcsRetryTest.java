package io.fsconnect.storage.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fsconnect.auth.GcsDataSource;
import io.fsconnect.auth.GoogleAuth;
import io.fsconnect.auth.KeyMaterial;
import io.fsconnect.auth.Options;
import io.fsconnect.auth.Secret;
import io.fsconnect.storage.NoSuchObjectException;
import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectStores;
import io.fsconnect.storage.ScriptedHttpServer;
import io.fsconnect.storage.ScriptedHttpServer.Reply;
import java.io.IOException;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The GCS store tries each request as often as the tuning says ({@code store.retry.max.attempts} of the sink), not
 * as often as the client library would by default, and does not repeat a request GCS refused: shown against a real
 * HTTP server on loopback that serves the OAuth token of a service-account key and answers the JSON API's object
 * lookup with scripted replies.
 */
class GcsRetryTest {

    private static final String OBJECTS = "/storage/v1/b/training/o";
    private static final Reply BUSY = error(503, "Backend Error");
    private static final Reply MISSING = error(404, "No such object: training/t/x.json");
    private static final Reply DENIED = error(403, "fsconnect-sink does not have storage.objects.get access");

    private ScriptedHttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = ScriptedHttpServer.start().answer("/token", Reply.of(200, "application/json",
                "{\"access_token\":\"ya29.local\",\"expires_in\":3600,\"token_type\":\"Bearer\"}"));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void aBusyServiceIsAskedAgainUntilItAnswers() throws IOException {
        server.answer(OBJECTS, BUSY, BUSY, BUSY, MISSING);

        try (ObjectStore store = open(5)) {
            assertThatThrownBy(() -> store.open("t/x.json")).isInstanceOf(NoSuchObjectException.class);
        }

        assertThat(server.requests(OBJECTS)).isEqualTo(4);
        assertThat(server.unexpectedRequests()).isEmpty();
    }

    @Test
    void aServiceThatStaysBusyIsAskedExactlyTheConfiguredNumberOfTimes() throws IOException {
        server.answer(OBJECTS, BUSY);

        try (ObjectStore store = open(3)) {
            assertThatThrownBy(() -> store.open("t/x.json"))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("Cannot open object t/x.json")
                    .hasMessageContaining("503");
        }

        assertThat(server.requests(OBJECTS)).isEqualTo(3);
    }

    @Test
    void aRefusalIsNotRetried() throws IOException {
        server.answer(OBJECTS, DENIED);

        try (ObjectStore store = open(5)) {
            assertThatThrownBy(() -> store.open("t/x.json"))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("403");
        }

        assertThat(server.requests(OBJECTS)).isEqualTo(1);
    }

    private ObjectStore open(int attempts) throws IOException {
        GcsDataSource source = new GcsDataSource("bucket", Optional.empty(), "training", Optional.empty(),
                Optional.of(server.endpoint()), Optional.empty(),
                new GoogleAuth.ServiceAccountKey(new KeyMaterial.Inline(Secret.of(serviceAccountKey()))),
                Options.none());
        return ObjectStores.open(source, ObjectStores.Tuning.DEFAULTS.withRetries(attempts, Duration.ofMillis(10)));
    }

    /** A fresh key whose tokens come from the scripted server. */
    private String serviceAccountKey() {
        String pem;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pem = "-----BEGIN PRIVATE KEY-----\\n" + Base64.getEncoder().encodeToString(
                    generator.generateKeyPair().getPrivate().getEncoded()) + "\\n-----END PRIVATE KEY-----\\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return "{\"type\":\"service_account\",\"project_id\":\"fs-project\",\"private_key_id\":\"k1\","
                + "\"private_key\":\"" + pem + "\",\"client_email\":\"sink@fs-project.iam.gserviceaccount.com\","
                + "\"client_id\":\"1\",\"token_uri\":\"" + server.endpoint() + "/token\"}";
    }

    private static Reply error(int status, String message) {
        return Reply.of(status, "application/json", "{\"error\":{\"code\":" + status + ",\"message\":\"" + message
                + "\",\"errors\":[{\"message\":\"" + message + "\",\"reason\":\"" + (status == 403 ? "forbidden"
                : "backendError") + "\"}]}}");
    }
}
