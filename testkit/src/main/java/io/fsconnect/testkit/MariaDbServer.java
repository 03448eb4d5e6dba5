package io.fsconnect.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway MariaDB server built from the locally installed server package: a fresh data
 * directory ({@code mariadb-install-db}) in a temporary directory, one {@code mariadbd} process
 * listening on a free loopback port, with the session time zone UTC. It creates a user with a
 * random password that owns a database of the same name, and hands out that user's credentials;
 * the administrator account has no network access beyond the loopback port and its socket lives
 * inside the temporary directory. {@link #close()} stops the server and deletes the directory; a JVM shutdown
 * hook does the same if a test forgets. Durability is relaxed because the data is thrown away.
 * The binaries are looked up on the {@code PATH} and in {@code /usr/sbin}, or in the directory
 * named by the environment variable {@value #BIN_DIR_ENV}. {@link #toString()} never shows the
 * password.
 */
public final class MariaDbServer extends ThrowawayDatabase {

    /** Environment variable naming a directory holding {@code mariadb-install-db} and {@code mariadbd}. */
    public static final String BIN_DIR_ENV = "FSCONNECT_MARIADB_BIN";

    private static final int START_ATTEMPTS = 3;
    private static final Duration INSTALL_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;

    private MariaDbServer(Path baseDir, Process process, int port, String password) {
        super("MariaDB", baseDir, port, password);
        this.process = process;
    }

    /** Initialises, starts and seeds a new server; ready when this returns. */
    public static MariaDbServer start() {
        Path installDb = locate("mariadb-install-db");
        Path server = locate("mariadbd");
        return startInTemporaryDirectory("MariaDB", "fsconnect-mariadb-", baseDir -> {
            install(installDb, baseDir);
            return startOnFreePort(server, baseDir, LocalServers.randomSecret(24));
        }, started -> { });
    }

    @Override
    String urlScheme() {
        return "mariadb";
    }

    /** No clean shutdown is needed: the data is discarded. */
    @Override
    void stopServer() {
        try {
            process.destroyForcibly();
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("Cannot stop MariaDB on port " + port() + ": the process "
                        + process.pid() + " did not exit within " + STOP_TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void install(Path installDb, Path baseDir) {
        List<String> command = List.of(installDb.toString(), "--no-defaults", "--datadir=" + dataDir(baseDir),
                "--user=" + System.getProperty("user.name"),
                "--skip-test-db", "--skip-name-resolve");
        Path output = baseDir.resolve("install.out");
        try {
            Process install = new ProcessBuilder(command).directory(baseDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!install.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                install.destroyForcibly();
                throw new IllegalStateException("Cannot initialise MariaDB: mariadb-install-db did not exit within "
                        + INSTALL_TIMEOUT.toSeconds() + " s");
            }
            if (install.exitValue() != 0) {
                throw new IllegalStateException("Cannot initialise MariaDB: mariadb-install-db exited with "
                        + install.exitValue() + "\n" + LocalServers.tail(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Cannot initialise MariaDB: interrupted", e);
        }
    }

    private static MariaDbServer startOnFreePort(Path server, Path baseDir, String password) {
        Path initFile = writeInitFile(baseDir, password);
        List<String> failures = new ArrayList<>();
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            // Another process may take the port between probing and binding; then try a new one.
            int port = LocalServers.freeLoopbackPort("MariaDB");
            Path log = baseDir.resolve("error-" + attempt + ".log");
            List<String> command = List.of(server.toString(), "--no-defaults",
                    "--user=" + System.getProperty("user.name"), "--datadir=" + dataDir(baseDir),
                    "--bind-address=127.0.0.1", "--port=" + port, "--socket=" + socket(baseDir),
                    "--pid-file=" + baseDir.resolve("mariadbd.pid"), "--log-error=" + log, "--init-file=" + initFile,
                    "--default-time-zone=+00:00", "--skip-log-bin", "--skip-name-resolve",
                    "--innodb-buffer-pool-size=32M", "--innodb-log-file-size=16M",
                    "--innodb-flush-log-at-trx-commit=0", "--innodb-doublewrite=0", "--max-connections=200");
            Process process;
            try {
                process = new ProcessBuilder(command).directory(baseDir.toFile()).redirectErrorStream(true)
                        .redirectOutput(baseDir.resolve("mariadbd-" + attempt + ".out").toFile()).start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot run " + server + ": " + e.getMessage(), e);
            }
            MariaDbServer candidate = new MariaDbServer(baseDir, process, port, password);
            Optional<String> failure = candidate.awaitReady(log);
            if (failure.isEmpty()) {
                deleteQuietly(initFile);
                return candidate;
            }
            process.destroyForcibly();
            failures.add("attempt " + attempt + " on port " + port + ": " + failure.get());
        }
        throw new IllegalStateException("Cannot start MariaDB in " + baseDir + ":\n" + String.join("\n", failures));
    }

    /**
     * The statements the server runs as it starts, before it accepts connections: the user and its
     * database. The file holds the password, so only its owner may read it, and it is deleted once
     * the server is up.
     */
    private static Path writeInitFile(Path baseDir, String password) {
        Path file = baseDir.resolve("init.sql");
        // The password is generated here from [A-Za-z0-9], so it needs no quoting beyond the literal.
        String sql = String.join("\n",
                "CREATE DATABASE " + DATABASE + ";",
                "CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + password + "';",
                "GRANT ALL PRIVILEGES ON " + DATABASE + ".* TO '" + USER + "'@'%';",
                "");
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, sql, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the MariaDB start-up script " + file + ": " + e.getMessage(), e);
        }
    }

    /** Empty once the server accepts the user's connections; otherwise why it never did. */
    private Optional<String> awaitReady(Path log) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        SQLException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                // Waiting on the process paces the polling and notices at once when the server exits.
                if (process.waitFor(100, TimeUnit.MILLISECONDS)) {
                    return Optional.of("mariadbd exited with " + process.exitValue() + "\n" + LocalServers.tail(log));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted");
            }
            try (Connection ignored = connect()) {
                return Optional.empty();
            } catch (SQLException e) {
                last = e;
            }
        }
        return Optional.of("not accepting connections within " + START_TIMEOUT.toSeconds() + " s"
                + (last == null ? "" : " (" + last.getMessage() + ")") + "\n" + LocalServers.tail(log));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The whole directory is deleted on close; the file is only readable by its owner meanwhile.
        }
    }

    private static Path locate(String tool) {
        Optional<String> override = Optional.ofNullable(System.getenv(BIN_DIR_ENV)).filter(s -> !s.isBlank());
        List<Path> candidates = new ArrayList<>();
        override.ifPresent(dir -> candidates.add(Path.of(dir, tool)));
        if (override.isEmpty()) {
            String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(Path.of(dir, tool));
                }
            }
            candidates.add(Path.of("/usr/sbin", tool));
            candidates.add(Path.of("/usr/bin", tool));
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().orElseThrow(() ->
                new IllegalStateException("Cannot start MariaDB: " + tool + " is not installed"
                        + (override.isPresent() ? " in " + override.get() + "; fix " + BIN_DIR_ENV
                        : ". Install the server (Debian/Ubuntu: apt-get install mariadb-server) or set " + BIN_DIR_ENV
                        + " to the directory holding mariadb-install-db and mariadbd")));
    }

    private static Path dataDir(Path baseDir) {
        return baseDir.resolve("data");
    }

    private static Path socket(Path baseDir) {
        return baseDir.resolve("mariadb.sock");
    }

}
