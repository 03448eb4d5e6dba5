package io.fsconnect.storage.gcs;

import com.google.cloud.ReadChannel;
import com.google.cloud.RestorableState;
import com.google.cloud.WriteChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import io.fsconnect.auth.GcsDataSource;
import io.fsconnect.auth.Secret;
import io.fsconnect.storage.ObjectExistsException;
import io.fsconnect.storage.ObjectUpload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What GCS itself enforces and the in-memory fake does not: the {@code ifGenerationMatch=0} precondition, answered
 * with HTTP 412 when the object would be created, and customer-supplied encryption keys, without which (or with
 * another one) an object cannot be read. A thin layer over the fake applies those two rules as GCS documents them,
 * so these tests show what a user of the store sees when they apply.
 */
class GcsObjectStoreServerRulesTest {

    private static final String KEY_A = key(1);
    private static final String KEY_B = key(2);

    private final Storage fake = LocalStorageHelper.customOptions(false).getService();
    private final Storage storage = ServerRules.over(fake, List.of(KEY_A, KEY_B));

    @AfterEach
    void closeClient() throws Exception {
        fake.close();
    }

    @Test
    void ofTwoRacingConditionalCreatesTheFirstToCloseWinsAndTheOtherIsTold() throws IOException {
        GcsObjectStore store = new GcsObjectStore(storage, GcsObjectStore.Settings.of("b"));
        ObjectUpload first = store.createIfAbsent("t/p=0/t+0+0.json");
        ObjectUpload second = store.createIfAbsent("t/p=0/t+0+0.json");
        first.write(bytes("live task"));
        second.write(bytes("zombie task"));
        first.close();

        assertThatThrownBy(second::close)
                .isInstanceOfSatisfying(ObjectExistsException.class,
                        e -> assertThat(e.key()).isEqualTo("t/p=0/t+0+0.json"))
                .hasMessage("Cannot create object t/p=0/t+0+0.json: it already exists in gs://b/; the existing object "
                        + "was kept and this upload discarded");
        assertThat(read(store, "t/p=0/t+0+0.json")).isEqualTo(bytes("live task"));
    }

    @Test
    void aPlainCreateStillReplaces() throws IOException {
        GcsObjectStore store = new GcsObjectStore(storage, GcsObjectStore.Settings.of("b"));
        put(store, "k", "first");
        put(store, "k", "second");

        assertThat(read(store, "k")).isEqualTo(bytes("second"));
    }

    @Test
    void objectsWrittenWithACustomerKeyAreReadWithItAndRefusedWithoutIt() throws IOException {
        GcsObjectStore encrypted = new GcsObjectStore(storage, GcsObjectStore.Settings.of("b")
                .withEncryption(new GcsDataSource.CustomerKey(Secret.of(KEY_A), sha256(KEY_A))));
        put(encrypted, "secret/part-0.parquet", "features");

        assertThat(read(encrypted, "secret/part-0.parquet")).isEqualTo(bytes("features"));

        GcsObjectStore withoutKey = new GcsObjectStore(storage, GcsObjectStore.Settings.of("b"));
        assertThatThrownBy(() -> read(withoutKey, "secret/part-0.parquet"))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("Cannot read object secret/part-0.parquet in gs://b/: The target object is "
                        + "encrypted by a customer-supplied encryption key. (HTTP 400). If the object was written with "
                        + "a customer-supplied encryption key, the data source must give the same key.");
        GcsObjectStore otherKey = new GcsObjectStore(storage, GcsObjectStore.Settings.of("b")
                .withEncryption(new GcsDataSource.CustomerKey(Secret.of(KEY_B), sha256(KEY_B))));
        assertThatThrownBy(() -> read(otherKey, "secret/part-0.parquet"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("The provided encryption key is incorrect")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY_A).doesNotContain(KEY_B));
    }

    private static void put(GcsObjectStore store, String key, String content) throws IOException {
        try (ObjectUpload upload = store.create(key)) {
            upload.write(bytes(content));
        }
    }

    private static byte[] read(GcsObjectStore store, String key) throws IOException {
        try (InputStream in = store.open(key)) {
            return in.readAllBytes();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String key(int seed) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) seed);
        return Base64.getEncoder().encodeToString(key);
    }

    private static String sha256(String base64Key) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(Base64.getDecoder().decode(base64Key)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The fake's {@link Storage}, plus GCS's precondition and customer-key rules on {@code writer} and {@code reader}.
     * Options are recognised by equality, so the layer knows the keys a test uses.
     */
    private static final class ServerRules {

        private final Storage fake;
        private final List<String> knownKeys;
        /** Object name → the customer key it was written with ("" for none). */
        private final Map<String, String> keyOf = new ConcurrentHashMap<>();

        private ServerRules(Storage fake, List<String> knownKeys) {
            this.fake = fake;
            this.knownKeys = knownKeys;
        }

        static Storage over(Storage fake, List<String> knownKeys) {
            ServerRules rules = new ServerRules(fake, knownKeys);
            return (Storage) Proxy.newProxyInstance(Storage.class.getClassLoader(), new Class<?>[] {Storage.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("writer") && args.length == 2 && args[0] instanceof BlobInfo info) {
                            return rules.writer(info, List.of((Storage.BlobWriteOption[]) args[1]));
                        }
                        if (method.getName().equals("reader") && args.length == 2 && args[0] instanceof BlobId id) {
                            return rules.reader(id, List.of((Storage.BlobSourceOption[]) args[1]));
                        }
                        try {
                            return method.invoke(fake, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        private WriteChannel writer(BlobInfo info, List<Storage.BlobWriteOption> options) {
            boolean ifAbsent = options.contains(Storage.BlobWriteOption.doesNotExist());
            String key = knownKeys.stream().filter(k -> options.contains(Storage.BlobWriteOption.encryptionKey(k)))
                    .findFirst().orElse("");
            WriteChannel channel = fake.writer(info);
            return new WriteChannel() {
                @Override
                public int write(ByteBuffer src) throws IOException {
                    return channel.write(src);
                }

                @Override
                public boolean isOpen() {
                    return channel.isOpen();
                }

                @Override
                public void close() throws IOException {
                    Blob existing = fake.get(info.getBlobId());
                    if (ifAbsent && existing != null && existing.getSize() != null) {
                        throw new StorageException(412, "At least one of the pre-conditions you specified did not hold.");
                    }
                    channel.close();
                    keyOf.put(info.getName(), key);
                }

                @Override
                public void setChunkSize(int chunkSize) {
                    channel.setChunkSize(chunkSize);
                }

                @Override
                public RestorableState<WriteChannel> capture() {
                    throw new UnsupportedOperationException();
                }
            };
        }

        private ReadChannel reader(BlobId id, List<Storage.BlobSourceOption> options) {
            String written = keyOf.getOrDefault(id.getName(), "");
            Optional<String> given = knownKeys.stream()
                    .filter(k -> options.contains(Storage.BlobSourceOption.decryptionKey(k))).findFirst();
            Optional<String> refusal = Optional.empty();
            if (!written.isEmpty() && given.isEmpty()) {
                refusal = Optional.of("The target object is encrypted by a customer-supplied encryption key.");
            } else if (!written.isEmpty() && !given.get().equals(written)) {
                refusal = Optional.of("The provided encryption key is incorrect.");
            }
            if (refusal.isEmpty()) {
                return fake.reader(id);
            }
            String message = refusal.get();
            // Like the SDK's lazy channel: the request, and so the refusal, happens at the first read.
            return (ReadChannel) Proxy.newProxyInstance(ReadChannel.class.getClassLoader(),
                    new Class<?>[] {ReadChannel.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "read" -> throw new StorageException(400, message);
                        case "isOpen" -> true;
                        case "close" -> null;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }
}
