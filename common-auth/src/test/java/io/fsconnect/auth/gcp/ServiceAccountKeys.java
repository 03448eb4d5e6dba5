package io.fsconnect.auth.gcp;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Service-account keys made in the test: a fresh RSA key pair in the JSON shape the Cloud console downloads. */
final class ServiceAccountKeys {

    static final String CLIENT_EMAIL = "fsconnect-sink@fs-project.iam.gserviceaccount.com";

    private ServiceAccountKeys() {
    }

    static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The PEM block of the PKCS#8 private key, with real line breaks. */
    static String pkcs8Pem(KeyPair keys) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(keys.getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }

    /** A key file of {@code type} with {@code privateKeyPem} (null leaves the field out). */
    static String json(String type, String privateKeyPem) {
        StringBuilder json = new StringBuilder("{\n  \"type\": \"").append(type).append("\",\n")
                .append("  \"project_id\": \"fs-project\",\n")
                .append("  \"private_key_id\": \"4f1c2b9e0d8a7c6b5a4f3e2d1c0b9a8f7e6d5c4b\",\n");
        if (privateKeyPem != null) {
            json.append("  \"private_key\": \"").append(privateKeyPem.replace("\n", "\\n")).append("\",\n");
        }
        return json.append("  \"client_email\": \"").append(CLIENT_EMAIL).append("\",\n")
                .append("  \"client_id\": \"104857600000000000001\",\n")
                .append("  \"auth_uri\": \"https://accounts.google.com/o/oauth2/auth\",\n")
                .append("  \"token_uri\": \"https://oauth2.googleapis.com/token\"\n}\n")
                .toString();
    }

    static String serviceAccountJson(KeyPair keys) {
        return json("service_account", pkcs8Pem(keys));
    }
}
