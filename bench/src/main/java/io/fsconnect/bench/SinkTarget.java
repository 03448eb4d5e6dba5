package io.fsconnect.bench;

import io.fsconnect.storage.ObjectStore;
import java.io.IOException;
import java.util.Map;

/**
 * Where a sink scenario writes: the store the connector is pointed at and the baseline writes to. Each run
 * (warm-up, connector, baseline) gets a directory of its own, {@code run}, so that runs never see each
 * other's objects. Closing it stops whatever server it started.
 */
interface SinkTarget extends AutoCloseable {

    /** The sink's data-source keys that make it write under {@code run}. */
    Map<String, String> connectorKeys(String run);

    /** The store at {@code run}, opened as the connector opens it: for the baseline and for the landing probe. */
    ObjectStore open(String run) throws IOException;

    @Override
    void close();
}
