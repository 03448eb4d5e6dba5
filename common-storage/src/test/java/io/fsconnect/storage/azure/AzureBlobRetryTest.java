package io.fsconnect.storage.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fsconnect.auth.AdlsDataSource;
import io.fsconnect.auth.AzureAuth;
import io.fsconnect.auth.Options;
import io.fsconnect.auth.Secret;
import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectStores;
import io.fsconnect.storage.ScriptedHttpServer;
import io.fsconnect.storage.ScriptedHttpServer.Reply;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Azure store tries each request as often as the tuning says ({@code store.retry.max.attempts} of the sink), not
 * as often as the SDK would by default, and does not repeat a request the service refused: shown against a real HTTP
 * server on loopback that answers the Blob API's delete with scripted replies.
 */
class AzureBlobRetryTest {

    private static final String ACCOUNT = "devstoreaccount1";
    private static final String BLOBS = "/" + ACCOUNT + "/training/";
    private static final Reply BUSY = error(503, "ServerBusy", "The server is busy.");
    private static final Reply GONE = error(404, "BlobNotFound", "The specified blob does not exist.");
    private static final Reply DENIED = error(403, "AuthorizationFailure",
            "This request is not authorized to perform this operation.");

    private ScriptedHttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = ScriptedHttpServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void aBusyServiceIsAskedAgainUntilItAnswers() throws IOException {
        server.answer(BLOBS, BUSY, BUSY, BUSY, GONE);

        try (ObjectStore store = open(5)) {
            store.delete("t/x.json");
        }

        assertThat(server.requests(BLOBS)).isEqualTo(4);
        assertThat(server.unexpectedRequests()).isEmpty();
    }

    @Test
    void aServiceThatStaysBusyIsAskedExactlyTheConfiguredNumberOfTimes() throws IOException {
        server.answer(BLOBS, BUSY);

        try (ObjectStore store = open(5)) {
            assertThatThrownBy(() -> store.delete("t/x.json"))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("Cannot delete object t/x.json")
                    .hasMessageContaining("503");
        }

        assertThat(server.requests(BLOBS)).isEqualTo(5);
    }

    @Test
    void aRefusalIsNotRetried() throws IOException {
        server.answer(BLOBS, DENIED);

        try (ObjectStore store = open(5)) {
            assertThatThrownBy(() -> store.delete("t/x.json"))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("403");
        }

        assertThat(server.requests(BLOBS)).isEqualTo(1);
    }

    private ObjectStore open(int attempts) throws IOException {
        String key = Base64.getEncoder().encodeToString("not-a-real-account-key-0123456789".getBytes());
        AdlsDataSource source = new AdlsDataSource("lake", Optional.empty(), 2, ACCOUNT, Optional.of("training"),
                Optional.empty(), Optional.of(server.endpoint().resolve("/" + ACCOUNT)),
                new AzureAuth.AccountKey(Secret.of(key)), Options.none());
        return ObjectStores.open(source, ObjectStores.Tuning.DEFAULTS.withRetries(attempts, Duration.ofMillis(10)));
    }

    private static Reply error(int status, String code, String message) {
        return new Reply(status, Map.of("Content-Type", "application/xml", "x-ms-error-code", code),
                "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" + code + "</Code><Message>" + message
                        + "</Message></Error>");
    }
}
