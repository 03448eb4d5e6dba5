package io.fsconnect.quickstart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The quickstart's command-line options, parsed once. Unknown options are an error that lists the
 * valid ones, so a typo never silently runs with defaults.
 */
record QuickstartOptions(boolean once, int salesRows, int restPort, Path output, Path pluginPath, Duration timeout) {

    static final String USAGE = """
        Usage: quickstart [--once] [--rows N] [--rest-port PORT] [--output DIR] [--plugin-path DIR] [--timeout-seconds S]
          --once               exit 0 once the sink has written every row the feature query returns
          --rows N             sales rows to seed the sample database with (default 200000)
          --rest-port PORT     the Connect worker's REST port (default 8083)
          --output DIR         where the sample database and the training data go (default ./quickstart-output)
          --plugin-path DIR    the packaged fsconnect plugins (default quickstart/target/plugins)
          --timeout-seconds S  with --once, give up after S seconds (default 600)""";

    static QuickstartOptions parse(String... args) {
        boolean once = false;
        int rows = 200_000;
        int restPort = 8083;
        Path output = Path.of("quickstart-output");
        Path pluginPath = defaultPluginPath();
        Duration timeout = Duration.ofMinutes(10);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> throw new IllegalArgumentException(USAGE);
                case "--once" -> once = true;
                case "--rows" -> rows = positiveInt(arg, value(args, ++i, arg));
                case "--rest-port" -> restPort = positiveInt(arg, value(args, ++i, arg));
                case "--output" -> output = Path.of(value(args, ++i, arg));
                case "--plugin-path" -> pluginPath = Path.of(value(args, ++i, arg));
                case "--timeout-seconds" -> timeout = Duration.ofSeconds(positiveInt(arg, value(args, ++i, arg)));
                default -> throw new IllegalArgumentException("Unknown option '" + arg + "'.\n" + USAGE);
            }
        }
        return new QuickstartOptions(once, rows, restPort, output.toAbsolutePath().normalize(),
            pluginPath.toAbsolutePath().normalize(), timeout);
    }

    private static Path defaultPluginPath() {
        Path fromRepositoryRoot = Path.of("quickstart", "target", "plugins");
        return Files.isDirectory(fromRepositoryRoot) ? fromRepositoryRoot : Path.of("target", "plugins");
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException("Option " + option + " needs a value.\n" + USAGE);
        }
        return args[index];
    }

    private static int positiveInt(String option, String value) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the option's name
        }
        throw new IllegalArgumentException("Option " + option + " needs a positive whole number, not '" + value + "'.");
    }
}
