package io.fsconnect.auth.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The token credential of one identity, shared by every storage client of the JVM that uses that identity. It keeps
 * each token until {@value #RENEW_BEFORE_MINUTES} minutes before it expires and lets one caller at a time renew it,
 * so the identity provider sees one request per renewal however many tasks and clients use the identity (the SDK
 * clients' own caches are per client). Its failures say which identity could not sign in and which data-source keys
 * to check, so that an error surfacing from a storage call deep in a task still points at the configuration; the
 * identity description holds ids only, never a secret.
 */
final class SharedTokenCredential implements TokenCredential {

    private static final long RENEW_BEFORE_MINUTES = 5;

    private final TokenCredential delegate;
    private final String identity;
    private final String hint;
    private final Map<List<String>, AccessToken> tokens = new HashMap<>();

    SharedTokenCredential(TokenCredential delegate, String identity, String hint) {
        this.delegate = delegate;
        this.identity = identity;
        this.hint = hint;
    }

    /** The credential that signs in. */
    TokenCredential delegate() {
        return delegate;
    }

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        // Renewal is rare and short; doing it on a thread that may block keeps one renewal at a time.
        return Mono.fromCallable(() -> getTokenSync(request)).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public synchronized AccessToken getTokenSync(TokenRequestContext request) {
        List<String> key = List.copyOf(request.getScopes());
        AccessToken cached = tokens.get(key);
        if (cached != null && cached.getExpiresAt().isAfter(OffsetDateTime.now().plus(Duration.ofMinutes(RENEW_BEFORE_MINUTES)))) {
            return cached;
        }
        AccessToken fresh;
        try {
            fresh = delegate.getTokenSync(request);
        } catch (RuntimeException e) {
            throw new ExplainedException("Cannot obtain an Entra ID access token for " + identity + ": "
                    + reason(e) + ". " + hint, e);
        }
        tokens.put(key, fresh);
        return fresh;
    }

    /** The identity provider's own words are in the innermost cause; the wrappers only add class names. */
    private static String reason(Throwable e) {
        String message = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        String line = (newline < 0 ? message : message.substring(0, newline)).strip();
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }

    @Override
    public String toString() {
        return identity;
    }

    /** The SDK treats this type as an authentication failure, which it does not retry. */
    static final class ExplainedException extends ClientAuthenticationException {

        private static final long serialVersionUID = 1L;

        ExplainedException(String message, Throwable cause) {
            super(message, null, cause);
        }
    }
}
