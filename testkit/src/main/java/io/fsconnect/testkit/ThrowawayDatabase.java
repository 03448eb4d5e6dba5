package io.fsconnect.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What every throwaway database server of the testkit shares: a server process of its own in a temporary
 * directory, listening on a loopback port, with one user named {@value #USER} that works in a database of the
 * same name and signs in with a random password. {@link #close()} stops the server and deletes the directory;
 * a JVM shutdown hook does the same if a test forgets. {@link #toString()} never shows the password.
 * Subclasses start their server and say how it stops and what its JDBC URL scheme is.
 */
public abstract class ThrowawayDatabase implements AutoCloseable {

    /** The user the tests sign in as, and the database it works in. */
    static final String USER = "fsconnect";
    static final String DATABASE = "fsconnect";

    private final String product;
    private final Path baseDir;
    private final int port;
    private final String password;
    private final Thread shutdownHook;
    private boolean closed;

    ThrowawayDatabase(String product, Path baseDir, int port, String password) {
        this.product = product;
        this.baseDir = baseDir;
        this.port = port;
        this.password = password;
        this.shutdownHook = new Thread(this::stopAndDelete, product.toLowerCase(Locale.ROOT) + "-server-cleanup");
    }

    /**
     * Creates a temporary directory, starts a server in it with {@code start}, registers its shutdown hook and
     * then lets {@code prepare} seed it. If any step fails, the server is stopped and the directory deleted.
     */
    static <T extends ThrowawayDatabase> T startInTemporaryDirectory(String product, String prefix,
            Function<Path, T> start, Consumer<T> prepare) {
        Path baseDir;
        try {
            baseDir = Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + product + ": cannot create a temporary directory: "
                    + e.getMessage(), e);
        }
        T server = null;
        try {
            server = start.apply(baseDir);
            Runtime.getRuntime().addShutdownHook(((ThrowawayDatabase) server).shutdownHook);
            prepare.accept(server);
            return server;
        } catch (RuntimeException | Error e) {
            try {
                if (server != null) {
                    server.close();
                } else {
                    LocalServers.deleteRecursively(baseDir, "the " + product + " directory");
                }
            } catch (RuntimeException cleanupFailure) {
                e.addSuppressed(cleanupFailure);
            }
            throw e;
        }
    }

    /** The JDBC URL scheme, e.g. {@code postgresql}. */
    abstract String urlScheme();

    /** Stops the server process at once; the data is about to be discarded. */
    abstract void stopServer();

    /** {@code jdbc:<scheme>://127.0.0.1:<port>/<database>}. */
    public String jdbcUrl() {
        return "jdbc:" + urlScheme() + "://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** The user the tests use; it has every privilege on {@link #database()}. */
    public String user() {
        return USER;
    }

    /** The password of {@link #user()}. */
    public String password() {
        return password;
    }

    /** The loopback TCP port the server listens on. */
    public int port() {
        return port;
    }

    /** The database {@link #user()} works in. */
    public String database() {
        return DATABASE;
    }

    /** The directory holding the server's data and logs; gone after {@link #close()}. */
    public Path directory() {
        return baseDir;
    }

    /** A new connection as {@link #user()} to {@link #database()} over TCP, authenticated by password. */
    public Connection connect() throws SQLException {
        return connect(jdbcUrl(), USER, password);
    }

    static Connection connect(String url, String user, String secret) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", secret);
        return DriverManager.getConnection(url, props);
    }

    /**
     * Runs each statement in order, autocommitted, as {@link #user()}. Fails naming the statement
     * (its text unless it may hold a password) and the server's message.
     */
    public void execute(String... sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (int i = 0; i < sql.length; i++) {
                try {
                    statement.execute(sql[i]);
                } catch (SQLException e) {
                    throw new IllegalStateException("Cannot execute SQL statement " + (i + 1) + " of " + sql.length
                            + describeStatement(sql[i]) + ": " + e.getMessage() + " (SQLState " + e.getSQLState() + ")", e);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to " + product + " at " + jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    private static String describeStatement(String sql) {
        String lower = sql.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("identified") ? "" : " (" + sql + ")";
    }

    /** Stops the server and deletes its directory. */
    @Override
    public final synchronized void close() {
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

    private synchronized void stopAndDelete() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stopServer();
        } finally {
            LocalServers.deleteRecursively(baseDir, "the " + product + " directory");
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + jdbcUrl() + ", user=" + USER + ")";
    }
}
