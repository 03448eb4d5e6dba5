package io.fsconnect.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A stand-in for the Microsoft Entra ID (Azure AD) token service on a loopback HTTPS port, for testing service
 * principal sign-in without the internet. It knows one application (tenant id, client id and client secret, all
 * random) and answers what MSAL asks an authority: the OpenID configuration of the tenant, instance discovery, and
 * the OAuth 2.0 client-credentials grant at {@code /<tenant>/oauth2/v2.0/token}. A correct secret gets a JWT access
 * token with the claims Azure Storage checks (issuer {@code https://sts.windows.net/<tenant>/}, audience from the
 * requested scope, validity one hour); the signature is not verifiable, which is all the emulator's
 * {@code --oauth basic} mode accepts anyway. A wrong secret or client gets HTTP 401 with an AADSTS error as Entra ID
 * sends it.
 *
 * <p>The certificate is self-signed for {@code 127.0.0.1} and {@code localhost}, made with the JDK's
 * {@code keytool} into a PKCS#12 file ({@link #keyStore()}) that other local servers, such as
 * {@link AzuriteServer#startHttpsWithOAuth(Path, String)}, can use too; {@link #trustingSslContext()} trusts exactly
 * that certificate. {@link #close()} stops the server and deletes the key store.
 */
public final class LocalTokenEndpoint implements AutoCloseable {

    private static final Pattern OPENID = Pattern.compile("/([^/]+)(/v2\\.0)?/\\.well-known/openid-configuration");
    private static final Pattern TOKEN = Pattern.compile("/([^/]+)/oauth2(/v2\\.0)?/token");
    private static final String DISCOVERY = "/common/discovery/instance";
    private static final long TOKEN_LIFETIME_SECONDS = 3600;

    private final HttpsServer server;
    private final Path directory;
    private final String keyStorePassword;
    private final String tenantId;
    private final String clientId;
    private final String clientSecret;
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger rejections = new AtomicInteger();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private LocalTokenEndpoint(Path directory, String keyStorePassword) throws IOException, GeneralSecurityException {
        this.directory = directory;
        this.keyStorePassword = keyStorePassword;
        this.tenantId = UUID.randomUUID().toString();
        this.clientId = UUID.randomUUID().toString();
        this.clientSecret = LocalServers.randomSecret(32);
        this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverSslContext()));
        server.createContext("/", this::handle);
        server.start();
    }

    /** Makes a certificate and starts serving; ready when this returns. */
    public static LocalTokenEndpoint start() {
        Path directory;
        try {
            directory = Files.createTempDirectory("fsconnect-token-endpoint-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the local token endpoint: cannot create a temporary directory: "
                    + e.getMessage(), e);
        }
        try {
            String password = LocalServers.randomSecret(32);
            makeCertificate(directory.resolve("endpoint.p12"), password);
            return new LocalTokenEndpoint(directory, password);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LocalServers.deleteRecursively(directory, "the token endpoint directory");
            throw new IllegalStateException("Cannot start the local token endpoint: " + e.getMessage(), e);
        }
    }

    /** The authority host to give the credential, {@code https://127.0.0.1:<port>}. */
    public URI authorityHost() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The directory (tenant) id the application is registered in. */
    public String tenantId() {
        return tenantId;
    }

    /** The application (client) id. */
    public String clientId() {
        return clientId;
    }

    /** The application's client secret. */
    public String clientSecret() {
        return clientSecret;
    }

    /** The PKCS#12 file holding this endpoint's certificate and private key. */
    public Path keyStore() {
        return directory.resolve("endpoint.p12");
    }

    /** The password of {@link #keyStore()} and of the key in it. */
    public String keyStorePassword() {
        return keyStorePassword;
    }

    /** A TLS context that trusts this endpoint's certificate and nothing else. */
    public SSLContext trustingSslContext() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(loadKeyStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot make a TLS context trusting " + keyStore() + ": " + e.getMessage(), e);
        }
    }

    /** How many access tokens were handed out. */
    public int tokensIssued() {
        return tokensIssued.get();
    }

    /** How many token requests were refused (wrong client, secret or tenant). */
    public int rejections() {
        return rejections.get();
    }

    /** Every request seen, as {@code METHOD path}, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        LocalServers.deleteRecursively(directory, "the token endpoint directory");
    }

    @Override
    public String toString() {
        return "LocalTokenEndpoint(" + authorityHost() + ", tenant=" + tenantId + ", client=" + clientId + ")";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path);
            Matcher openId = OPENID.matcher(path);
            Matcher token = TOKEN.matcher(path);
            if (openId.matches() && "GET".equals(exchange.getRequestMethod())) {
                respond(exchange, 200, openIdConfiguration(openId.group(1)));
            } else if (path.equals(DISCOVERY) && "GET".equals(exchange.getRequestMethod())) {
                respond(exchange, 200, instanceDiscovery());
            } else if (token.matches() && "POST".equals(exchange.getRequestMethod())) {
                issueToken(exchange, token.group(1));
            } else {
                respond(exchange, 404, error("invalid_request", "AADSTS90002: No such endpoint " + path));
            }
        }
    }

    private void issueToken(HttpExchange exchange, String tenant) throws IOException {
        Map<String, String> form = parseForm(exchange.getRequestBody());
        String secret = form.getOrDefault("client_secret", "");
        String client = form.getOrDefault("client_id", "");
        if (!"client_credentials".equals(form.get("grant_type"))) {
            rejections.incrementAndGet();
            respond(exchange, 400, error("unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type."));
            return;
        }
        if (!tenant.equals(tenantId)) {
            rejections.incrementAndGet();
            respond(exchange, 400, error("invalid_request", "AADSTS90002: Tenant '" + tenant + "' not found."));
            return;
        }
        if (!client.equals(clientId)) {
            rejections.incrementAndGet();
            respond(exchange, 400, error("unauthorized_client", "AADSTS700016: Application with identifier '" + client
                    + "' was not found in the directory '" + tenant + "'."));
            return;
        }
        if (!MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), clientSecret.getBytes(StandardCharsets.UTF_8))) {
            rejections.incrementAndGet();
            respond(exchange, 401, error("invalid_client", "AADSTS7000215: Invalid client secret provided. Ensure the"
                    + " secret being sent in the request is the client secret value, not the client secret ID, for a"
                    + " secret added to app '" + clientId + "'."));
            return;
        }
        String scope = form.getOrDefault("scope", "https://storage.azure.com/.default").split(" ")[0];
        String audience = scope.endsWith("/.default") ? scope.substring(0, scope.length() - "/.default".length()) : scope;
        tokensIssued.incrementAndGet();
        respond(exchange, 200, "{\"token_type\":\"Bearer\",\"expires_in\":" + TOKEN_LIFETIME_SECONDS
                + ",\"ext_expires_in\":" + TOKEN_LIFETIME_SECONDS + ",\"access_token\":\"" + accessToken(audience) + "\"}");
    }

    private String accessToken(String audience) {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"aud\":\"" + audience + "\",\"iss\":\"https://sts.windows.net/" + tenantId + "/\""
                + ",\"iat\":" + now + ",\"nbf\":" + (now - 300) + ",\"exp\":" + (now + TOKEN_LIFETIME_SECONDS)
                + ",\"appid\":\"" + clientId + "\",\"oid\":\"" + clientId + "\",\"sub\":\"" + clientId + "\""
                + ",\"tid\":\"" + tenantId + "\",\"ver\":\"1.0\"}";
        byte[] signature = new byte[256];
        new SecureRandom().nextBytes(signature);
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + url.encodeToString(signature);
    }

    private String openIdConfiguration(String tenant) {
        String base = authorityHost() + "/" + tenant;
        return "{\"token_endpoint\":\"" + base + "/oauth2/v2.0/token\""
                + ",\"authorization_endpoint\":\"" + base + "/oauth2/v2.0/authorize\""
                + ",\"device_authorization_endpoint\":\"" + base + "/oauth2/v2.0/devicecode\""
                + ",\"jwks_uri\":\"" + base + "/discovery/v2.0/keys\""
                + ",\"issuer\":\"" + base + "/v2.0\""
                + ",\"token_endpoint_auth_methods_supported\":[\"client_secret_post\",\"client_secret_basic\"]"
                + ",\"response_types_supported\":[\"code\",\"id_token\",\"token\"]"
                + ",\"subject_types_supported\":[\"pairwise\"]"
                + ",\"id_token_signing_alg_values_supported\":[\"RS256\"]"
                + ",\"scopes_supported\":[\"openid\",\"profile\",\"email\",\"offline_access\"]}";
    }

    private String instanceDiscovery() {
        String host = authorityHost().getAuthority();
        return "{\"tenant_discovery_endpoint\":\"" + authorityHost() + "/" + tenantId
                + "/v2.0/.well-known/openid-configuration\",\"api-version\":\"1.1\",\"metadata\":[{\"preferred_network\":\""
                + host + "\",\"preferred_cache\":\"" + host + "\",\"aliases\":[\"" + host + "\"]}]}";
    }

    private static String error(String code, String description) {
        return "{\"error\":\"" + code + "\",\"error_description\":\"" + description.replace("\"", "'")
                + "\",\"error_codes\":[" + description.replaceAll("^AADSTS(\\d+).*$", "$1") + "]"
                + ",\"timestamp\":\"" + Instant.now() + "\",\"trace_id\":\"" + UUID.randomUUID()
                + "\",\"correlation_id\":\"" + UUID.randomUUID() + "\"}";
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> parseForm(InputStream body) throws IOException {
        Map<String, String> form = new HashMap<>();
        String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private SSLContext serverSslContext() throws IOException, GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(loadKeyStore(), keyStorePassword.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private KeyStore loadKeyStore() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore())) {
            store.load(in, keyStorePassword.toCharArray());
        }
        return store;
    }

    private static void makeCertificate(Path file, String password) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "endpoint",
                "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", password, "-keypass", password)
                .redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("Cannot make a certificate with " + keytool + ": " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("Cannot make a certificate with " + keytool + ": interrupted", e);
        }
    }

    /** Letters and digits only: keytool would read a password starting with "-J" as a JVM option. */

}
