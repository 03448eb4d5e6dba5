package io.fsconnect.sink;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * A field of a record value named by a dotted path ({@code customer.region}), read from a struct or,
 * for schemaless values, from nested maps. An absent or null field reads as empty.
 */
record FieldPath(String path, List<String> segments) {

    FieldPath {
        segments = List.copyOf(segments);
    }

    static FieldPath parse(String path) {
        return new FieldPath(path, List.of(path.split("\\.", -1)));
    }

    /**
     * The field's value in {@code value}, if present and not null.
     *
     * @throws DataException naming the path if the value (or a parent field) is neither a struct nor a map
     */
    Optional<Object> read(Object value) {
        Object current = value;
        for (String segment : segments) {
            if (current == null) {
                return Optional.empty();
            }
            if (current instanceof Struct struct) {
                Field field = struct.schema().field(segment);
                if (field == null) {
                    throw new DataException("Cannot read field '" + path + "': the value's schema "
                            + (struct.schema().name() == null ? "" : struct.schema().name() + " ")
                            + "has no field '" + segment + "'");
                }
                current = struct.get(field);
            } else if (current instanceof Map<?, ?> map) {
                current = map.get(segment);
            } else {
                throw new DataException("Cannot read field '" + path + "': the value is "
                        + current.getClass().getSimpleName() + ", not a struct or map");
            }
        }
        return Optional.ofNullable(current);
    }
}
