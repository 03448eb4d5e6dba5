package io.fsconnect.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A throwaway single-node Ceph cluster serving the S3 and STS APIs through the RADOS Gateway, built from the locally
 * installed Ceph daemons (Debian: {@code apt-get install radosgw ceph-mon ceph-osd ceph-common}). One monitor on a
 * loopback msgr2 address, one OSD whose objects live in memory ({@code memstore}), and {@code radosgw} on a free
 * loopback port, all configured in and writing to a fresh temporary directory. Authentication between the daemons is
 * off; S3 requests are SigV4-signed as on AWS. STS AssumeRole is enabled (temporary credentials are really checked,
 * so a forged session token is rejected) and SSE-KMS works through Ceph's {@code testing} KMS backend with the keys
 * listed by {@link #kmsKeyIds()}, over plain HTTP.
 *
 * <p>Users, roles and permission policies are created with {@code radosgw-admin}; buckets are created by the caller
 * through the S3 API. Role ARNs have an empty account part ({@code arn:aws:iam:::role/<name>}) and a user is named in
 * a trust policy as {@link #userArn(String)}. SDK clients must send checksums only when required
 * ({@code requestChecksumCalculation(WHEN_REQUIRED)}, {@code responseChecksumValidation(WHEN_REQUIRED)}) and use
 * path-style addressing. {@link #close()} kills every daemon and deletes the directory; a JVM shutdown hook does the
 * same if a test forgets. Start one server per test class: it is ready in about 15 seconds.
 */
public final class CephRgwServer implements AutoCloseable {

    /** The region that clients sign with; RGW's default zone group accepts it. */
    public static final String REGION = "us-east-1";

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final int KMS_KEYS = 2;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path baseDir;
    private final Path conf;
    private final URI endpoint;
    private final List<String> kmsKeyIds;
    private final List<Process> daemons = new ArrayList<>();
    private final Thread shutdownHook;
    private boolean closed;

    /** An RGW user and its S3 access keys; {@link #toString()} hides the secret key. */
    public record User(String name, String accessKeyId, String secretAccessKey) {
        public User {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        }

        @Override
        public String toString() {
            return "User(" + name + ", accessKeyId=" + accessKeyId + ")";
        }
    }

    private CephRgwServer(Path baseDir, URI endpoint, List<String> kmsKeyIds) {
        this.baseDir = baseDir;
        this.conf = baseDir.resolve("ceph.conf");
        this.endpoint = endpoint;
        this.kmsKeyIds = List.copyOf(kmsKeyIds);
        this.shutdownHook = new Thread(this::killAndDelete, "ceph-rgw-server-cleanup");
    }

    /** Creates the cluster, starts monitor, OSD and gateway, and returns once the gateway answers S3 requests. */
    public static CephRgwServer start() {
        Path baseDir;
        try {
            baseDir = Files.createTempDirectory("fsconnect-ceph-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Ceph RGW: cannot create a temporary directory: "
                    + e.getMessage(), e);
        }
        Map<String, String> kmsKeys = new LinkedHashMap<>();
        for (int i = 1; i <= KMS_KEYS; i++) {
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            kmsKeys.put("fsconnect-key-" + i, Base64.getEncoder().encodeToString(key));
        }
        int rgwPort = LocalServers.freeLoopbackPort("Ceph");
        CephRgwServer server = new CephRgwServer(baseDir, URI.create("http://127.0.0.1:" + rgwPort),
                List.copyOf(kmsKeys.keySet()));
        try {
            Runtime.getRuntime().addShutdownHook(server.shutdownHook);
            server.boot(rgwPort, kmsKeys);
            return server;
        } catch (RuntimeException | Error e) {
            try {
                server.close();
            } catch (RuntimeException cleanupFailure) {
                e.addSuppressed(cleanupFailure);
            }
            throw e;
        }
    }

    /** The gateway's S3 and STS endpoint, {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return endpoint;
    }

    /** The region to sign requests for ({@value #REGION}). */
    public String region() {
        return REGION;
    }

    /** The ids of the keys the {@code testing} KMS backend knows, for SSE-KMS requests. */
    public List<String> kmsKeyIds() {
        return kmsKeyIds;
    }

    /** The directory holding configuration, data and logs of every daemon; gone after {@link #close()}. */
    public Path directory() {
        return baseDir;
    }

    /** Creates a user with one pair of S3 access keys; fails if the name is taken. */
    public User createUser(String name) {
        JsonNode user = admin("create user " + name, "user", "create", "--uid=" + name, "--display-name=" + name);
        JsonNode keys = user.path("keys").path(0);
        return new User(name, keys.path("access_key").asText(), keys.path("secret_key").asText());
    }

    /** How a trust policy names {@code user} as a principal: {@code arn:aws:iam:::user/<name>}. */
    public String userArn(String user) {
        return "arn:aws:iam:::user/" + user;
    }

    /**
     * Creates a role with the given trust policy, attaches the permission policy to it, and returns its ARN
     * ({@code arn:aws:iam:::role/<name>}). Its sessions last at most 3600 s, RGW's default, which its admin tool
     * cannot change.
     */
    public String createRole(String name, String trustPolicyJson, String permissionPolicyJson) {
        JsonNode role = admin("create role " + name, "role", "create", "--role-name=" + name, "--path=/",
                "--assume-role-policy-doc=" + trustPolicyJson);
        run("attach a permission policy to role " + name, "radosgw-admin", "-c", conf.toString(), "role-policy",
                "put", "--role-name=" + name, "--policy-name=" + name + "-permissions",
                "--policy-doc=" + permissionPolicyJson);
        String arn = role.path("Arn").asText();
        if (arn.isEmpty()) {
            throw new IllegalStateException("Cannot create role " + name + ": radosgw-admin returned no ARN: " + role);
        }
        return arn;
    }

    /** Kills every daemon at once (the data is discarded) and deletes the directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException alreadyShuttingDownOrNotRegistered) {
            // The hook itself is running (JVM exit) or was never registered; cleaning up here is still right.
        }
        killAndDelete();
    }

    @Override
    public String toString() {
        return "CephRgwServer(" + endpoint + ")";
    }

    private synchronized void killAndDelete() {
        if (closed) {
            return;
        }
        closed = true;
        // Gateway first, monitor last, so no daemon spends its last moments looking for a dead peer.
        for (int i = daemons.size() - 1; i >= 0; i--) {
            Process daemon = daemons.get(i);
            daemon.destroyForcibly();
            try {
                daemon.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        LocalServers.deleteRecursively(baseDir, "the Ceph directory");
    }

    private void boot(int rgwPort, Map<String, String> kmsKeys) {
        int monPort = LocalServers.freeLoopbackPort("Ceph");
        String fsid = UUID.randomUUID().toString();
        writeConfig(fsid, monPort, rgwPort, kmsKeys);
        run("create the monitor map", "monmaptool", "--create", "--fsid", fsid, "--addv", "a",
                "[v2:127.0.0.1:" + monPort + "]", baseDir.resolve("monmap").toString());
        run("create the monitor's store", "ceph-mon", "-c", conf.toString(), "--mkfs", "-i", "a", "--monmap",
                baseDir.resolve("monmap").toString());
        daemon("ceph-mon", "-c", conf.toString(), "-f", "-i", "a");
        // Waits for the monitor to form its quorum of one, then registers OSD 0.
        run("register the OSD", "ceph", "-c", conf.toString(), "--connect-timeout",
                String.valueOf(COMMAND_TIMEOUT.toSeconds()), "osd", "create");
        run("create the OSD's store", "ceph-osd", "-c", conf.toString(), "--mkfs", "-i", "0");
        daemon("ceph-osd", "-c", conf.toString(), "-f", "-i", "0");
        daemon("radosgw", "-c", conf.toString(), "-f", "-n", "client.rgw");
        awaitGateway();
    }

    private void writeConfig(String fsid, int monPort, int rgwPort, Map<String, String> kmsKeys) {
        String kmsKeyList = kmsKeys.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        String dir = baseDir.toString();
        List<String> lines = List.of(
                "[global]",
                "fsid = " + fsid,
                "mon host = v2:127.0.0.1:" + monPort,
                "public network = 127.0.0.0/8",
                // No cephx between the daemons: every message mode must then be crc, or the OSD cannot join.
                "auth cluster required = none",
                "auth service required = none",
                "auth client required = none",
                "ms cluster mode = crc",
                "ms service mode = crc",
                "ms client mode = crc",
                "ms mon cluster mode = crc",
                "ms mon service mode = crc",
                "ms mon client mode = crc",
                "run dir = " + dir + "/run",
                "admin socket = " + dir + "/run/$name.asok",
                "log file = " + dir + "/log/$name.log",
                "keyring = " + dir + "/keyring",
                "mon data = " + dir + "/mon/$id",
                "osd data = " + dir + "/osd/$id",
                "osd objectstore = memstore",
                "memstore device bytes = 2147483648",
                "osd pool default size = 1",
                "osd pool default min size = 1",
                "osd pool default pg num = 8",
                "osd pool default pgp num = 8",
                "osd pool default pg autoscale mode = off",
                "mon allow pool size one = true",
                "mon warn on pool no redundancy = false",
                "",
                "[client.rgw]",
                "rgw frontends = beast endpoint=127.0.0.1:" + rgwPort,
                "rgw sts key = " + LocalServers.randomSecret(16),
                "rgw s3 auth use sts = true",
                "rgw crypt s3 kms backend = testing",
                "rgw crypt s3 kms encryption keys = " + kmsKeyList,
                "rgw crypt require ssl = false",
                "");
        try {
            for (String sub : List.of("run", "log", "mon/a", "osd/0")) {
                Files.createDirectories(baseDir.resolve(sub));
            }
            Files.createFile(baseDir.resolve("keyring"));
            Files.write(conf, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the Ceph configuration in " + baseDir + ": "
                    + e.getMessage(), e);
        }
    }

    private void awaitGateway() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest anonymousList = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10)).GET().build();
        String[] lastAnswer = {"nothing"};
        Await.until("Ceph RGW at " + endpoint + " to answer S3 requests", READY_TIMEOUT, () -> {
            for (Process daemon : daemons) {
                if (!daemon.isAlive()) {
                    throw new IllegalStateException("Cannot start Ceph RGW: "
                            + daemon.info().command().orElse("a daemon") + " exited with code " + daemon.exitValue()
                            + "\n" + logTails());
                }
            }
            try {
                HttpResponse<String> answer = http.send(anonymousList, HttpResponse.BodyHandlers.ofString());
                lastAnswer[0] = "HTTP " + answer.statusCode() + ": " + answer.body();
                return answer.statusCode() == 200 && answer.body().contains("ListAllMyBucketsResult");
            } catch (IOException e) {
                lastAnswer[0] = e.toString();
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Cannot start Ceph RGW: interrupted while waiting for the gateway", e);
            }
        }, () -> lastAnswer[0] + "\n" + logTails());
    }

    private void daemon(String... command) {
        Path output = baseDir.resolve("log").resolve(command[0] + ".out");
        try {
            daemons.add(new ProcessBuilder(command)
                    .directory(baseDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command[0] + ": " + e.getMessage()
                    + " (install it: apt-get install radosgw ceph-mon ceph-osd ceph-common)", e);
        }
    }

    private synchronized JsonNode admin(String what, String... args) {
        List<String> command = new ArrayList<>(List.of("radosgw-admin", "-c", conf.toString()));
        command.addAll(List.of(args));
        String output = run(what, command.toArray(String[]::new));
        try {
            return JSON.readTree(output);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot " + what + ": radosgw-admin printed no JSON: " + output, e);
        }
    }

    private synchronized String run(String what, String... command) {
        Path output = baseDir.resolve("log").resolve("command.out");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(baseDir.toFile())
                    .redirectError(baseDir.resolve("log").resolve("command.err").toFile())
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Cannot " + what + ": " + command[0] + " did not exit within "
                        + COMMAND_TIMEOUT.toSeconds() + " s\n" + logTails());
            }
            String stdout = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                String stderr = Files.readString(baseDir.resolve("log").resolve("command.err"), StandardCharsets.UTF_8);
                throw new IllegalStateException("Cannot " + what + ": " + command[0] + " exited with code "
                        + process.exitValue() + "\n" + stdout + stderr);
            }
            return stdout;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot " + what + ": cannot run " + command[0] + ": " + e.getMessage()
                    + " (install it: apt-get install radosgw ceph-mon ceph-osd ceph-common)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Cannot " + what + ": interrupted", e);
        }
    }

    private String logTails() {
        StringBuilder tails = new StringBuilder();
        try (Stream<Path> logs = Files.list(baseDir.resolve("log"))) {
            for (Path log : logs.sorted().toList()) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
                tails.append("--- ").append(log.getFileName()).append('\n');
                lines.subList(Math.max(0, lines.size() - 15), lines.size())
                        .forEach(line -> tails.append(line).append('\n'));
            }
        } catch (IOException e) {
            tails.append("(cannot read the logs in ").append(baseDir).append(": ").append(e.getMessage()).append(')');
        }
        return tails.toString();
    }

}
