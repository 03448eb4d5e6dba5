package io.fsconnect.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What every server launcher of the testkit needs around the server itself: a free loopback port, a
 * random secret, the last lines of a log for an error message, and removing its temporary directory.
 * Errors name the server they were for.
 */
final class LocalServers {

    /** Letters and digits that cannot be mistaken for one another, so a secret can be read back from a log. */
    private static final String SECRET_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int LOG_TAIL_LINES = 20;

    private LocalServers() {
    }

    /** A TCP port that was free on the loopback address a moment ago; the caller retries if it is taken. */
    static int freeLoopbackPort(String server) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free loopback port for " + server + ": " + e.getMessage(), e);
        }
    }

    /** A random secret of {@code length} letters and digits. */
    static String randomSecret(int length) {
        StringBuilder secret = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            secret.append(SECRET_ALPHABET.charAt(RANDOM.nextInt(SECRET_ALPHABET.length())));
        }
        return secret.toString();
    }

    /** The last lines of {@code log}, for an error message; a note instead if it cannot be read. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Deletes {@code dir} and everything below it; nothing happens if it does not exist. */
    static void deleteRecursively(Path dir, String what) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + what + " " + dir + ": " + e.getMessage(), e);
        }
    }
}
