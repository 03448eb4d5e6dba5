package io.fsconnect.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server built from the locally installed server binaries: a fresh cluster
 * ({@code initdb}) in a temporary directory, listening on a free loopback port, with
 * password (SCRAM) authentication for every connection. It creates a login role that owns a
 * database of the same name, and hands out that role's credentials; the superuser's password is
 * random and never leaves this object. {@link #close()} stops the server and deletes the
 * directory; a JVM shutdown hook does the same if a test forgets.
 *
 * <p>PostgreSQL refuses to run as root, so when the JVM is root the server runs as the
 * {@code postgres} OS user through {@code runuser -u postgres}. The binaries are taken from the
 * newest {@code /usr/lib/postgresql/<version>/bin}, or from the directory named by the environment
 * variable {@value #BIN_DIR_ENV}. Durability is switched off ({@code fsync=off}) because the data
 * is thrown away. {@link #toString()} never shows the password.
 */
public final class PostgresServer extends ThrowawayDatabase {

    /** Environment variable naming the directory that holds {@code initdb} and {@code pg_ctl}. */
    public static final String BIN_DIR_ENV = "FSCONNECT_PG_BIN";

    private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
    private static final String OS_USER = "postgres";
    private static final String SUPERUSER = "postgres";
    private static final int START_ATTEMPTS = 3;
    private static final long COMMAND_TIMEOUT_SECONDS = 60;

    private final Path binDir;
    private final boolean asOsUser;

    private PostgresServer(Path binDir, Path baseDir, boolean asOsUser, int port, String password) {
        super("PostgreSQL", baseDir, port, password);
        this.binDir = binDir;
        this.asOsUser = asOsUser;
    }

    /** Initialises, starts and seeds a new server; ready when this returns. */
    public static PostgresServer start() {
        Path binDir = locateBinaries();
        String superuserPassword = LocalServers.randomSecret(24);
        return startInTemporaryDirectory("PostgreSQL", "fsconnect-pg-", baseDir -> {
            boolean asOsUser = isRoot(baseDir);
            if (asOsUser) {
                handToOsUser(baseDir);
            }
            initCluster(binDir, baseDir, asOsUser, superuserPassword);
            return startOnFreePort(binDir, baseDir, asOsUser);
        }, server -> server.createUserAndDatabase(superuserPassword));
    }

    @Override
    String urlScheme() {
        return "postgresql";
    }

    /** Stops the server at once (no checkpoint: the data is discarded). */
    @Override
    void stopServer() {
        run(binDir, directory(), asOsUser, "pg_ctl", "stop", "-D", dataDir(directory()).toString(), "-m", "immediate",
                "-w");
    }

    private void createUserAndDatabase(String superuserPassword) {
        String maintenanceUrl = "jdbc:postgresql://127.0.0.1:" + port() + "/" + SUPERUSER;
        try (Connection connection = connect(maintenanceUrl, SUPERUSER, superuserPassword);
             Statement statement = connection.createStatement()) {
            // The password is generated here from [A-Za-z0-9], so it needs no quoting beyond the literal.
            statement.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + password() + "'");
            statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create role and database '" + USER + "' in PostgreSQL on port "
                    + port() + ": " + e.getMessage(), e);
        }
    }

    private static Path locateBinaries() {
        Optional<String> override = Optional.ofNullable(System.getenv(BIN_DIR_ENV)).filter(s -> !s.isBlank());
        Path binDir;
        if (override.isPresent()) {
            binDir = Path.of(override.get());
        } else {
            binDir = newestDebianBinDir().orElseThrow(() -> new IllegalStateException(
                    "Cannot start PostgreSQL: no server binaries under " + DEBIAN_ROOT + "/<version>/bin."
                            + " Install them (Debian/Ubuntu: apt-get install postgresql) or set " + BIN_DIR_ENV
                            + " to the directory holding initdb and pg_ctl"));
        }
        for (String tool : List.of("initdb", "pg_ctl")) {
            if (!Files.isExecutable(binDir.resolve(tool))) {
                throw new IllegalStateException("Cannot start PostgreSQL: " + binDir.resolve(tool) + " is missing or not executable"
                        + (override.isPresent() ? "; fix " + BIN_DIR_ENV : "; reinstall the server (apt-get install postgresql)"));
            }
        }
        return binDir;
    }

    private static Optional<Path> newestDebianBinDir() {
        if (!Files.isDirectory(DEBIAN_ROOT)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
            return versions
                    .filter(dir -> dir.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                    .filter(dir -> Files.isExecutable(dir.resolve("bin/initdb")))
                    .max(Comparator.comparingDouble(dir -> Double.parseDouble(dir.getFileName().toString())))
                    .map(dir -> dir.resolve("bin"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start PostgreSQL: cannot list " + DEBIAN_ROOT + ": " + e.getMessage(), e);
        }
    }

    private static boolean isRoot(Path ownDirectory) {
        try {
            // The owner of a directory this process just created is its effective uid.
            return ((Integer) Files.getAttribute(ownDirectory, "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static void handToOsUser(Path baseDir) {
        try {
            UserPrincipal owner = baseDir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
            Files.setOwner(baseDir, owner);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start PostgreSQL as root: it refuses to run as root and the OS user '"
                    + OS_USER + "' to run it as is missing (" + e.getMessage() + "). Install the server package"
                    + " (apt-get install postgresql), which creates that user, or run the tests as a non-root user", e);
        }
    }

    private static void initCluster(Path binDir, Path baseDir, boolean asOsUser, String superuserPassword) {
        Path passwordFile = baseDir.resolve("superuser.pw");
        try {
            Files.writeString(passwordFile, superuserPassword, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
            if (asOsUser) {
                Files.setOwner(passwordFile, Files.getOwner(baseDir));
            }
            run(binDir, baseDir, asOsUser, "initdb", "-D", dataDir(baseDir).toString(), "-U", SUPERUSER,
                    "--pwfile=" + passwordFile, "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C", "--no-sync");
            Files.writeString(dataDir(baseDir).resolve("postgresql.conf"), String.join("\n",
                    "",
                    "listen_addresses = '127.0.0.1'",
                    "unix_socket_directories = '" + baseDir + "'",
                    "fsync = off",
                    "synchronous_commit = off",
                    "full_page_writes = off",
                    ""), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot initialise PostgreSQL in " + baseDir + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(passwordFile);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete the initial password file " + passwordFile + ": " + e.getMessage(), e);
            }
        }
    }

    private static PostgresServer startOnFreePort(Path binDir, Path baseDir, boolean asOsUser) {
        Path log = baseDir.resolve("server.log");
        IllegalStateException lastFailure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            // Another process may take the port between probing and binding; a new port is tried then.
            int port = LocalServers.freeLoopbackPort("PostgreSQL");
            try {
                run(binDir, baseDir, asOsUser, "pg_ctl", "start", "-D", dataDir(baseDir).toString(),
                        "-l", log.toString(), "-w", "-t", "30", "-o", "-p " + port);
                return new PostgresServer(binDir, baseDir, asOsUser, port, LocalServers.randomSecret(24));
            } catch (IllegalStateException e) {
                lastFailure = new IllegalStateException(e.getMessage() + "\nserver log:\n" + LocalServers.tail(log), e);
                if (!LocalServers.tail(log).contains("could not bind")) {
                    break;
                }
            }
        }
        throw lastFailure;
    }

    private static void run(Path binDir, Path baseDir, boolean asOsUser, String tool, String... args) {
        List<String> command = new ArrayList<>();
        if (asOsUser) {
            command.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        command.add(binDir.resolve(tool).toString());
        command.addAll(List.of(args));
        Path output = baseDir.resolve(tool + ".out");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(baseDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Cannot run " + tool + ": no exit within " + COMMAND_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("Cannot run " + tool + ": exit code " + process.exitValue() + "\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", command) + ": " + e.getMessage()
                    + (asOsUser ? " (is runuser installed? it is part of util-linux)" : ""), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Cannot run " + tool + ": interrupted", e);
        }
    }

    private static Path dataDir(Path baseDir) {
        return baseDir.resolve("data");
    }

}
