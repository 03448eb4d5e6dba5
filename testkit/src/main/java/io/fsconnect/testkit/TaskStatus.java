package io.fsconnect.testkit;

import java.util.Optional;

/**
 * The state of one task as reported by {@code GET /connectors/{name}/status}: its id, its state
 * ({@code RUNNING}, {@code PAUSED}, {@code FAILED}, {@code UNASSIGNED}, {@code RESTARTING}), the
 * worker that runs it and, for a failed task, the stack trace the worker recorded.
 */
public record TaskStatus(int id, String state, String workerId, Optional<String> trace) {

    /** Whether the task is in the given state (e.g. {@code "RUNNING"}). */
    public boolean is(String expectedState) {
        return state.equals(expectedState);
    }
}
