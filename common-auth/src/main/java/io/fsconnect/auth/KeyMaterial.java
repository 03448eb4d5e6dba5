package io.fsconnect.auth;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a private key or key file comes from: inline (the key itself, kept as a {@link Secret}) or a file on every
 * worker, referenced by path and read only when credentials are built.
 */
public sealed interface KeyMaterial {

    /** The key itself, e.g. a PEM block or a service-account JSON document. */
    record Inline(Secret value) implements KeyMaterial {
        public Inline {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A file holding the key, present on every worker that runs the connector. */
    record File(Path path) implements KeyMaterial {
        public File {
            Objects.requireNonNull(path, "path");
        }
    }
}
