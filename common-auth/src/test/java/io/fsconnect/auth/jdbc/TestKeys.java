package io.fsconnect.auth.jdbc;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;

/** RSA key pairs written as PKCS#8 PEM, plain or encrypted with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC). */
final class TestKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestKeys() {
    }

    static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    static String pem(KeyPair keys) {
        return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
    }

    static String encryptedPem(KeyPair keys, String passphrase) throws Exception {
        String algorithm = "PBEWithHmacSHA256AndAES_256";
        byte[] salt = new byte[16];
        byte[] iv = new byte[16];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(iv);
        Cipher cipher = Cipher.getInstance(algorithm);
        cipher.init(Cipher.ENCRYPT_MODE,
                SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(passphrase.toCharArray())),
                new PBEParameterSpec(salt, 2048, new IvParameterSpec(iv)));
        byte[] encrypted = cipher.doFinal(keys.getPrivate().getEncoded());
        // EncryptedPrivateKeyInfo cannot encode PBES2 on JDK 17, so the structure is written here, as openssl does:
        // SEQUENCE { SEQUENCE { OID pbes2, PBES2-params }, OCTET STRING ciphertext }.
        byte[] pbes2 = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x05, 0x0d};
        byte[] algorithmId = der(0x30, concat(pbes2, cipher.getParameters().getEncoded()));
        return pem("ENCRYPTED PRIVATE KEY", der(0x30, concat(algorithmId, der(0x04, encrypted))));
    }

    private static byte[] der(int tag, byte[] content) {
        int length = content.length;
        byte[] header = length < 0x80 ? new byte[] {(byte) tag, (byte) length}
                : length < 0x100 ? new byte[] {(byte) tag, (byte) 0x81, (byte) length}
                : new byte[] {(byte) tag, (byte) 0x82, (byte) (length >> 8), (byte) length};
        return concat(header, content);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
