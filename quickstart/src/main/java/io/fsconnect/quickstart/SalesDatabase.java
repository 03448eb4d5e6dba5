package io.fsconnect.quickstart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Random;

/**
 * The quickstart's sample warehouse: an embedded SQLite database file holding a {@code store_sales}
 * table of individual sales, seeded deterministically (the same rows on every run), and the SQL query
 * that aggregates them per store and day into the {@code store_sales_daily} feature group.
 */
public final class SalesDatabase {

    /** Sales are spread over this many days from {@link #FIRST_DAY}. */
    static final int DAYS = 120;
    static final int STORES = 50;
    static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 1);
    private static final long DAY_MS = 86_400_000L;

    /**
     * The feature group: one row per store and day, keyed by (store_id, sale_day), with sale_day (epoch
     * milliseconds at midnight UTC) as its event time. It aggregates, so the connector must wrap it.
     */
    public static final String FEATURE_QUERY = """
        SELECT store_id,
               (sold_at / 86400000) * 86400000 AS sale_day,
               COUNT(*) AS transactions,
               SUM(quantity) AS units_sold,
               ROUND(SUM(quantity * unit_price_cents) / 100.0, 2) AS revenue
        FROM store_sales
        GROUP BY store_id, (sold_at / 86400000)""";

    private final Path file;

    private SalesDatabase(Path file) {
        this.file = file;
    }

    /** Creates (or recreates) the database file with {@code rows} sales. */
    public static SalesDatabase create(Path file, int rows) throws SQLException {
        try {
            Files.deleteIfExists(file);
        } catch (java.io.IOException e) {
            throw new SQLException("Cannot replace the sample database " + file + ": " + e.getMessage(), e);
        }
        SalesDatabase db = new SalesDatabase(file);
        try (Connection connection = db.connect(); Statement ddl = connection.createStatement()) {
            ddl.execute("""
                CREATE TABLE store_sales (
                  sale_id INTEGER PRIMARY KEY,
                  store_id INTEGER NOT NULL,
                  product_id INTEGER NOT NULL,
                  quantity INTEGER NOT NULL,
                  unit_price_cents INTEGER NOT NULL,
                  sold_at INTEGER NOT NULL)""");
            connection.setAutoCommit(false);
            long firstDayMs = FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            Random random = new Random(42);
            try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO store_sales VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int id = 1; id <= rows; id++) {
                    insert.setInt(1, id);
                    insert.setInt(2, 1 + random.nextInt(STORES));
                    insert.setInt(3, 1 + random.nextInt(500));
                    insert.setInt(4, 1 + random.nextInt(5));
                    insert.setInt(5, 99 + random.nextInt(9_900));
                    insert.setLong(6, firstDayMs + (long) random.nextInt(DAYS) * DAY_MS + random.nextInt((int) DAY_MS));
                    insert.addBatch();
                    if (id % 10_000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            connection.commit();
        }
        return db;
    }

    /** The JDBC URL a connector uses to read this database. */
    public String jdbcUrl() {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    /** How many rows the feature query returns right now: what the topic and the files must hold. */
    public long featureRowCount() throws SQLException {
        try (Connection connection = connect();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM (" + FEATURE_QUERY + ")")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }
}
