package io.fsconnect.bench;

import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * The data every scenario moves: rows of ten mixed columns (a key, text, numbers, a flag and a
 * timestamp), about 900 bytes each as a JSON-with-schema envelope. Row {@code id} is a pure function
 * of {@code id}, both here for Kafka and in {@link #INSERT_SQL} for PostgreSQL, so every run moves the
 * same bytes.
 */
final class BenchRows {

    static final Schema KEY_SCHEMA = SchemaBuilder.struct().name("bench_key")
            .field("id", Schema.INT64_SCHEMA)
            .build();

    static final Schema VALUE_SCHEMA = SchemaBuilder.struct().name("bench_rows")
            .field("id", Schema.INT64_SCHEMA)
            .field("customer", Schema.OPTIONAL_STRING_SCHEMA)
            .field("region", Schema.OPTIONAL_STRING_SCHEMA)
            .field("amount", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field("quantity", Schema.OPTIONAL_INT32_SCHEMA)
            .field("price", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field("active", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field("created_at", Timestamp.builder().optional().build())
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .field("score", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .build();

    static final String TABLE = "bench_rows";

    static final String CREATE_SQL = "CREATE TABLE " + TABLE + " (id BIGINT PRIMARY KEY, customer TEXT,"
            + " region TEXT, amount DOUBLE PRECISION, quantity INTEGER, price DOUBLE PRECISION, active BOOLEAN,"
            + " created_at TIMESTAMP, note TEXT, score DOUBLE PRECISION)";

    /** Inserts rows 1..n; the formulas match {@link #value(long)}. */
    static final String INSERT_SQL = "INSERT INTO " + TABLE + " SELECT i, 'customer-' || (i % 10007),"
            + " (ARRAY['north','south','east','west','central','north-east','south-west','islands'])[i % 8 + 1],"
            + " (i % 100000) / 100.0, (i % 50)::int, (i % 997) / 10.0, i % 3 = 0,"
            + " TIMESTAMP '2024-01-01 00:00:00' + i * INTERVAL '1 second',"
            + " 'order note ' || i || ' delivered to the front desk, signed by the recipient',"
            + " (i * 7919 % 1000) / 10.0 FROM generate_series(1::bigint, ?::bigint) AS i";

    private static final String[] REGIONS = {"north", "south", "east", "west", "central", "north-east",
        "south-west", "islands"};
    private static final long BASE_EPOCH_MS = 1_704_067_200_000L;

    private BenchRows() {
    }

    static Struct key(long id) {
        return new Struct(KEY_SCHEMA).put("id", id);
    }

    static Struct value(long id) {
        return new Struct(VALUE_SCHEMA)
                .put("id", id)
                .put("customer", "customer-" + (id % 10007))
                .put("region", REGIONS[(int) (id % 8)])
                .put("amount", (id % 100000) / 100.0)
                .put("quantity", (int) (id % 50))
                .put("price", (id % 997) / 10.0)
                .put("active", id % 3 == 0)
                .put("created_at", new Date(BASE_EPOCH_MS + id * 1000L))
                .put("note", "order note " + id + " delivered to the front desk, signed by the recipient")
                .put("score", (id * 7919 % 1000) / 10.0);
    }

    /** A JSON converter with schemas, configured as the workers' converters are. */
    static JsonConverter converter(boolean isKey) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "true"), isKey);
        return converter;
    }
}
