package io.fsconnect.auth.gcp;

import io.fsconnect.auth.GoogleAuth;
import io.fsconnect.auth.KeyMaterial;
import io.fsconnect.auth.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The GCS/BigQuery connection check builds credentials from a key without calling Google. */
class GoogleCredentialsCheckTest {

    @Test
    void aServiceAccountKeyInlineOrInAFilePasses(@TempDir Path dir) throws IOException {
        String json = ServiceAccountKeys.serviceAccountJson(ServiceAccountKeys.rsaKeyPair());
        Path file = Files.writeString(dir.resolve("key.json"), json);

        assertThat(GoogleCredentialsCheck.check(new GoogleAuth.ServiceAccountKey(
                new KeyMaterial.Inline(Secret.of(json))))).isEmpty();
        assertThat(GoogleCredentialsCheck.check(new GoogleAuth.ServiceAccountKey(new KeyMaterial.File(file))))
                .isEmpty();
    }

    @Test
    void aKeyFileThatIsNotAServiceAccountKeyIsReportedOnTheKeyPath(@TempDir Path dir) throws IOException {
        String pem = ServiceAccountKeys.pkcs8Pem(ServiceAccountKeys.rsaKeyPair());
        Path file = Files.writeString(dir.resolve("key.json"), ServiceAccountKeys.json("authorized_user", pem));

        assertThat(GoogleCredentialsCheck.check(new GoogleAuth.ServiceAccountKey(new KeyMaterial.File(file))))
                .singleElement().satisfies(problem -> {
                    assertThat(problem.key()).isEqualTo("key.path");
                    assertThat(problem.message()).contains(file.toString(), "service_account")
                            .doesNotContain(pem.lines().skip(1).findFirst().orElseThrow());
                });
    }
}
