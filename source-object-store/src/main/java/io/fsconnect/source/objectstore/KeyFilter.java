package io.fsconnect.source.objectstore;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which object keys the source reads: those under a prefix whose remainder (the key after the prefix)
 * matches an optional glob or regular expression, and that do not lie under an excluded prefix (where
 * read objects are moved to). In a glob, {@code *} and {@code ?} match within one '/'-separated
 * segment, {@code **} matches across segments ({@code **}{@code /} also matches no segment at all), and
 * {@code {a,b}} matches either alternative; every other character matches itself.
 */
record KeyFilter(String prefix, Optional<Pattern> pattern, Optional<String> excludedPrefix) {

    KeyFilter {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(excludedPrefix, "excludedPrefix");
    }

    /**
     * The filter of a prefix and at most one of a glob and a regular expression.
     *
     * @throws IllegalArgumentException saying what is wrong with the glob or expression
     */
    static KeyFilter of(String prefix, Optional<String> glob, Optional<String> regex) {
        String safePrefix = prefix == null ? "" : prefix;
        if (glob.isPresent()) {
            return new KeyFilter(safePrefix, Optional.of(Pattern.compile(globToRegex(glob.get()))), Optional.empty());
        }
        if (regex.isPresent()) {
            try {
                return new KeyFilter(safePrefix, Optional.of(Pattern.compile(regex.get())), Optional.empty());
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("Cannot use '" + regex.get() + "' as a key regular expression: "
                        + e.getDescription() + " near index " + e.getIndex());
            }
        }
        return new KeyFilter(safePrefix, Optional.empty(), Optional.empty());
    }

    /** This filter, also rejecting keys under {@code prefixToExclude}. */
    KeyFilter excluding(String prefixToExclude) {
        return new KeyFilter(prefix, pattern, Optional.of(prefixToExclude));
    }

    boolean matches(String key) {
        if (!key.startsWith(prefix)) {
            return false;
        }
        if (excludedPrefix.isPresent() && key.startsWith(excludedPrefix.get())) {
            return false;
        }
        return pattern.isEmpty() || pattern.get().matcher(key.substring(prefix.length())).matches();
    }

    static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        int braces = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*':
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        i++;
                        if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                            i++;
                            regex.append("(?:.*/)?");
                        } else {
                            regex.append(".*");
                        }
                    } else {
                        regex.append("[^/]*");
                    }
                    break;
                case '?':
                    regex.append("[^/]");
                    break;
                case '{':
                    braces++;
                    regex.append("(?:");
                    break;
                case '}':
                    if (braces == 0) {
                        throw new IllegalArgumentException("Cannot use '" + glob + "' as a key glob: '}' at index " + i
                                + " closes no '{'");
                    }
                    braces--;
                    regex.append(')');
                    break;
                case ',':
                    regex.append(braces > 0 ? "|" : ",");
                    break;
                default:
                    regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (braces != 0) {
            throw new IllegalArgumentException("Cannot use '" + glob + "' as a key glob: a '{' is never closed");
        }
        return regex.toString();
    }
}
