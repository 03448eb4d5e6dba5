package io.fsconnect.storage.format.text;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits RFC 4180 text into rows of fields. Reports a row it cannot split (text after a closing quote)
 * after consuming the rest of that line, so the next row can still be read; a quote left open at the
 * end of the input is reported as the end of readable input.
 */
final class CsvRowReader {

    /** One row: its fields, null for an unquoted empty field; or the reason it cannot be split. */
    record Row(List<String> fields, String problem) {
    }

    /** Thrown when the input ends inside a quoted field: nothing after it can be read as rows. */
    static final class UnterminatedQuoteException extends IOException {
        private static final long serialVersionUID = 1L;

        UnterminatedQuoteException() {
            super("the file ends inside a quoted field; it may be truncated");
        }
    }

    private final Reader in;
    private final char delimiter;
    private final char quote;
    private int pushedBack = -2;

    CsvRowReader(Reader in, char delimiter, char quote) {
        this.in = in;
        this.delimiter = delimiter;
        this.quote = quote;
    }

    /** The next non-blank row, or null at the end of the input. */
    Row next() throws IOException {
        while (true) {
            int c = read();
            if (c < 0) {
                return null;
            }
            if (c == '\n') {
                continue;
            }
            if (c == '\r') {
                skipNewlineAfterCarriageReturn();
                continue;
            }
            unread(c);
            return row();
        }
    }

    private Row row() throws IOException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        while (true) {
            int c = read();
            if (c == quote && field.length() == 0) {
                readQuoted(field);
                int after = read();
                if (after == delimiter) {
                    fields.add(field.toString());
                    field.setLength(0);
                    continue;
                }
                if (after < 0 || after == '\n' || after == '\r') {
                    if (after == '\r') {
                        skipNewlineAfterCarriageReturn();
                    }
                    fields.add(field.toString());
                    return new Row(fields, null);
                }
                skipRestOfLine();
                return new Row(null, "unexpected character '" + (char) after + "' after the closing quote of field "
                        + (fields.size() + 1));
            }
            if (c == delimiter) {
                fields.add(field.length() == 0 ? null : field.toString());
                field.setLength(0);
            } else if (c < 0 || c == '\n' || c == '\r') {
                if (c == '\r') {
                    skipNewlineAfterCarriageReturn();
                }
                fields.add(field.length() == 0 ? null : field.toString());
                return new Row(fields, null);
            } else {
                field.append((char) c);
            }
        }
    }

    private void readQuoted(StringBuilder field) throws IOException {
        while (true) {
            int c = read();
            if (c < 0) {
                throw new UnterminatedQuoteException();
            }
            if (c == quote) {
                int next = read();
                if (next == quote) {
                    field.append(quote);
                    continue;
                }
                unread(next);
                return;
            }
            field.append((char) c);
        }
    }

    private void skipRestOfLine() throws IOException {
        int c;
        do {
            c = read();
        } while (c >= 0 && c != '\n' && c != '\r');
        if (c == '\r') {
            skipNewlineAfterCarriageReturn();
        }
    }

    private void skipNewlineAfterCarriageReturn() throws IOException {
        int c = read();
        if (c != '\n') {
            unread(c);
        }
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }

    private void unread(int c) {
        pushedBack = c;
    }
}
