package io.fsconnect.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A throwaway Azurite blob service (Microsoft's Azure Storage emulator, installed from npm) on a free loopback
 * port, holding its data in memory only. It serves the emulator's development account {@value #ACCOUNT_NAME} with
 * its well-known shared key, over plain HTTP, or over HTTPS with a given PKCS#12 certificate and with Entra ID
 * bearer tokens accepted ({@code --oauth basic}: issuer, audience and validity are checked, signatures are not).
 * Azurite has no ADLS Gen2 (DFS) endpoint; ADLS Gen2 accounts also serve this Blob API. {@link #close()} stops the
 * process and deletes its directory; a JVM shutdown hook does the same if a test forgets.
 *
 * <p>Azurite is found through the system property {@value #HOME_PROPERTY} (the {@code azurite} package directory),
 * or else in {@code build/node/node_modules/azurite} of the working directory or one of its parents, where
 * {@code npm install --prefix build/node azurite@3.37.0} puts it. {@code node} must be on the {@code PATH}.
 */
public final class AzuriteServer implements AutoCloseable {

    /** System property naming the installed {@code azurite} npm package directory. */
    public static final String HOME_PROPERTY = "fsconnect.azurite.home";

    /** The emulator's development storage account. */
    public static final String ACCOUNT_NAME = "devstoreaccount1";

    /** The development account's well-known shared key, published in the emulator's documentation. */
    public static final String ACCOUNT_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static final Path RELATIVE_HOME = Path.of("build", "node", "node_modules", "azurite");
    private static final Path MAIN = Path.of("dist", "src", "blob", "main.js");
    private static final Pattern LISTENING = Pattern.compile("successfully listens on (https?)://([^:/\\s]+):(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final int OUTPUT_LINES_KEPT = 40;

    private final Process process;
    private final Path directory;
    private final URI serviceUri;
    private final Deque<String> output;
    private final Thread shutdownHook;
    private boolean closed;

    private AzuriteServer(Process process, Path directory, URI serviceUri, Deque<String> output) {
        this.process = process;
        this.directory = directory;
        this.serviceUri = serviceUri;
        this.output = output;
        this.shutdownHook = new Thread(this::stopAndDelete, "azurite-server-cleanup");
    }

    /** Starts Azurite over plain HTTP with shared-key and SAS authentication; ready when this returns. */
    public static AzuriteServer start() {
        return launch(List.of());
    }

    /**
     * Starts Azurite over HTTPS with the certificate and key in a PKCS#12 file, accepting Entra ID bearer tokens
     * as well as shared keys and SAS. Clients must trust that certificate.
     */
    public static AzuriteServer startHttpsWithOAuth(Path pkcs12, String password) {
        return launch(List.of("--cert", pkcs12.toAbsolutePath().toString(), "--pwd", password, "--oauth", "basic"));
    }

    /** The blob service endpoint of the development account, {@code http(s)://127.0.0.1:<port>/devstoreaccount1}. */
    public URI blobEndpoint() {
        return URI.create(serviceUri + "/" + ACCOUNT_NAME);
    }

    /** The loopback port the blob service listens on. */
    public int port() {
        return serviceUri.getPort();
    }

    /** The storage account name, {@value #ACCOUNT_NAME}. */
    public String accountName() {
        return ACCOUNT_NAME;
    }

    /** The account's shared key. */
    public String accountKey() {
        return ACCOUNT_KEY;
    }

    /** A connection string for the SDKs: protocol, account, key and blob endpoint. */
    public String connectionString() {
        return "DefaultEndpointsProtocol=" + serviceUri.getScheme() + ";AccountName=" + ACCOUNT_NAME
                + ";AccountKey=" + ACCOUNT_KEY + ";BlobEndpoint=" + blobEndpoint() + ";";
    }

    /** The last lines the emulator printed, for failure messages. */
    public List<String> recentOutput() {
        return snapshot(output);
    }

    /** Stops the emulator (its in-memory data is gone) and deletes its directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException alreadyShuttingDownOrNotRegistered) {
            // The hook itself is running (JVM exit) or was never registered; cleaning up here is still right.
        }
        stopAndDelete();
    }

    @Override
    public String toString() {
        return "AzuriteServer(" + blobEndpoint() + ")";
    }

    private synchronized void stopAndDelete() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop(process);
        } finally {
            LocalServers.deleteRecursively(directory, "the Azurite directory");
        }
    }

    private static AzuriteServer launch(List<String> extraArgs) {
        Path home = locateHome();
        Path directory;
        try {
            directory = Files.createTempDirectory("fsconnect-azurite-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Azurite: cannot create a temporary directory: " + e.getMessage(), e);
        }
        List<String> command = new ArrayList<>(List.of("node", home.resolve(MAIN).toString(),
                "--blobHost", "127.0.0.1", "--blobPort", "0",
                "--inMemoryPersistence", "--skipApiVersionCheck", "--silent"));
        command.addAll(extraArgs);
        Process process;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            LocalServers.deleteRecursively(directory, "the Azurite directory");
            throw new UncheckedIOException("Cannot start Azurite with node: " + e.getMessage()
                    + ". Install Node.js 20 or newer so that 'node' is on the PATH", e);
        }
        Deque<String> output = new ArrayDeque<>();
        CompletableFuture<URI> listening = new CompletableFuture<>();
        Thread pump = new Thread(() -> pump(process, output, listening), "azurite-output");
        pump.setDaemon(true);
        pump.start();
        try {
            URI serviceUri = listening.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            AzuriteServer server = new AzuriteServer(process, directory, serviceUri, output);
            Runtime.getRuntime().addShutdownHook(server.shutdownHook);
            return server;
        } catch (ExecutionException | TimeoutException e) {
            stop(process);
            LocalServers.deleteRecursively(directory, "the Azurite directory");
            throw new IllegalStateException("Cannot start Azurite from " + home + ": "
                    + (e instanceof TimeoutException ? "it did not report its port within " + START_TIMEOUT.toSeconds() + " s"
                    : e.getCause().getMessage()) + "\noutput:\n" + String.join("\n", snapshot(output)), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(process);
            LocalServers.deleteRecursively(directory, "the Azurite directory");
            throw new IllegalStateException("Cannot start Azurite: interrupted", e);
        }
    }

    /** Reads the output to the end, so the process never blocks on a full pipe, keeping the last lines for errors. */
    private static void pump(Process process, Deque<String> output, CompletableFuture<URI> listening) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (output) {
                    output.addLast(line);
                    if (output.size() > OUTPUT_LINES_KEPT) {
                        output.removeFirst();
                    }
                }
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    listening.complete(URI.create(matcher.group(1) + "://" + matcher.group(2) + ":" + matcher.group(3)));
                }
            }
        } catch (IOException e) {
            listening.completeExceptionally(e);
        }
        listening.completeExceptionally(new IllegalStateException("the process exited before listening"));
    }

    private static List<String> snapshot(Deque<String> output) {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static Path locateHome() {
        Optional<String> property = Optional.ofNullable(System.getProperty(HOME_PROPERTY)).filter(s -> !s.isBlank());
        if (property.isPresent()) {
            Path home = Path.of(property.get()).toAbsolutePath();
            if (!Files.isRegularFile(home.resolve(MAIN))) {
                throw new IllegalStateException("Cannot start Azurite: " + home.resolve(MAIN) + " does not exist; set "
                        + HOME_PROPERTY + " to the directory of the installed azurite npm package");
            }
            return home;
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path home = dir.resolve(RELATIVE_HOME);
            if (Files.isRegularFile(home.resolve(MAIN))) {
                return home;
            }
        }
        throw new IllegalStateException("Cannot start Azurite: no " + RELATIVE_HOME + " in " + start
                + " or its parents. Install it with 'npm install --prefix build/node azurite@3.37.0' in the repository"
                + " root, or set the system property " + HOME_PROPERTY + " to the azurite package directory");
    }

}
