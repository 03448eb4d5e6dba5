package io.fsconnect.auth.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;
import reactor.core.publisher.Mono;

/**
 * A token credential whose failures say which identity could not sign in and which data-source keys to check, so
 * that an error surfacing from a storage call deep in a task still points the user at the configuration. The
 * identity description holds ids only, never a secret.
 */
final class ExplainedTokenCredential implements TokenCredential {

    private final TokenCredential delegate;
    private final String identity;
    private final String hint;

    ExplainedTokenCredential(TokenCredential delegate, String identity, String hint) {
        this.delegate = delegate;
        this.identity = identity;
        this.hint = hint;
    }

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        return delegate.getToken(request).onErrorMap(e -> !(e instanceof ExplainedException), this::explain);
    }

    @Override
    public AccessToken getTokenSync(TokenRequestContext request) {
        try {
            return delegate.getTokenSync(request);
        } catch (ExplainedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw explain(e);
        }
    }

    private ExplainedException explain(Throwable cause) {
        return new ExplainedException("Cannot obtain an Entra ID access token for " + identity + ": "
                + firstLine(cause.getMessage()) + ". " + hint, cause);
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "no reason given";
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
