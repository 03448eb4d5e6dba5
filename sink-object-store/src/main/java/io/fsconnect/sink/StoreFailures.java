package io.fsconnect.sink;

import io.fsconnect.storage.NoSuchObjectException;
import io.fsconnect.storage.ObjectExistsException;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decides, in one place, whether a store failure is transient — worth writing the files again from the last
 * committed offset after a backoff — or permanent, failing the task. The store adapters already retry each request
 * ({@code store.retry.max.attempts}); what reaches here is a failure that outlasted those attempts. Permanent:
 * another writer's object in the way (fencing), a missing object, and what the store answers to a request that no
 * repetition fixes (bad request, authentication, authorization, no such bucket or container). Everything else the
 * store raises as an I/O error — throttling, timeouts, server errors, lost connections — is transient.
 */
final class StoreFailures {

    private static final Pattern PERMANENT_STATUS = Pattern.compile(
            "status ?code:? ?(400|401|403|404|405|411)\\b");
    private static final String[] PERMANENT_CODES = {"accessdenied", "access denied", "invalidaccesskeyid",
            "signaturedoesnotmatch", "nosuchbucket", "containernotfound", "authorizationfailure",
            "authenticationfailed", "authorizationpermissionmismatch", "expiredtoken", "invalidtoken",
            "unauthorized", "forbidden"};

    private StoreFailures() {
    }

    /** Whether {@code failure} (or what caused it) is a store I/O error that a later attempt may not meet. */
    static boolean isTransient(Throwable failure) {
        IOException io = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ObjectExistsException || cause instanceof NoSuchObjectException) {
                return false;
            }
            if (cause instanceof IOException found && io == null) {
                io = found;
            }
            String message = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
            if (PERMANENT_STATUS.matcher(message).find()) {
                return false;
            }
            for (String code : PERMANENT_CODES) {
                if (message.contains(code)) {
                    return false;
                }
            }
        }
        return io != null;
    }
}
