package io.fsconnect.source.jdbc;

import java.sql.ResultSet;
import org.apache.kafka.connect.data.Struct;

/**
 * A row just read in a query cycle: its Connect value, the result set still positioned on it (so a
 * mode can read a watermark column with more precision than the Connect value keeps), the columns of
 * the result, and the row's 1-based number in the cycle (for messages).
 *
 * @param value the row as a struct of {@code columns}' schema
 * @param results the result set, positioned on this row; never advanced by a mode
 * @param columns the columns of the result
 * @param number the row's number in its cycle, from 1
 */
public record ReadRow(Struct value, ResultSet results, RowSchema columns, long number) {
}
