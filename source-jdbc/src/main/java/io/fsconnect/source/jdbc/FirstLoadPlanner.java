package io.fsconnect.source.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * Decides, for the connector, whether a table's first load is split into chunks
 * ({@code first.load.chunks} greater than 1, {@code mode=incrementing}) and returns the sources that
 * read it. In order: a plan stored in the offsets of the table's chunks is reused, so a restart never
 * re-plans a load in progress (the table's incremental reader stores the plan as well, so it is found
 * even before any chunk has stored an offset); a table whose incremental reader has an offset without
 * a plan was read before chunking was configured and is read incrementally only; otherwise the current lowest and highest values of the
 * incrementing column make a new {@link FirstLoadPlan}, and an empty table needs none. With
 * exactly-once delivery a chunk's records and its offset are committed together, so "no offset
 * stored" means "nothing of the load delivered" and re-planning then loses and repeats nothing.
 */
final class FirstLoadPlanner implements AutoCloseable {

    private final JdbcSourceConfig config;
    private final OffsetStorageReader offsets;
    private final int chunks;
    private final ConnectionOpener opener;
    private final Dialect dialect;
    private Optional<Connection> connection = Optional.empty();

    FirstLoadPlanner(JdbcSourceConfig config, OffsetStorageReader offsets) {
        this.config = config;
        this.offsets = offsets;
        this.chunks = config.getInt(SourceSelectionKeys.FIRST_LOAD_CHUNKS);
        this.opener = ConnectionOpener.forConfig(config);
        this.dialect = Dialect.forUrl(config.connectionUrl());
    }

    /** Whether tables are loaded in chunks at all. */
    static boolean enabled(JdbcSourceConfig config) {
        return config.getInt(SourceSelectionKeys.FIRST_LOAD_CHUNKS) > 1 && config.mode() == Mode.INCREMENTING;
    }

    /** The sources that read {@code table}: the table alone, or its incremental reader and its chunks. */
    List<SourceName> sourcesOf(String table) throws SQLException {
        Map<String, Object> tableOffset = offsets.offset(new SourceSpec.Table(table).partition().toMap());
        Optional<FirstLoadPlan> plan = storedPlan(table).or(() -> FirstLoadPlan.fromOffset(tableOffset));
        if (plan.isEmpty()) {
            if (tableOffset != null && !tableOffset.isEmpty()) {
                return List.of(SourceName.table(table));
            }
            plan = newPlan(table);
        }
        if (plan.isEmpty()) {
            return List.of(SourceName.table(table));
        }
        List<SourceName> sources = new ArrayList<>();
        sources.add(SourceName.tableAfter(table, plan.get()));
        for (int i = 0; i < plan.get().chunks(); i++) {
            sources.add(SourceName.chunk(table, plan.get(), i));
        }
        return sources;
    }

    private Optional<FirstLoadPlan> storedPlan(String table) {
        List<Map<String, String>> partitions = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            partitions.add(FirstLoadPlan.chunkPartition(table, i, chunks).toMap());
        }
        Collection<Map<String, Object>> stored = offsets.offsets(partitions).values();
        return stored.stream().map(FirstLoadPlan::fromOffset).flatMap(Optional::stream).findFirst();
    }

    private Optional<FirstLoadPlan> newPlan(String table) throws SQLException {
        String column = dialect.quoteIdentifier(config.incrementingColumn().orElseThrow());
        OptionalLong initial = config.incrementingInitial();
        String sql = "SELECT MIN(" + column + "), MAX(" + column + ") FROM " + dialect.quoteQualifiedName(table)
            + (initial.isPresent() ? " WHERE " + column + " > ?" : "");
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            if (initial.isPresent()) {
                statement.setLong(1, initial.getAsLong());
            }
            try (ResultSet bounds = statement.executeQuery()) {
                bounds.next();
                long lowest = bounds.getLong(1);
                if (bounds.wasNull()) {
                    return Optional.empty();
                }
                long highest = bounds.getLong(2);
                long after = initial.isPresent() ? initial.getAsLong() : lowest - 1;
                return Optional.of(new FirstLoadPlan(after, highest, chunks));
            }
        }
    }

    private Connection connection() throws SQLException {
        if (connection.isEmpty()) {
            connection = Optional.of(opener.open());
        }
        return connection.get();
    }

    @Override
    public void close() throws SQLException {
        if (connection.isPresent()) {
            connection.get().close();
        }
    }
}
