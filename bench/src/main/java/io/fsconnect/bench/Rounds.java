package io.fsconnect.bench;

/**
 * Measures a connector and its baseline in alternating rounds, ABBA order (connector, baseline, baseline,
 * connector, connector, baseline, ...), {@code n} timed runs of each, and keeps each side's fastest run. Load
 * from outside the benchmark comes and goes: alternating spreads it over both sides, and the fastest run is the
 * one it disturbed least. Each run is given its number (1 to {@code n}) so that it can use names of its own
 * (connector, topic, output directory) while doing the same work as every other run of its side.
 */
final class Rounds {

    /** The environment variable that sets the number of rounds. */
    static final String ENVIRONMENT = "BENCH_ROUNDS";
    static final int DEFAULT_ROUNDS = 2;

    /** One timed run of one side; returns its seconds. */
    @FunctionalInterface
    interface Run {
        double seconds(int number) throws Exception;
    }

    /** Each side's fastest run out of {@code rounds}. */
    record Fastest(double connectorSeconds, double baselineSeconds, int rounds) {
    }

    private Rounds() {
    }

    /**
     * The number of rounds from {@value #ENVIRONMENT}, {@value #DEFAULT_ROUNDS} when unset.
     *
     * @throws IllegalArgumentException if it is set to anything but a positive whole number
     */
    static int configured() {
        String value = System.getenv(ENVIRONMENT);
        if (value == null || value.isBlank()) {
            return DEFAULT_ROUNDS;
        }
        try {
            int rounds = Integer.parseInt(value.trim());
            if (rounds >= 1) {
                return rounds;
            }
        } catch (NumberFormatException e) {
            // Reported below with the accepted values.
        }
        throw new IllegalArgumentException("Cannot read " + ENVIRONMENT + "='" + value
                + "': it must be a whole number of rounds, 1 or more");
    }

    /** Runs both sides {@code rounds} times each in ABBA order and returns each side's fastest run. */
    static Fastest alternate(int rounds, Run connector, Run baseline) throws Exception {
        double fastestConnector = Double.POSITIVE_INFINITY;
        double fastestBaseline = Double.POSITIVE_INFINITY;
        int connectorRuns = 0;
        int baselineRuns = 0;
        // Slot i of the sequence C B B C C B B C ...: the connector runs at i mod 4 of 0 and 3.
        for (int slot = 0; slot < 2 * rounds; slot++) {
            if (slot % 4 == 0 || slot % 4 == 3) {
                fastestConnector = Math.min(fastestConnector, connector.seconds(++connectorRuns));
            } else {
                fastestBaseline = Math.min(fastestBaseline, baseline.seconds(++baselineRuns));
            }
        }
        return new Fastest(fastestConnector, fastestBaseline, rounds);
    }
}
