package io.fsconnect.auth.gcp;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.LowLevelHttpRequest;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import io.fsconnect.auth.GcsDataSource;
import io.fsconnect.auth.GoogleAuth;
import io.fsconnect.auth.KeyMaterial;
import io.fsconnect.auth.Secret;
import io.fsconnect.auth.config.DataSourceParser;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.fsconnect.auth.gcp.ServiceAccountKeys.CLIENT_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class GoogleCredentialsLoaderTest {

    private static final KeyPair KEYS = ServiceAccountKeys.rsaKeyPair();

    /** Any HTTP request would be a token exchange or a metadata-server probe: none may happen here. */
    private final RefusingTransport transport = new RefusingTransport();
    private final GoogleCredentialsLoader loader = new GoogleCredentialsLoader(() -> transport);

    @TempDir
    Path dir;

    @Test
    void inlineKeyFromAParsedDataSourceSignsWithTheServiceAccountsPrivateKey() throws Exception {
        GcsDataSource source = (GcsDataSource) DataSourceParser.parse(Map.of("datasource.type", "gcs",
                "datasource.name", "training", "datasource.bucket", "fs-training",
                "datasource.key.json", ServiceAccountKeys.serviceAccountJson(KEYS)), "datasource.");

        GoogleCredentials credentials = loader.load(source.auth());

        assertThat(credentials).isInstanceOf(ServiceAccountCredentials.class);
        ServiceAccountCredentials account = (ServiceAccountCredentials) credentials;
        assertThat(account.getClientEmail()).isEqualTo(CLIENT_EMAIL);
        byte[] data = "a blob to sign".getBytes(StandardCharsets.UTF_8);
        assertThat(verifies(KEYS.getPublic(), data, account.sign(data))).isTrue();
        assertThat(transport.requests).isEmpty();
    }

    @Test
    void keyFileProducesASelfSignedJwtForTheService() throws Exception {
        Path file = Files.writeString(dir.resolve("sa.json"), ServiceAccountKeys.serviceAccountJson(KEYS));

        GoogleCredentials credentials = loader.load(new GoogleAuth.ServiceAccountKey(new KeyMaterial.File(file)));
        Map<String, List<String>> headers = credentials.getRequestMetadata(URI.create("https://storage.googleapis.com/"));

        String authorization = headers.get("Authorization").get(0);
        assertThat(authorization).startsWith("Bearer ");
        String[] jwt = authorization.substring("Bearer ".length()).split("\\.");
        assertThat(jwt).hasSize(3);
        assertThat(decode(jwt[0])).contains("\"alg\":\"RS256\"");
        assertThat(decode(jwt[1])).contains("\"iss\":\"" + CLIENT_EMAIL + "\"")
                .contains("\"aud\":\"https://storage.googleapis.com/\"");
        byte[] signed = (jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII);
        assertThat(verifies(KEYS.getPublic(), signed, Base64.getUrlDecoder().decode(jwt[2]))).isTrue();
        assertThat(verifies(ServiceAccountKeys.rsaKeyPair().getPublic(), signed,
                Base64.getUrlDecoder().decode(jwt[2]))).isFalse();
        assertThat(transport.requests).isEmpty();
    }

    @Test
    void malformedJsonIsReportedWithoutQuotingIt() {
        String planted = "PLANTED-SECRET-7f3a";
        String json = "{\"type\": \"service_account\", \"private_key\": \"" + planted + " \n oops";

        assertThatThrownBy(() -> loader.load(inline(json)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Cannot load the service-account key in key.json: it is not a JSON object")
                .satisfies(e -> assertThat(fullText(e)).doesNotContain(planted));
    }

    @Test
    void aKeyFileThatIsNotJsonNamesTheFileAndTheConfigKey() throws IOException {
        Path file = Files.writeString(dir.resolve("key.pem"), ServiceAccountKeys.pkcs8Pem(KEYS));

        assertThatThrownBy(() -> loader.load(new GoogleAuth.ServiceAccountKey(new KeyMaterial.File(file))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Cannot load the service-account key file " + file + " (key.path): "
                        + "it is not a JSON object")
                .satisfies(e -> assertThat(fullText(e)).doesNotContain("PRIVATE KEY"));
    }

    @Test
    void aCredentialOfAnotherTypeIsRefused() {
        String userCredentials = "{\"type\": \"authorized_user\", \"client_id\": \"1.apps.googleusercontent.com\","
                + " \"client_secret\": \"PLANTED-SECRET-91c2\", \"refresh_token\": \"1//0g-PLANTED\"}";

        assertThatThrownBy(() -> loader.load(inline(userCredentials)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Cannot load the service-account key in key.json: it is a \"authorized_user\" "
                        + "credential, not a service-account key")
                .satisfies(e -> assertThat(fullText(e)).doesNotContain("PLANTED"));
        assertThatThrownBy(() -> loader.load(inline("{\"private_key\": \"x\"}")))
                .hasMessageContaining("it has no \"type\"");
    }

    @Test
    void aKeyWithoutItsPrivateKeyIsRefused() {
        assertThatThrownBy(() -> loader.load(inline(ServiceAccountKeys.json("service_account", null))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Cannot load the service-account key in key.json: it has no \"private_key\". Use the JSON "
                        + "key file of a service account as it was downloaded.");
    }

    @Test
    void aCorruptPrivateKeyIsRefusedWithoutQuotingIt() {
        String corrupt = "-----BEGIN PRIVATE KEY-----\nPLANTEDSECRETx9cafe0123456789\n-----END PRIVATE KEY-----\n";

        assertThatThrownBy(() -> loader.load(inline(ServiceAccountKeys.json("service_account", corrupt))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Cannot load the service-account key in key.json: its \"private_key\" is not "
                        + "a PEM-encoded PKCS#8 RSA private key")
                .satisfies(e -> assertThat(fullText(e)).doesNotContain("PLANTEDSECRET"));
    }

    @Test
    void aMissingKeyFileNamesThePathAndSaysWhereItMustBe() {
        Path missing = dir.resolve("nowhere/sa.json");

        assertThatThrownBy(() -> loader.load(new GoogleAuth.ServiceAccountKey(new KeyMaterial.File(missing))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Cannot read the service-account key file " + missing + " (key.path): no such file on "
                        + "this worker. The key file must exist on every worker that runs the connector.");
    }

    @Test
    void applicationDefaultCredentialsComeFromGcloudsWellKnownFile() throws IOException {
        assumeThat(System.getenv("GOOGLE_APPLICATION_CREDENTIALS")).as("GOOGLE_APPLICATION_CREDENTIALS").isNull();
        assumeThat(System.getenv("CLOUDSDK_CONFIG")).as("CLOUDSDK_CONFIG").isNull();
        Path gcloud = Files.createDirectories(dir.resolve(".config/gcloud"));
        Files.writeString(gcloud.resolve("application_default_credentials.json"),
                ServiceAccountKeys.serviceAccountJson(KEYS));
        String home = System.getProperty("user.home");
        System.setProperty("user.home", dir.toString());
        GoogleCredentials credentials;
        try {
            credentials = loader.load(new GoogleAuth.ApplicationDefault());
        } finally {
            System.setProperty("user.home", home);
        }

        assertThat(credentials).isInstanceOfSatisfying(ServiceAccountCredentials.class,
                account -> assertThat(account.getClientEmail()).isEqualTo(CLIENT_EMAIL));
        assertThat(transport.requests).isEmpty();
    }

    private static GoogleAuth inline(String json) {
        return new GoogleAuth.ServiceAccountKey(new KeyMaterial.Inline(Secret.of(json)));
    }

    private static boolean verifies(PublicKey key, byte[] data, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update(data);
        return verifier.verify(signature);
    }

    private static String decode(String base64Url) {
        return new String(Base64.getUrlDecoder().decode(base64Url), StandardCharsets.UTF_8);
    }

    /** The messages of an exception and all its causes, as a log line with a stack trace would show them. */
    private static String fullText(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }

    private static final class RefusingTransport extends HttpTransport {

        final List<String> requests = new ArrayList<>();

        @Override
        protected LowLevelHttpRequest buildRequest(String method, String url) throws IOException {
            requests.add(method + " " + url);
            throw new IOException("This test makes no network calls: " + method + " " + url);
        }
    }
}
