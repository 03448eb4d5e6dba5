package io.fsconnect.quickstart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * Counts the rows in the Parquet files under a folder by reading each file's footer. Only names ending
 * in {@code .parquet} are counted: the sink writes under a hidden temporary name and renames when the
 * file is complete, so a file that is counted is final and its count is cached.
 */
final class ParquetRowCounter {

    private final Path root;
    private final Map<Path, Long> rowsByFile = new HashMap<>();

    ParquetRowCounter(Path root) {
        this.root = root;
    }

    /** The rows and files found so far. */
    record Count(long rows, int files) { }

    Count count() {
        if (!Files.isDirectory(root)) {
            return new Count(0, 0);
        }
        List<Path> files;
        try (Stream<Path> paths = Files.walk(root)) {
            files = paths.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + root + ": " + e.getMessage(), e);
        }
        long rows = 0;
        for (Path file : files) {
            rows += rowsByFile.computeIfAbsent(file, ParquetRowCounter::rowsIn);
        }
        return new Count(rows, files.size());
    }

    private static long rowsIn(Path file) {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            return reader.getRecordCount();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Parquet footer of " + file + ": " + e.getMessage(), e);
        }
    }
}
