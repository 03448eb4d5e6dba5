package io.fsconnect.auth.check;

import io.fsconnect.auth.Secret;

import java.util.Collection;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One reason a data source's connection check failed: the data-source key a user should look at (as written in a
 * definition file, without a connector's prefix, e.g. {@code bucket} or {@code connection.password}) and a message
 * that reads "Cannot &lt;verb&gt; &lt;object&gt;: &lt;reason&gt;" and says what to check. A message never contains
 * a secret: messages that quote a server or client library go through {@link #scrubbed}.
 */
public record Problem(String key, String message) {

    private static final String HIDDEN = "[hidden]";
    /** Signatures in URLs (SAS tokens, presigned requests) that a client library may quote in its messages. */
    private static final Pattern URL_SIGNATURE = Pattern.compile("(?i)((?:sig|X-Amz-Signature|X-Amz-Security-Token)=)[^&\\s\"']+");

    public Problem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
    }

    /**
     * A problem whose message quotes text from elsewhere (a driver, a server, an SDK): every occurrence of a value
     * of {@code secrets} and every URL signature is replaced by {@code [hidden]}.
     */
    public static Problem scrubbed(String key, String message, Collection<Secret> secrets) {
        String text = message;
        for (Secret secret : secrets) {
            if (!secret.isEmpty()) {
                text = text.replace(secret.reveal(), HIDDEN);
            }
        }
        return new Problem(key, URL_SIGNATURE.matcher(text).replaceAll("$1" + HIDDEN));
    }

    /** The same problem on {@code prefix + key}, for a data source defined inline with prefixed keys. */
    public Problem withPrefix(String prefix) {
        return new Problem(prefix + key, message);
    }
}
