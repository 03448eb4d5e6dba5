package io.fsconnect.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** CONFIG.md is the reference the code generates; run with -Dfsconnect.docs.update=true to refresh it. */
class ConfigReferenceTest {

    private static final Path DOC = Path.of("CONFIG.md");
    private static final String HOW_TO_REFRESH = "%s is stale: run " + ConfigReference.REFRESH_COMMAND;

    @Test
    void shippedReferenceIsUpToDate() throws IOException {
        String generated = ConfigReference.markdown();
        if (Boolean.getBoolean("fsconnect.docs.update")) {
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
        }
        assertThat(DOC).as(HOW_TO_REFRESH, DOC.toAbsolutePath()).exists();
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8)).as(HOW_TO_REFRESH, DOC.toAbsolutePath())
            .isEqualTo(generated);
    }

    @Test
    void everyKeyOfTheConnectorIsDocumentedWithoutSecretDefaults() {
        String reference = ConfigReference.markdown();
        for (String key : JdbcSourceConfig.configDef().names()) {
            assertThat(reference).contains("| `" + key + "` |");
        }
        assertThat(reference).contains("| `connection.password` | password |", "| `datasource` | password |",
            "`query.<name>.sql`", "`event.time.column`", "## Table discovery and named queries");
    }
}
