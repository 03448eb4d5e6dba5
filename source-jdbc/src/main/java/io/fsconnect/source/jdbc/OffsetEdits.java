package io.fsconnect.source.jdbc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Checks offsets that an operator writes through the REST API ({@code PATCH
 * /connectors/<name>/offsets}, KIP-875) before Kafka Connect stores them: the source partition must
 * be one this connector reads (a table, one of its first-load chunks, or a query), and the offset must parse with {@link OffsetLoader} and carry only
 * the watermarks its source's mode keeps. A null offset (a reset) is always accepted: the source
 * then starts again from {@code incrementing.initial} or {@code timestamp.initial}. Any problem
 * rejects the whole request, with a message naming the partition and what to write instead.
 */
final class OffsetEdits {

    private static final String TABLE_PREFIX = "table:";
    private static final String CHUNK_MARK = "#chunk:";

    private OffsetEdits() {
    }

    /**
     * @param connectorProps the connector's configuration
     * @param offsets the edited offsets by source partition
     * @throws ConnectException naming the first problem found
     */
    static void check(Map<String, String> connectorProps, Map<Map<String, ?>, Map<String, ?>> offsets) {
        JdbcSourceConfig config = new JdbcSourceConfig(connectorProps);
        boolean discovers = !config.getList(SourceSelectionKeys.TABLE_INCLUDE_LIST).isEmpty();
        TableFilter filter = TableFilter.of(config.getList(SourceSelectionKeys.TABLE_INCLUDE_LIST),
            config.getList(SourceSelectionKeys.TABLE_EXCLUDE_LIST));
        Map<String, JdbcSourceConfig> known = new HashMap<>();
        if (!discovers) {
            List<SourceName> queries = SourceSettings.queryNames(connectorProps).stream().map(SourceName::query).toList();
            List<JdbcSourceConfig> singles = queries.isEmpty() ? List.of(config) : queries.stream()
                .map(query -> new JdbcSourceConfig(SourceSettings.forSource(connectorProps, query))).toList();
            singles.forEach(single -> known.put(single.source().partition().id(), single));
        }
        for (Map.Entry<Map<String, ?>, Map<String, ?>> edit : offsets.entrySet()) {
            SourcePartition partition = partitionOf(edit.getKey());
            int chunkMark = partition.id().indexOf(CHUNK_MARK);
            boolean chunk = chunkMark >= 0 && partition.id().startsWith(TABLE_PREFIX);
            String sourceId = chunk ? partition.id().substring(0, chunkMark) : partition.id();
            JdbcSourceConfig source = known.get(sourceId);
            if (source == null && discovers && sourceId.startsWith(TABLE_PREFIX)
                && filter.selects(sourceId.substring(TABLE_PREFIX.length()))) {
                source = new JdbcSourceConfig(SourceSettings.forSource(connectorProps,
                    SourceName.table(sourceId.substring(TABLE_PREFIX.length()))));
            }
            if (source == null) {
                throw new ConnectException("Cannot alter the offset of source partition " + edit.getKey()
                    + ": this connector does not read that source; "
                    + (discovers ? "its tables are those " + SourceSelectionKeys.TABLE_INCLUDE_LIST
                        + " selects, as {\"source\": \"table:<schema>.<table>\"}"
                        : "its partitions are " + known.keySet().stream().map(id -> Map.of(SourcePartition.KEY, id))
                            .toList()));
            }
            if (edit.getValue() != null) {
                checkOffset(partition, source.mode(), edit.getValue());
            }
        }
    }

    private static SourcePartition partitionOf(Map<String, ?> map) {
        Object id = map == null ? null : map.get(SourcePartition.KEY);
        if (map == null || map.size() != 1 || !(id instanceof String text)) {
            throw new ConnectException("Cannot alter the offset of source partition " + map + ": a partition of "
                + "this connector is {\"" + SourcePartition.KEY + "\": \"table:<name>\"} or {\""
                + SourcePartition.KEY + "\": \"query:<sha-256>\"}; copy it from GET /connectors/<name>/offsets");
        }
        return new SourcePartition(text);
    }

    private static void checkOffset(SourcePartition partition, Mode mode, Map<String, ?> offset) {
        Set<String> allowed = new HashSet<>();
        if (mode == Mode.INCREMENTING) {
            // Stored by chunks and by the incremental reader of a table loaded in chunks.
            allowed.addAll(Set.of(FirstLoadPlan.AFTER_KEY, FirstLoadPlan.UP_TO_KEY, FirstLoadPlan.CHUNKS_KEY));
        }
        if (mode.usesIncrementingColumn()) {
            allowed.add(JdbcOffset.INCREMENTING_KEY);
        }
        if (mode.usesTimestampColumn()) {
            allowed.add(JdbcOffset.TIMESTAMP_KEY);
        }
        List<String> unexpected = new ArrayList<>(offset.keySet());
        unexpected.removeAll(allowed);
        if (!unexpected.isEmpty()) {
            throw new ConnectException("Cannot alter the offset of " + partition.id() + ": keys " + unexpected
                + " mean nothing in " + JdbcSourceConfig.MODE + "=" + mode.configValue() + "; it keeps "
                + (allowed.isEmpty() ? "no offset" : allowed));
        }
        OffsetLoader.parseEdit(partition, offset);
    }
}
