package io.fsconnect.sink;

import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.connect.data.Schema;

/** What one record becomes in a file: a value and its schema, absent for schemaless values. */
record Row(Optional<Schema> schema, Object value) {

    Row {
        Objects.requireNonNull(schema, "schema");
    }
}
