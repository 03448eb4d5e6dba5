package io.fsconnect.source.jdbc;

import java.util.Arrays;
import java.util.Locale;

/**
 * The values of {@code numeric.mapping}: how NUMERIC/DECIMAL columns with a declared precision
 * appear in records. {@code none} keeps every such column a Connect Decimal with the column's scale
 * (exact). {@code precision_only} turns whole-number columns (scale 0) of up to 18 digits into the
 * smallest integer type that holds every value of that precision, exactly. {@code best_fit} does the
 * same, and turns columns with fraction digits into FLOAT64, which may round values with more than
 * about 15 significant digits.
 */
public enum NumericMapping {
    NONE,
    PRECISION_ONLY,
    BEST_FIT;

    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static String[] configValues() {
        return Arrays.stream(values()).map(NumericMapping::configValue).toArray(String[]::new);
    }

    static NumericMapping fromConfigValue(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
}
