package io.fsconnect.testkit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class AzuriteServerIT {

    private static final String API_VERSION = "2021-08-06";

    @Test
    void servesTheDevelopmentAccountOverHttpAndRefusesAnonymousListing() throws Exception {
        URI endpoint;
        try (AzuriteServer azurite = AzuriteServer.start()) {
            endpoint = azurite.blobEndpoint();
            assertThat(endpoint.toString()).isEqualTo("http://127.0.0.1:" + azurite.port() + "/devstoreaccount1");
            assertThat(azurite.connectionString()).contains("AccountName=devstoreaccount1", "BlobEndpoint=" + endpoint);

            HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(endpoint + "?comp=list")).header("x-ms-version", API_VERSION).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(403);
        }
        assertThat(refusesConnections(endpoint)).as("Azurite still listening after close").isTrue();
    }

    @Test
    void acceptsABearerTokenFromTheLocalTokenEndpointOverHttpsAndTheEndpointRefusesAWrongSecret() throws Exception {
        try (LocalTokenEndpoint tokens = LocalTokenEndpoint.start();
             AzuriteServer azurite = AzuriteServer.startHttpsWithOAuth(tokens.keyStore(), tokens.keyStorePassword())) {
            Path keyStore = tokens.keyStore();
            assertThat(Files.isRegularFile(keyStore)).isTrue();
            assertThat(azurite.blobEndpoint().getScheme()).isEqualTo("https");
            HttpClient client = HttpClient.newBuilder().sslContext(tokens.trustingSslContext()).build();

            HttpResponse<String> refused = requestToken(client, tokens, "not-" + tokens.clientSecret());
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).contains("invalid_client", "AADSTS7000215").doesNotContain(tokens.clientSecret());
            assertThat(tokens.rejections()).isEqualTo(1);

            HttpResponse<String> granted = requestToken(client, tokens, tokens.clientSecret());
            assertThat(granted.statusCode()).isEqualTo(200);
            Matcher accessToken = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(granted.body());
            assertThat(accessToken.find()).isTrue();
            assertThat(tokens.tokensIssued()).isEqualTo(1);

            HttpResponse<String> listing = client.send(HttpRequest.newBuilder(URI.create(azurite.blobEndpoint() + "?comp=list"))
                    .header("x-ms-version", API_VERSION)
                    .header("Authorization", "Bearer " + accessToken.group(1)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(listing.statusCode()).as(listing.body()).isEqualTo(200);
            assertThat(listing.body()).contains("<EnumerationResults");

            HttpResponse<String> forged = client.send(HttpRequest.newBuilder(URI.create(azurite.blobEndpoint() + "?comp=list"))
                    .header("x-ms-version", API_VERSION).header("Authorization", "Bearer not-a-token").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(forged.statusCode()).as("a token that is not a JWT").isEqualTo(403);
        }
    }

    private static HttpResponse<String> requestToken(HttpClient client, LocalTokenEndpoint tokens, String secret)
            throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id=" + tokens.clientId()
                + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode("https://storage.azure.com/.default", StandardCharsets.UTF_8);
        return client.send(HttpRequest.newBuilder(URI.create(tokens.authorityHost() + "/" + tokens.tenantId()
                        + "/oauth2/v2.0/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean refusesConnections(URI endpoint) throws InterruptedException {
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
