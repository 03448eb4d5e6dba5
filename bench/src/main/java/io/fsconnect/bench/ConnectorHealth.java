package io.fsconnect.bench;

import io.fsconnect.testkit.ConnectRest;
import io.fsconnect.testkit.ConnectRestException;
import io.fsconnect.testkit.ConnectorStatus;
import java.util.function.BooleanSupplier;

/**
 * Wraps a landing probe so that a connector whose task failed ends the run at once, with the worker's
 * trace, instead of waiting out the timeout. The status is asked for only every few probes: the REST call
 * costs CPU that the connector being measured would otherwise have.
 */
final class ConnectorHealth {

    private static final int PROBES_PER_STATUS = 20;

    private ConnectorHealth() {
    }

    static BooleanSupplier failFast(ConnectRest rest, String connector, BooleanSupplier landed) {
        int[] probes = {0};
        return () -> {
            if (++probes[0] % PROBES_PER_STATUS == 0) {
                check(rest, connector);
            }
            return landed.getAsBoolean();
        };
    }

    private static void check(ConnectRest rest, String connector) {
        ConnectorStatus status;
        try {
            status = rest.status(connector);
        } catch (ConnectRestException e) {
            // Not yet known to the worker right after creation; the next probe asks again.
            return;
        }
        if (status.tasksIn("FAILED") > 0 || "FAILED".equals(status.state())) {
            throw new IllegalStateException("Cannot benchmark connector " + connector + ": it failed: "
                    + status.summary() + "; the worker's log has the whole trace");
        }
    }
}
