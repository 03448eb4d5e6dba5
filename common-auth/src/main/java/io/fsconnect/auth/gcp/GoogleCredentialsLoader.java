package io.fsconnect.auth.gcp;

import com.google.api.client.json.GenericJson;
import com.google.api.client.json.gson.GsonFactory;
import com.google.auth.http.HttpTransportFactory;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import io.fsconnect.auth.GoogleAuth;
import io.fsconnect.auth.KeyMaterial;
import io.fsconnect.auth.config.GoogleConfig;
import org.apache.kafka.common.config.ConfigException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a {@link GoogleAuth} into Google {@link GoogleCredentials} for the Cloud client libraries. A
 * {@link GoogleAuth.ServiceAccountKey} is read (from its file on this worker, or inline) and checked before the
 * credentials are built: a key that is not JSON, is not of type {@code service_account}, or lacks its client e-mail
 * or a usable PKCS#8 private key fails with a {@link ConfigException} that names the config key ({@code key.path} or
 * {@code key.json}) and the file, never any part of the key. {@link GoogleAuth.ApplicationDefault} asks the
 * environment (the {@code GOOGLE_APPLICATION_CREDENTIALS} file, gcloud's well-known file, workload identity, the
 * metadata server) and fails with an {@link IOException} when it has none. The credentials are returned unscoped:
 * the Cloud client libraries add the scopes of their service. Loading makes no network call for a key; tokens are
 * fetched and refreshed by the credentials themselves, through the transport this loader was given.
 */
public final class GoogleCredentialsLoader {

    private static final String SERVICE_ACCOUNT = "service_account";

    private final Optional<HttpTransportFactory> transport;

    /** A loader whose credentials reach Google's token endpoints with the auth library's default HTTP transport. */
    public GoogleCredentialsLoader() {
        this.transport = Optional.empty();
    }

    /**
     * A loader whose credentials (and the Application Default Credentials lookup) send every HTTP request through
     * {@code transport}, e.g. one with a proxy.
     */
    public GoogleCredentialsLoader(HttpTransportFactory transport) {
        this.transport = Optional.of(Objects.requireNonNull(transport, "transport"));
    }

    /**
     * The credentials {@code auth} describes.
     *
     * @throws ConfigException if a service-account key cannot be read or is not a usable service-account key
     * @throws IOException if Application Default Credentials are selected and the environment provides none
     */
    public GoogleCredentials load(GoogleAuth auth) throws IOException {
        Objects.requireNonNull(auth, "auth");
        if (auth instanceof GoogleAuth.ServiceAccountKey key) {
            return serviceAccount(key.key());
        }
        return applicationDefault();
    }

    private GoogleCredentials applicationDefault() throws IOException {
        try {
            return transport.isPresent() ? GoogleCredentials.getApplicationDefault(transport.get())
                    : GoogleCredentials.getApplicationDefault();
        } catch (IOException e) {
            throw new IOException("Cannot load Application Default Credentials: " + e.getMessage() + " Set "
                    + GoogleConfig.KEY_PATH + " or " + GoogleConfig.KEY_JSON + " to use a service-account key, or give "
                    + "the workers an identity (GOOGLE_APPLICATION_CREDENTIALS, workload identity, a VM service "
                    + "account).", e);
        }
    }

    private ServiceAccountCredentials serviceAccount(KeyMaterial material) {
        String source = describe(material);
        byte[] json = read(material, source);
        GenericJson fields = parse(json, source);
        Object type = fields.get("type");
        if (!(type instanceof String typeName) || typeName.isBlank()) {
            throw invalid(source, "it has no \"type\"; a service-account key has \"type\": \"" + SERVICE_ACCOUNT
                    + "\". Use the JSON key file the Cloud console or 'gcloud iam service-accounts keys create' "
                    + "produced.");
        }
        if (!typeName.equals(SERVICE_ACCOUNT)) {
            throw invalid(source, "it is a \"" + typeName + "\" credential, not a service-account key (\"type\": \""
                    + SERVICE_ACCOUNT + "\"). Create a JSON key for a service account, or set neither "
                    + GoogleConfig.KEY_PATH + " nor " + GoogleConfig.KEY_JSON + " to use Application Default "
                    + "Credentials.");
        }
        requireText(fields, "client_email", source);
        requireText(fields, "private_key", source);
        try {
            return transport.isPresent()
                    ? ServiceAccountCredentials.fromStream(new ByteArrayInputStream(json), transport.get())
                    : ServiceAccountCredentials.fromStream(new ByteArrayInputStream(json));
        } catch (IOException | RuntimeException e) {
            // The library's message may quote the key; say what is wrong without it.
            throw invalid(source, "its \"private_key\" is not a PEM-encoded PKCS#8 RSA private key. Use the key "
                    + "file exactly as it was downloaded.");
        }
    }

    private static String describe(KeyMaterial material) {
        if (material instanceof KeyMaterial.File file) {
            return "the service-account key file " + file.path() + " (" + GoogleConfig.KEY_PATH + ")";
        }
        return "the service-account key in " + GoogleConfig.KEY_JSON;
    }

    private static byte[] read(KeyMaterial material, String source) {
        if (material instanceof KeyMaterial.Inline inline) {
            return inline.value().reveal().getBytes(StandardCharsets.UTF_8);
        }
        KeyMaterial.File file = (KeyMaterial.File) material;
        try {
            return Files.readAllBytes(file.path());
        } catch (NoSuchFileException e) {
            throw new ConfigException("Cannot read " + source + ": no such file on this worker. The key file must "
                    + "exist on every worker that runs the connector.");
        } catch (AccessDeniedException e) {
            throw new ConfigException("Cannot read " + source + ": permission denied for the worker's user.");
        } catch (IOException e) {
            throw new ConfigException("Cannot read " + source + ": " + e);
        }
    }

    private static GenericJson parse(byte[] json, String source) {
        try {
            GenericJson fields = GsonFactory.getDefaultInstance()
                    .createJsonParser(new ByteArrayInputStream(json), StandardCharsets.UTF_8)
                    .parseAndClose(GenericJson.class);
            if (fields == null) {
                throw invalid(source, "it is empty. Give the JSON key of a service account.");
            }
            return fields;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ConfigException config) {
                throw config;
            }
            // The parser's message can quote the text around the error, which is key material.
            throw invalid(source, "it is not a JSON object. Give the whole JSON key file of a service account, "
                    + "unchanged.");
        }
    }

    private static void requireText(GenericJson fields, String name, String source) {
        if (!(fields.get(name) instanceof String value) || value.isBlank()) {
            throw invalid(source, "it has no \"" + name + "\". Use the JSON key file of a service account as it was "
                    + "downloaded.");
        }
    }

    private static ConfigException invalid(String source, String reason) {
        return new ConfigException("Cannot load " + source + ": " + reason);
    }
}
