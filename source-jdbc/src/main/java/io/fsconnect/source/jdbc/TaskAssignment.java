package io.fsconnect.source.jdbc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Spreads the sources of a connector over at most {@code tasks.max} tasks: sorted by name, then dealt
 * out in turn, so the same sources and task count always give the same assignment and task sizes
 * differ by one at most. No task is created without a source.
 */
final class TaskAssignment {

    private TaskAssignment() {
    }

    /** One task configuration per non-empty group: {@code props} plus the task's sources. */
    static List<Map<String, String>> taskConfigs(Map<String, String> props, List<SourceName> sources, int maxTasks) {
        List<SourceName> sorted = sources.stream().sorted().distinct().toList();
        int tasks = Math.min(maxTasks, sorted.size());
        List<List<SourceName>> groups = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            groups.add(new ArrayList<>());
        }
        for (int i = 0; i < sorted.size(); i++) {
            groups.get(i % tasks).add(sorted.get(i));
        }
        List<Map<String, String>> configs = new ArrayList<>();
        for (List<SourceName> group : groups) {
            Map<String, String> config = new HashMap<>(props);
            config.put(SourceSettings.TASK_SOURCES, SourceName.encodeAll(group));
            configs.add(config);
        }
        return configs;
    }
}
