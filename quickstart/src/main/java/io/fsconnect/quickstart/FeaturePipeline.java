package io.fsconnect.quickstart;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two connectors of the quickstart, as the configs a user would PUT to the REST API: a JDBC source
 * that turns the aggregating SQL query into the feature group's topic (primary key → record key,
 * event time → record timestamp), and an object-store sink that writes the topic as Parquet training
 * data. The same configs, with paths of your own, work on any Connect cluster with the plugins installed.
 */
final class FeaturePipeline {

    static final String FEATURE_GROUP = "store_sales_daily";
    static final int VERSION = 1;
    /** The feature group's topic, named {@code <feature group>_<version>}. */
    static final String TOPIC = FEATURE_GROUP + "_" + VERSION;
    static final int TOPIC_PARTITIONS = 3;
    static final String SOURCE = FEATURE_GROUP + "-source";
    static final String SINK = FEATURE_GROUP + "-training-data";
    static final String SOURCE_CLASS = "io.fsconnect.source.jdbc.JdbcSourceConnector";
    static final String SINK_CLASS = "io.fsconnect.sink.ObjectStoreSinkConnector";

    private FeaturePipeline() {
    }

    static Map<String, String> sourceConfig(String jdbcUrl) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", SOURCE_CLASS);
        config.put("tasks.max", "1");
        config.put("connection.url", jdbcUrl);
        config.put("query", SalesDatabase.FEATURE_QUERY);
        // A daily aggregate is a snapshot: read it whole, and refresh it hourly rather than every few seconds.
        config.put("mode", "bulk");
        config.put("poll.interval.ms", "3600000");
        config.put("primary.key.columns", "store_id,sale_day");
        config.put("event.time.column", "sale_day");
        config.put("topic", TOPIC);
        return config;
    }

    static Map<String, String> sinkConfig(Path trainingData) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", SINK_CLASS);
        config.put("tasks.max", "1");
        config.put("topics", TOPIC);
        config.put("datasource.type", "local");
        config.put("datasource.name", "training_data");
        config.put("datasource.path", trainingData.toString());
        config.put("topics.dir", "topics");
        config.put("format", "parquet");
        config.put("parquet.codec", "snappy");
        config.put("flush.size", "1000");
        // Close the last, partly filled file of each partition even when no more records arrive.
        config.put("rotate.schedule.interval.ms", "5000");
        return config;
    }
}
