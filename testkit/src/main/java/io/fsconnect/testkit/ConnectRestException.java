package io.fsconnect.testkit;

/**
 * Thrown by {@link ConnectRest} when a worker answers a call with a non-2xx status. It carries the
 * method, the path, the status code and the response body, so a failing test shows what the worker
 * said rather than only that it refused.
 */
public final class ConnectRestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String method;
    private final String path;
    private final int status;
    private final String body;

    ConnectRestException(String method, String path, int status, String body, String hint) {
        super("Cannot " + method + " " + path + ": the worker answered HTTP " + status
                + (body.isEmpty() ? " with no body" : ": " + body) + hint);
        this.method = method;
        this.path = path;
        this.status = status;
        this.body = body;
    }

    /** The HTTP method of the failed call. */
    public String method() {
        return method;
    }

    /** The path (and query) of the failed call, relative to the worker's base URI. */
    public String path() {
        return path;
    }

    /** The HTTP status code the worker answered with. */
    public int status() {
        return status;
    }

    /** The response body as text, empty when there was none. */
    public String body() {
        return body;
    }
}
