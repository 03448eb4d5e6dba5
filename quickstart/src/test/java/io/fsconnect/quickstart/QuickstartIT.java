package io.fsconnect.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;

/**
 * Runs the quickstart as a user does ({@code --once}, its own process, default row count) and checks
 * its promise independently of its own counting: it exits 0, its last line is the QUICKSTART summary,
 * and the Parquet files it names hold exactly the rows the SQL query returns — every (store, day)
 * once, with the same aggregate values.
 */
class QuickstartIT {

    private static final Path BUILD = Path.of(System.getProperty("fsconnect.build.dir", "target"));
    private static final Pattern SUMMARY = Pattern.compile("QUICKSTART rows=(\\d+) files=(\\d+) output=(\\S+)");

    @Test
    void onceWritesEveryRowOfTheFeatureQueryAsParquet() throws Exception {
        Path output = BUILD.resolve("quickstart-it");
        List<String> command = List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
            "-cp", BUILD.resolve("classes") + java.io.File.pathSeparator + Files.readString(BUILD.resolve("runtime-classpath.txt")).trim(),
            "io.fsconnect.quickstart.Quickstart",
            "--once", "--output", output.toString(), "--plugin-path", BUILD.resolve("plugins").toString(),
            "--rest-port", String.valueOf(KafkaBroker.freePort()), "--timeout-seconds", "300");
        Path console = Files.createDirectories(BUILD).resolve("quickstart-it.out");
        Process quickstart = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile()).start();
        boolean exited = quickstart.waitFor(6, TimeUnit.MINUTES);
        if (!exited) {
            quickstart.destroyForcibly().waitFor();
        }
        List<String> lines = Files.readAllLines(console);
        assertThat(exited).as("quickstart finished; output:%n%s", String.join("\n", lines)).isTrue();
        assertThat(quickstart.exitValue()).as("exit status; output:%n%s", String.join("\n", lines)).isZero();

        Matcher summary = SUMMARY.matcher(lines.get(lines.size() - 1));
        assertThat(summary.matches()).as("last line: %s", lines.get(lines.size() - 1)).isTrue();
        long reportedRows = Long.parseLong(summary.group(1));
        int reportedFiles = Integer.parseInt(summary.group(2));
        Path trainingData = Path.of(summary.group(3));

        Map<List<Object>, List<Object>> expected = queryFeatureRows(output.resolve("sales.db"));
        List<Path> files = parquetFiles(trainingData);
        Map<List<Object>, List<Object>> written = new HashMap<>();
        long rowsRead = 0;
        for (Path file : files) {
            try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file)).build()) {
                for (GenericRecord row = reader.read(); row != null; row = reader.read()) {
                    rowsRead++;
                    written.put(key(row.get("store_id"), row.get("sale_day")),
                        values(row.get("transactions"), row.get("units_sold"), row.get("revenue")));
                }
            }
        }
        assertThat(expected).hasSizeGreaterThan(1000);
        assertThat(reportedRows).isEqualTo(expected.size());
        assertThat(reportedFiles).isEqualTo(files.size());
        assertThat(rowsRead).as("rows in the Parquet files").isEqualTo(expected.size());
        assertThat(written).as("every (store, day) exactly once with the query's values").isEqualTo(expected);
    }

    private static Map<List<Object>, List<Object>> queryFeatureRows(Path database) throws SQLException {
        Map<List<Object>, List<Object>> rows = new HashMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(SalesDatabase.FEATURE_QUERY)) {
            while (rs.next()) {
                rows.put(key(rs.getLong("store_id"), rs.getLong("sale_day")),
                    values(rs.getLong("transactions"), rs.getLong("units_sold"), rs.getDouble("revenue")));
            }
        }
        return rows;
    }

    /** Numbers compared by value, whatever width the connector chose for them. */
    private static List<Object> key(Object store, Object day) {
        return List.of(((Number) store).longValue(), ((Number) day).longValue());
    }

    private static List<Object> values(Object transactions, Object units, Object revenue) {
        return List.of(((Number) transactions).longValue(), ((Number) units).longValue(),
            Math.round(((Number) revenue).doubleValue() * 100));
    }

    private static List<Path> parquetFiles(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(root)) {
            paths.filter(p -> p.getFileName().toString().endsWith(".parquet")).forEach(files::add);
        }
        return files;
    }
}
