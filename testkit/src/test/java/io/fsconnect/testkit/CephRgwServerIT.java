package io.fsconnect.testkit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CephRgwServerIT {

    private static final String TRUST_ALICE = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":[\"arn:aws:iam:::user/alice\"]},\"Action\":[\"sts:AssumeRole\"]}]}";
    private static final String ALL_OF_S3 = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"s3:*\"],\"Resource\":[\"arn:aws:s3:::*\"]}]}";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesS3WithUsersAndRolesAndLeavesNothingBehind() throws IOException, InterruptedException {
        Path directory;
        try (CephRgwServer server = CephRgwServer.start()) {
            directory = server.directory();
            assertThat(server.endpoint().toString()).startsWith("http://127.0.0.1:");
            assertThat(server.region()).isEqualTo("us-east-1");
            assertThat(server.kmsKeyIds()).isNotEmpty();

            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(server.endpoint()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(200);
            assertThat(anonymous.body()).contains("ListAllMyBucketsResult");

            CephRgwServer.User alice = server.createUser("alice");
            CephRgwServer.User bob = server.createUser("bob");
            assertThat(alice.accessKeyId()).isNotBlank().isNotEqualTo(bob.accessKeyId());
            assertThat(alice.secretAccessKey()).isNotBlank().isNotEqualTo(bob.secretAccessKey());
            assertThat(alice.toString()).contains("alice").doesNotContain(alice.secretAccessKey());
            assertThat(server.userArn("alice")).isEqualTo("arn:aws:iam:::user/alice");

            // The gateway checks signatures: a request claiming alice's key with a wrong signature is refused.
            String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
            HttpResponse<String> forged = http.send(HttpRequest.newBuilder(server.endpoint())
                    .header("x-amz-date", date)
                    .header("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
                    .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + alice.accessKeyId() + "/"
                            + date.substring(0, 8) + "/us-east-1/s3/aws4_request, "
                            + "SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=" + "0".repeat(64))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(forged.statusCode()).isEqualTo(403);

            String arn = server.createRole("reader", TRUST_ALICE, ALL_OF_S3);
            assertThat(arn).isEqualTo("arn:aws:iam:::role/reader");
            assertThatThrownBy(() -> server.createRole("reader", TRUST_ALICE, ALL_OF_S3))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Cannot create role reader");
            assertThatThrownBy(() -> server.createUser("alice"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Cannot create user alice");
        }
        assertThat(Files.exists(directory)).as("server directory after close").isFalse();
    }
}
