package io.fsconnect.source.objectstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The key reference shipped in the module is the one the code generates; run with -Dfsconnect.docs.update=true to refresh it. */
class ConfigReferenceTest {

    private static final Path DOC = Path.of("CONFIG.md");
    private static final String HOW = "run mvn -pl source-object-store -am test -Dtest=ConfigReferenceTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dfsconnect.docs.update=true";

    @Test
    void shippedReferenceIsUpToDate() throws IOException {
        String generated = ConfigReference.markdown();
        if (Boolean.getBoolean("fsconnect.docs.update")) {
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
        }
        assertThat(DOC).as("%s is missing: %s", DOC.toAbsolutePath(), HOW).exists();
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8)).as("%s is stale: %s", DOC, HOW).isEqualTo(generated);
    }
}
