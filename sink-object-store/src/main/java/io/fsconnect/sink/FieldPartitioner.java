package io.fsconnect.sink;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One directory level per field of {@code partition.field.name}, in order, each {@code <last name
 * segment>=<value>} ({@code partitioner.class=field}). Values may be strings, numbers or booleans (a
 * {@code Decimal} in plain notation); a missing or null field is Hive's default partition.
 */
final class FieldPartitioner implements Partitioner {

    private final List<FieldPath> fields;

    FieldPartitioner(List<FieldPath> fields) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("at least one field is needed");
        }
        this.fields = List.copyOf(fields);
    }

    @Override
    public String encodePartition(SinkRecord record, Instant now) {
        StringBuilder path = new StringBuilder();
        for (FieldPath field : fields) {
            if (path.length() > 0) {
                path.append('/');
            }
            String name = field.segments().get(field.segments().size() - 1);
            path.append(PathSegment.keyValue(name, text(field, field.read(record.value()))));
        }
        return path.toString();
    }

    private static String text(FieldPath field, Optional<Object> value) {
        if (value.isEmpty()) {
            return null;
        }
        Object v = value.get();
        if (v instanceof java.math.BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        String kind = v instanceof byte[] || v instanceof ByteBuffer ? "bytes" : v.getClass().getSimpleName();
        throw new DataException("Cannot partition by field '" + field.path() + "': its value is " + kind
                + "; partition fields must be strings, numbers or booleans (for a time, use"
                + " partitioner.class=time with timestamp.field)");
    }
}
