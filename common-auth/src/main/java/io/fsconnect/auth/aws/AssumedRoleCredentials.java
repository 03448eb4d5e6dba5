package io.fsconnect.auth.aws;

import io.fsconnect.auth.AwsAuth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Temporary credentials of one role, obtained with STS AssumeRole and replaced {@code refreshMargin} before they
 * expire. The first caller after that point makes the one STS call while concurrent callers wait for its result, so
 * every STS call yields credentials that are then used, however many threads ask. Sessions are requested for the
 * role's configured duration, capped at {@link AwsAuth#MAX_CHAINED_SESSION} for a chained role; if STS grants less
 * than the margin, the session is replaced halfway through instead. When a refresh fails while the current session
 * is still valid, the failure is logged and the current session served until the next attempt, {@link #RETRY_DELAY}
 * later (STS outages shorter than the margin go unnoticed by the tasks); without a valid session the caller gets the
 * failure, with a message naming the role (never the external id or a key). Closing closes the STS client and
 * releases the source credentials.
 */
final class AssumedRoleCredentials implements AwsCredentialsProvider, SdkAutoCloseable {

    /** How long after a failed refresh the next one is tried, while the current session is still valid. */
    static final Duration RETRY_DELAY = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(AssumedRoleCredentials.class);

    private final AwsAuth.AssumeRole role;
    private final StsClient sts;
    private final Duration sessionDuration;
    private final Duration refreshMargin;
    private final Clock clock;
    private final AutoCloseable source;
    private final Object refreshLock = new Object();

    private volatile Optional<Session> session = Optional.empty();

    private record Session(AwsSessionCredentials credentials, Instant refreshAt) {
    }

    /**
     * @param sts    a client that calls STS with the source credentials; owned (closed) by this provider
     * @param source the source credentials' lease, released on close
     */
    AssumedRoleCredentials(AwsAuth.AssumeRole role, StsClient sts, Duration refreshMargin, Clock clock,
                           AutoCloseable source) {
        this.role = Objects.requireNonNull(role, "role");
        this.sts = Objects.requireNonNull(sts, "sts");
        this.sessionDuration = role.chained() && role.sessionDuration().compareTo(AwsAuth.MAX_CHAINED_SESSION) > 0
                ? AwsAuth.MAX_CHAINED_SESSION : role.sessionDuration();
        this.refreshMargin = Objects.requireNonNull(refreshMargin, "refreshMargin");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.source = Objects.requireNonNull(source, "source");
        if (refreshMargin.compareTo(sessionDuration) >= 0) {
            throw new IllegalArgumentException("Cannot assume role " + role.roleArn() + ": the refresh margin ("
                    + refreshMargin.toSeconds() + " s) must be shorter than the session duration ("
                    + sessionDuration.toSeconds() + " s)");
        }
    }

    /** The session length asked of STS: the configured one, capped for a chained role. */
    Duration sessionDuration() {
        return sessionDuration;
    }

    @Override
    public AwsSessionCredentials resolveCredentials() {
        Optional<Session> current = session;
        if (current.isPresent() && clock.instant().isBefore(current.get().refreshAt())) {
            return current.get().credentials();
        }
        synchronized (refreshLock) {
            current = session;
            if (current.isPresent() && clock.instant().isBefore(current.get().refreshAt())) {
                return current.get().credentials();
            }
            Session fresh;
            try {
                fresh = assumeRole();
            } catch (SdkClientException e) {
                Instant now = clock.instant();
                Optional<Instant> expiry = current.flatMap(c -> c.credentials().expirationTime());
                if (expiry.isEmpty() || !now.isBefore(expiry.get())) {
                    throw e;
                }
                Instant retryAt = now.plus(RETRY_DELAY).isBefore(expiry.get()) ? now.plus(RETRY_DELAY) : expiry.get();
                log.warn("{}; the current session stays in use until it expires at {}, next attempt at {}",
                        e.getMessage(), expiry.get(), retryAt);
                fresh = new Session(current.get().credentials(), retryAt);
            }
            session = Optional.of(fresh);
            return fresh.credentials();
        }
    }

    private Session assumeRole() {
        AssumeRoleRequest.Builder request = AssumeRoleRequest.builder()
                .roleArn(role.roleArn())
                .roleSessionName(role.sessionName().orElseGet(() -> "session_" + UUID.randomUUID()))
                .durationSeconds((int) sessionDuration.toSeconds());
        role.externalId().ifPresent(request::externalId);
        Instant requested = clock.instant();
        Credentials credentials;
        try {
            credentials = sts.assumeRole(request.build()).credentials();
        } catch (StsException e) {
            throw SdkClientException.create("Cannot assume role " + role.roleArn() + ": STS answered HTTP "
                    + e.statusCode() + " " + Optional.ofNullable(e.awsErrorDetails()).map(d -> d.errorCode() + ": "
                    + d.errorMessage()).orElse(e.getMessage()) + ". Check that the role's trust policy allows the "
                    + "source credentials" + (role.externalId().isPresent() ? " and requires this external id" : "")
                    + ", and that the session duration is within the role's maximum", e);
        } catch (SdkException e) {
            throw SdkClientException.create("Cannot assume role " + role.roleArn() + ": " + e.getMessage(), e);
        }
        Instant expiration = credentials.expiration();
        Duration lifetime = Duration.between(requested, expiration);
        Instant refreshAt = lifetime.compareTo(refreshMargin) > 0
                ? expiration.minus(refreshMargin)
                : requested.plus(lifetime.dividedBy(2));
        return new Session(AwsSessionCredentials.builder()
                .accessKeyId(credentials.accessKeyId())
                .secretAccessKey(credentials.secretAccessKey())
                .sessionToken(credentials.sessionToken())
                .expirationTime(expiration)
                .build(), refreshAt);
    }

    @Override
    public void close() {
        try {
            sts.close();
        } finally {
            try {
                source.close();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot release the source credentials of role " + role.roleArn()
                        + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "AssumedRoleCredentials(" + role.roleArn() + ", " + sessionDuration.toSeconds() + " s sessions)";
    }
}
