package io.fsconnect.auth.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The key reference shipped in the module is the one the code generates; run with -Dfsconnect.docs.update=true to refresh it. */
class DataSourceKeyReferenceTest {

    private static final Path DOC = Path.of("DATASOURCE-KEYS.md");

    @Test
    void shippedReferenceIsUpToDate() throws IOException {
        String generated = DataSourceKeyReference.markdown();
        if (Boolean.getBoolean("fsconnect.docs.update")) {
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
        }
        assertThat(DOC).as("%s is stale: run mvn -pl common-auth test -Dtest=DataSourceKeyReferenceTest "
                + "-Dfsconnect.docs.update=true", DOC.toAbsolutePath()).exists();
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8)).as("%s is stale: run mvn -pl common-auth test "
                + "-Dtest=DataSourceKeyReferenceTest -Dfsconnect.docs.update=true", DOC).isEqualTo(generated);
    }

    @Test
    void everyKindDocumentsItsAuthenticationKeys() {
        assertThat(DataSourceKeyReference.markdown())
                .contains("## `type=s3`", "`iam.role`", "`iam.session.duration.seconds` | int | `3600`",
                        "## `type=snowflake`", "`private.key` | password", "## `type=kafka`", "`ssl.key.password`");
    }
}
