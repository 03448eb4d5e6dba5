package io.fsconnect.testkit;

import java.util.List;
import java.util.Optional;

/**
 * A snapshot of {@code GET /connectors/{name}/status}: the connector's own state, the worker that
 * runs it, the state of each task (ordered by id) and, for a failed connector, the stack trace the
 * worker recorded. Task traces are in {@link TaskStatus#trace()}.
 */
public record ConnectorStatus(
        String name, String state, String workerId, List<TaskStatus> tasks, Optional<String> trace) {

    public ConnectorStatus {
        tasks = List.copyOf(tasks);
    }

    /** The task with the given id, if the worker reports one. */
    public Optional<TaskStatus> task(int id) {
        return tasks.stream().filter(task -> task.id() == id).findFirst();
    }

    /** How many tasks are in the given state. */
    public long tasksIn(String taskState) {
        return tasks.stream().filter(task -> task.is(taskState)).count();
    }

    /** The connector's and every task's state, with traces shortened to their first line. */
    public String summary() {
        StringBuilder text = new StringBuilder(name).append('=').append(state);
        trace.ifPresent(t -> text.append(" (").append(firstLine(t)).append(')'));
        text.append(" tasks=[");
        for (int i = 0; i < tasks.size(); i++) {
            TaskStatus task = tasks.get(i);
            text.append(i == 0 ? "" : ", ").append(task.id()).append('=').append(task.state());
            task.trace().ifPresent(t -> text.append(" (").append(firstLine(t)).append(')'));
        }
        return text.append(']').toString();
    }

    private static String firstLine(String trace) {
        int end = trace.indexOf('\n');
        return end < 0 ? trace : trace.substring(0, end);
    }
}
