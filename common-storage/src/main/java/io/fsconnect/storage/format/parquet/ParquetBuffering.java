package io.fsconnect.storage.format.parquet;

/**
 * How much a Parquet writer holds in memory per open file: the page size (the unit parquet encodes and
 * compresses, and the size of each compressor buffer), the dictionary page size (above which a column's
 * dictionary falls back to plain encoding), and the row-group size (what is buffered before the rows
 * are written to the stream). Small pages cost a little compression; small row groups cost readers some
 * scan efficiency; both bound memory when many files are open at once.
 */
public record ParquetBuffering(int pageSizeBytes, int dictionaryPageSizeBytes, long rowGroupSizeBytes) {

    /** Parquet's own defaults: 1 MiB pages and dictionaries, 128 MiB row groups. */
    public static final ParquetBuffering DEFAULTS = new ParquetBuffering(1024 * 1024, 1024 * 1024, 128L * 1024 * 1024);

    private static final int MIN_PAGE_BYTES = 4 * 1024;
    private static final long MIN_ROW_GROUP_BYTES = 1024 * 1024;
    // Page buffers held per file: the page being encoded, parquet's compressed-output buffer, and the
    // compressor's own input and output buffers.
    private static final int PAGE_BUFFERS_PER_FILE = 3;

    public ParquetBuffering {
        if (pageSizeBytes < MIN_PAGE_BYTES || dictionaryPageSizeBytes < MIN_PAGE_BYTES) {
            throw new IllegalArgumentException("Cannot use Parquet pages of " + pageSizeBytes + " bytes and dictionary"
                    + " pages of " + dictionaryPageSizeBytes + " bytes: both must be at least " + MIN_PAGE_BYTES);
        }
        if (rowGroupSizeBytes < MIN_ROW_GROUP_BYTES) {
            throw new IllegalArgumentException("Cannot use Parquet row groups of " + rowGroupSizeBytes
                    + " bytes: they must be at least " + MIN_ROW_GROUP_BYTES);
        }
    }

    /**
     * Settings for a task whose open files share {@code budgetBytes} of memory: pages of 1/16384 of the
     * budget (so that the three page buffers of each of a thousand open files take under a fifth of it) and
     * row groups of an eighth of it, each within parquet's useful range.
     */
    public static ParquetBuffering forBudget(long budgetBytes) {
        int page = (int) Math.max(MIN_PAGE_BYTES, Math.min(DEFAULTS.pageSizeBytes, budgetBytes / 16384));
        long rowGroup = Math.max(MIN_ROW_GROUP_BYTES, Math.min(DEFAULTS.rowGroupSizeBytes, budgetBytes / 8));
        return new ParquetBuffering(page, page, rowGroup);
    }

    /**
     * The memory an open file holds besides its buffered rows, which {@code ParquetWriter.getDataSize()}
     * already counts: the page-sized buffers of the writer and its compressor.
     */
    public long fixedBytesPerFile() {
        return (long) PAGE_BUFFERS_PER_FILE * pageSizeBytes;
    }
}
