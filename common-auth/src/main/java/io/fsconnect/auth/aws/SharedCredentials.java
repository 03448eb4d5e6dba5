package io.fsconnect.auth.aws;

import io.fsconnect.auth.AwsAuth;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The providers in use, one per {@link CredentialsKey}, each with a count of its users. {@link #acquire} hands out the
 * existing provider for an equal key or creates one (for a role, acquiring its source first, so a chain shares its
 * links too); {@link Lease#close()} gives it back, and the last release closes it. {@link #WORKER} is the instance
 * {@link AwsCredentials#forAuth} uses; other instances exist only to observe or tweak the STS clients in tests.
 */
final class SharedCredentials {

    /** The cache every connector task of this class loader shares. */
    static final SharedCredentials WORKER = new SharedCredentials(builder -> { }, Clock.systemUTC());

    private final Consumer<StsClientBuilder> stsCustomizer;
    private final Clock clock;
    private final Map<CredentialsKey, Entry> entries = new HashMap<>();

    private static final class Entry {
        private final AwsCredentialsProvider provider;
        private int users;

        private Entry(AwsCredentialsProvider provider) {
            this.provider = provider;
        }
    }

    /**
     * @param stsCustomizer applied last to every STS client builder (e.g. to add an interceptor)
     * @param clock         decides when role sessions are refreshed
     */
    SharedCredentials(Consumer<StsClientBuilder> stsCustomizer, Clock clock) {
        this.stsCustomizer = Objects.requireNonNull(stsCustomizer, "stsCustomizer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One use of a shared provider; closing it more than once releases it once. */
    final class Lease implements AutoCloseable {
        private final CredentialsKey key;
        private final AwsCredentialsProvider provider;
        private boolean released;

        private Lease(CredentialsKey key, AwsCredentialsProvider provider) {
            this.key = key;
            this.provider = provider;
        }

        CredentialsKey key() {
            return key;
        }

        AwsCredentialsProvider provider() {
            return provider;
        }

        @Override
        public void close() {
            synchronized (SharedCredentials.this) {
                if (!released) {
                    released = true;
                    release(key);
                }
            }
        }
    }

    /** A lease on the provider for {@code auth}, created if no user holds an equal one. */
    synchronized Lease acquire(AwsAuth auth, StsSettings sts) {
        CredentialsKey key = CredentialsKey.of(auth, sts);
        Entry entry = entries.get(key);
        if (entry == null) {
            entry = new Entry(create(auth, sts));
            entries.put(key, entry);
        }
        entry.users++;
        return new Lease(key, entry.provider);
    }

    /** How many distinct providers are in use. */
    synchronized int size() {
        return entries.size();
    }

    private void release(CredentialsKey key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            throw new IllegalStateException("Cannot release AWS credentials " + key + ": not in use");
        }
        if (--entry.users == 0) {
            entries.remove(key);
            if (entry.provider instanceof SdkAutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    private AwsCredentialsProvider create(AwsAuth auth, StsSettings sts) {
        if (auth instanceof AwsAuth.InstanceRole) {
            return DefaultCredentialsProvider.builder().build();
        }
        if (auth instanceof AwsAuth.AccessKeys keys) {
            return StaticCredentialsProvider.create(keys.sessionToken().isPresent()
                    ? AwsSessionCredentials.create(keys.accessKeyId(), keys.secretAccessKey().reveal(),
                            keys.sessionToken().get().reveal())
                    : AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey().reveal()));
        }
        AwsAuth.AssumeRole role = (AwsAuth.AssumeRole) auth;
        Lease source = acquire(role.source().orElseGet(AwsAuth.InstanceRole::new), sts);
        try {
            StsClientBuilder builder = StsClient.builder()
                    // A view, not the shared provider: closing this STS client must leave the source to its other
                    // users.
                    .credentialsProvider(source.provider()::resolveCredentials)
                    .region(region(sts))
                    .httpClientBuilder(Apache5HttpClient.builder());
            sts.endpoint().ifPresent(builder::endpointOverride);
            stsCustomizer.accept(builder);
            StsClient client = builder.build();
            try {
                return new AssumedRoleCredentials(role, client, sts.refreshMargin(), clock, source);
            } catch (RuntimeException e) {
                client.close();
                throw e;
            }
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    private static Region region(StsSettings sts) {
        if (sts.region().isPresent()) {
            return Region.of(sts.region().get());
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException noRegionConfigured) {
            // STS is global: any region's endpoint issues credentials valid everywhere.
            return Region.US_EAST_1;
        }
    }
}
