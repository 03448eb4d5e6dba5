package io.fsconnect.bench;

import java.nio.file.Path;

/**
 * One benchmark: it sets up its servers and data, warms up, then measures the connector and its baseline
 * on the same data in this JVM, and returns both results. Each scenario runs in a JVM of its own.
 */
interface Scenario {

    /** The name {@code bench/run} knows the scenario by. */
    String name();

    /**
     * Runs the scenario with the packaged plugins in {@code pluginPath}, keeping its files under
     * {@code workDir}.
     *
     * @throws Exception if a server, the connector or the baseline fails
     */
    BenchResult run(Path pluginPath, Path workDir, HeapAfterGc heap) throws Exception;
}
