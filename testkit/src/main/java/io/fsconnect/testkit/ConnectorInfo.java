package io.fsconnect.testkit;

import java.util.List;
import java.util.Map;

/**
 * What a worker answers when a connector is created or reconfigured: its name, the configuration
 * it stored (placeholders unresolved) and the ids of the tasks known at that moment. The task list
 * is often empty right after creation, because tasks are started asynchronously; use
 * {@link ConnectRest#awaitRunning} to wait for them.
 */
public record ConnectorInfo(String name, Map<String, String> config, List<Integer> tasks) {

    public ConnectorInfo {
        config = Map.copyOf(config);
        tasks = List.copyOf(tasks);
    }
}
