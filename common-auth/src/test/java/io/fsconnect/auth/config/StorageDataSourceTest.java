package io.fsconnect.auth.config;

import io.fsconnect.auth.AdlsDataSource;
import io.fsconnect.auth.AzureAuth;
import io.fsconnect.auth.GcsDataSource;
import io.fsconnect.auth.GoogleAuth;
import io.fsconnect.auth.HdfsDataSource;
import io.fsconnect.auth.LocalDataSource;
import io.fsconnect.auth.Secret;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static io.fsconnect.auth.config.Definitions.SECRET;
import static io.fsconnect.auth.config.Definitions.SECRET_2;
import static io.fsconnect.auth.config.Definitions.def;
import static io.fsconnect.auth.config.Definitions.errors;
import static io.fsconnect.auth.config.Definitions.valid;
import static io.fsconnect.auth.config.Definitions.with;
import static io.fsconnect.auth.config.Definitions.without;
import static org.assertj.core.api.Assertions.assertThat;

class StorageDataSourceTest {

    private static final Map<String, String> ADLS = def("type", "adls", "name", "lake", "account.name", "fsdata",
            "container", "training");
    private static final Map<String, String> GCS = def("type", "gcs", "name", "gcs", "bucket", "fs-training");

    @Test
    void adlsAuthenticationModes() {
        AdlsDataSource sp = (AdlsDataSource) valid(with(ADLS, "tenant.id", "t-1", "client.id", "c-1",
                "client.secret", SECRET, "path", "fg"));
        assertThat(sp.generation()).isEqualTo(2);
        assertThat(sp.container()).contains("training");
        assertThat(sp.auth()).isEqualTo(new AzureAuth.ServicePrincipal("t-1", "c-1", Secret.of(SECRET)));
        assertThat(((AdlsDataSource) valid(with(ADLS, "managed.identity.enabled", "true"))).auth())
                .isEqualTo(new AzureAuth.ManagedIdentity(Optional.empty()));
        assertThat(((AdlsDataSource) valid(with(ADLS, "managed.identity.client.id", "mi-1"))).auth())
                .isEqualTo(new AzureAuth.ManagedIdentity(Optional.of("mi-1")));
        assertThat(((AdlsDataSource) valid(with(ADLS, "account.key", SECRET))).auth())
                .isEqualTo(new AzureAuth.AccountKey(Secret.of(SECRET)));
        assertThat(((AdlsDataSource) valid(with(ADLS, "sas.token", "?" + SECRET))).auth())
                .isEqualTo(new AzureAuth.SasToken(Secret.of(SECRET)));
        assertThat(((AdlsDataSource) valid(ADLS)).auth()).isEqualTo(new AzureAuth.DefaultChain());
        assertThat(((AdlsDataSource) valid(with(ADLS, "managed.identity.enabled", "false", "account.key", SECRET)))
                .auth()).isEqualTo(new AzureAuth.AccountKey(Secret.of(SECRET)));
        AdlsDataSource emulator = (AdlsDataSource) valid(with(ADLS, "endpoint", "http://127.0.0.1:10000/fsdata",
                "account.key", SECRET));
        assertThat(emulator.endpoint()).contains(URI.create("http://127.0.0.1:10000/fsdata"));
    }

    @Test
    void adlsRules() {
        assertThat(errors(without(ADLS, "container"))).containsOnlyKeys("container")
                .extractingByKey("container").asList().first().asString().contains("generation 2");
        assertThat(errors(with(ADLS, "generation", "1"))).containsOnlyKeys("container");
        assertThat(((AdlsDataSource) valid(with(without(ADLS, "container"), "generation", "1"))).container()).isEmpty();
        assertThat(errors(with(ADLS, "generation", "3"))).containsOnlyKeys("generation");
        assertThat(errors(with(ADLS, "tenant.id", "t-1", "client.secret", SECRET))).containsOnlyKeys("client.id");
        assertThat(errors(with(ADLS, "account.key", SECRET, "sas.token", SECRET_2)))
                .containsOnlyKeys("account.key", "sas.token");
        assertThat(errors(with(ADLS, "client.id", "c", "tenant.id", "t", "client.secret", SECRET,
                "managed.identity.enabled", "true"))).containsOnlyKeys("client.id", "tenant.id", "client.secret",
                "managed.identity.enabled");
        assertThat(errors(with(ADLS, "managed.identity.enabled", "false", "managed.identity.client.id", "x")))
                .containsOnlyKeys("managed.identity.client.id");
        assertThat(errors(with(ADLS, "account.name", "Not_Valid"))).containsOnlyKeys("account.name");
        assertThat(errors(with(ADLS, "container", "Bad_Container"))).containsOnlyKeys("container");
    }

    @Test
    void gcsAuthenticationAndCustomerSuppliedKey() throws Exception {
        assertThat(((GcsDataSource) valid(GCS)).auth()).isEqualTo(new GoogleAuth.ApplicationDefault());
        byte[] keyBytes = new byte[32];
        keyBytes[0] = 7;
        String key = Base64.getEncoder().encodeToString(keyBytes);
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(keyBytes));
        GcsDataSource gcs = (GcsDataSource) valid(with(GCS, "key.path", "/etc/fs/gcs.json",
                "encryption.algorithm", "AES256", "encryption.key", key, "encryption.key.hash", hash));
        assertThat(gcs.encryption()).contains(new GcsDataSource.CustomerKey(Secret.of(key), hash));
        assertThat(gcs.toString()).doesNotContain(key);
    }

    @Test
    void gcsEncryptionFieldsAllOrNone() throws Exception {
        assertThat(errors(with(GCS, "encryption.algorithm", "AES256")))
                .containsOnlyKeys("encryption.key", "encryption.key.hash")
                .extractingByKey("encryption.key").asList().first().asString().contains("all of");
        assertThat(errors(with(GCS, "encryption.key", SECRET))).containsOnlyKeys("encryption.algorithm",
                "encryption.key.hash");
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        String otherHash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(new byte[1]));
        assertThat(errors(with(GCS, "encryption.algorithm", "AES256", "encryption.key", key,
                "encryption.key.hash", otherHash))).containsOnlyKeys("encryption.key.hash");
        assertThat(errors(with(GCS, "encryption.algorithm", "AES256", "encryption.key", SECRET,
                "encryption.key.hash", otherHash))).containsOnlyKeys("encryption.key");
    }

    @Test
    void hdfsHopsfsAndLocal() {
        HdfsDataSource hopsfs = (HdfsDataSource) valid(def("type", "hopsfs", "name", "fs", "dataset", "Resources"));
        assertThat(hopsfs.location()).isEqualTo(new HdfsDataSource.Location.HopsfsDataset("Resources"));
        assertThat(hopsfs.auth()).isEqualTo(new HdfsDataSource.Auth.Implicit());
        HdfsDataSource hdfs = (HdfsDataSource) valid(def("type", "hdfs", "name", "nn", "uri", "hdfs://nn:8020/data",
                "kerberos.principal", "connect@EXAMPLE.COM", "kerberos.keytab", "/etc/connect.keytab"));
        assertThat(hdfs.auth()).isEqualTo(new HdfsDataSource.Auth.Kerberos("connect@EXAMPLE.COM",
                Path.of("/etc/connect.keytab")));
        assertThat(errors(def("type", "hdfs", "name", "nn", "uri", "/data", "kerberos.principal", "p")))
                .containsOnlyKeys("uri", "kerberos.keytab");
        assertThat(errors(def("type", "hopsfs", "name", "fs"))).containsOnlyKeys("dataset");
        LocalDataSource local = (LocalDataSource) valid(def("type", "local", "name", "out", "path", "/tmp/out"));
        assertThat(local.path()).isEqualTo(Path.of("/tmp/out"));
        assertThat(errors(def("type", "local", "name", "out", "path", "relative/dir"))).containsOnlyKeys("path");
    }
}
