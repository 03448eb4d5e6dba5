package io.fsconnect.testkit;

/**
 * The outcome of one HTTP call to a Connect worker: its status code and its body as text (empty,
 * never null, when the worker sent none). Returned by {@link ConnectRest#raw} for tests that check
 * error codes and bodies themselves; nothing is thrown for non-2xx statuses.
 */
public record HttpResult(int status, String body) {

    /** Whether the status is in the 2xx range. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
