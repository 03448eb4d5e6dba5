package io.fsconnect.auth.check;

import io.fsconnect.auth.GcsDataSource;
import io.fsconnect.auth.GoogleAuth;
import io.fsconnect.auth.KeyMaterial;
import io.fsconnect.auth.LocalDataSource;
import io.fsconnect.auth.Options;
import io.fsconnect.auth.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Connection checks that need no server: local directories, Google keys, and redaction of quoted messages. */
class ConnectionCheckTest {

    @Test
    void anExistingDirectoryPassesAndAMissingOneIsReportedOnThePath(@TempDir Path dir) {
        assertThat(ConnectionCheck.defaults().check(local(dir))).isEmpty();

        Path missing = dir.resolve("missing");
        assertThat(ConnectionCheck.defaults().check(local(missing))).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("path");
            assertThat(problem.message()).startsWith("Cannot use directory " + missing).contains("does not exist");
        });
    }

    @Test
    void aMalformedServiceAccountKeyIsReportedOnTheKeyWithoutItsContent() {
        String planted = "{\"type\":\"service_account\",\"private_key\":\"planted-not-a-key-" + System.nanoTime()
                + "\"}";
        GcsDataSource gcs = new GcsDataSource("lake", Optional.empty(), "features", Optional.empty(),
                Optional.empty(), Optional.empty(),
                new GoogleAuth.ServiceAccountKey(new KeyMaterial.Inline(Secret.of(planted))), Options.none());

        List<Problem> problems = ConnectionCheck.defaults().check(gcs);

        assertThat(problems).as("%s", problems).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("key.json");
            assertThat(problem.message()).doesNotContain("planted-not-a-key");
        });
    }

    @Test
    void quotedMessagesLoseSecretsAndUrlSignatures() {
        Problem problem = Problem.scrubbed("connection.password", "Cannot sign in: s3cr3t refused at "
                + "https://acct.blob.core.windows.net/c?sv=2024&sig=abc%2Fdef&se=1", List.of(Secret.of("s3cr3t")));

        assertThat(problem.message()).isEqualTo("Cannot sign in: [hidden] refused at "
                + "https://acct.blob.core.windows.net/c?sv=2024&sig=[hidden]&se=1");
        assertThat(problem.withPrefix("datasource.").key()).isEqualTo("datasource.connection.password");
    }

    private static LocalDataSource local(Path path) {
        return new LocalDataSource("files", Optional.empty(), path, Options.none());
    }
}
