package io.fsconnect.storage.gcs;

import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import io.fsconnect.auth.GcsDataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands every GCS data source opened in this JVM the same client on {@code LocalStorageHelper}, Google's in-memory
 * fake behind the real {@link Storage} API, so that connectors running in an in-process Connect worker and the test
 * that checks their objects see one bucket space. It records which service account each data source's credentials
 * belong to, so a test can show the worker loaded the data source's key; the fake itself checks no credentials. The
 * fake mistreats the "only if absent" precondition (it refuses, at the start of the upload and without HTTP 412, any
 * name that an abandoned, never-finished upload used, where GCS would create the object), so this client drops that
 * one option and a store's conditional creates act as plain creates here; GcsObjectStoreServerRulesTest in
 * common-storage covers them.
 */
public final class FakeGcsClientProvider implements GcsClientProvider {

    private static final Storage SHARED = withoutIfAbsent(LocalStorageHelper.customOptions(false).getService());
    private static final Map<String, String> ACCOUNTS = new ConcurrentHashMap<>();

    @Override
    public Storage client(GcsDataSource source, StorageOptions defaults) {
        if (defaults.getCredentials() instanceof ServiceAccountCredentials account) {
            ACCOUNTS.put(source.name(), account.getClientEmail());
        }
        return SHARED;
    }

    /** {@code fake} with the {@code doesNotExist} precondition taken out of every upload it starts. */
    private static Storage withoutIfAbsent(Storage fake) {
        Storage.BlobWriteOption ifAbsent = Storage.BlobWriteOption.doesNotExist();
        InvocationHandler handler = (proxy, method, args) -> {
            Object[] passed = args;
            if (method.getName().equals("writer") && args != null && args.length == 2
                    && args[1] instanceof Storage.BlobWriteOption[] options) {
                passed = new Object[] {args[0], Arrays.stream(options).filter(option -> !option.equals(ifAbsent))
                        .toArray(Storage.BlobWriteOption[]::new)};
            }
            try {
                return method.invoke(fake, passed);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Storage) Proxy.newProxyInstance(Storage.class.getClassLoader(), new Class<?>[] {Storage.class},
                handler);
    }

    /** The service account whose key the last store opened on data source {@code name} was given, if any. */
    public static Optional<String> accountOf(String name) {
        return Optional.ofNullable(ACCOUNTS.get(name));
    }

    /**
     * A throwaway service-account JSON key for {@code email}, with a fresh RSA key: real enough for the client
     * library to load and sign with, usable with no server since the fake never asks for a token.
     */
    public static String serviceAccountKey(String email) {
        String pem;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pem = "-----BEGIN PRIVATE KEY-----\\n" + Base64.getEncoder().encodeToString(
                    generator.generateKeyPair().getPrivate().getEncoded()) + "\\n-----END PRIVATE KEY-----\\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return "{\"type\":\"service_account\",\"project_id\":\"fs-project\",\"private_key_id\":\"k1\","
                + "\"private_key\":\"" + pem + "\",\"client_email\":\"" + email + "\",\"client_id\":\"1\","
                + "\"token_uri\":\"https://oauth2.googleapis.com/token\"}";
    }
}
