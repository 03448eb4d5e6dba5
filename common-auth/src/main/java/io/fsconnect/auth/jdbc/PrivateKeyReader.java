package io.fsconnect.auth.jdbc;

import io.fsconnect.auth.Secret;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Reads a PKCS#8 private key in PEM (or bare base64) with the JDK alone: unencrypted keys, and keys encrypted with a
 * passphrase by the PBES2 schemes {@code openssl pkcs8 -topk8 -v2 aes256} produces (and the PBES1 ones the JDK
 * knows). Failures throw {@link IllegalArgumentException} with a message that names {@code subject} (the key's
 * configuration key) and what to do, never the key or the passphrase.
 */
final class PrivateKeyReader {

    private static final String ENCRYPTED_BEGIN = "-----BEGIN ENCRYPTED PRIVATE KEY-----";
    private static final String PBES2_OID = "1.2.840.113549.1.5.13";
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519");

    private PrivateKeyReader() {
    }

    /**
     * The private key in {@code pem}; {@code passphrase} decrypts an encrypted one. A key without BEGIN/END lines is
     * taken as encrypted exactly when a passphrase is given.
     */
    static PrivateKey read(String pem, Optional<Secret> passphrase, String subject) {
        String text = pem.strip();
        boolean encrypted = text.startsWith(ENCRYPTED_BEGIN) || (!text.startsWith("-----") && passphrase.isPresent());
        byte[] der = decode(text, subject);
        try {
            byte[] pkcs8 = encrypted ? decrypt(der, passphrase, subject) : der;
            return toKey(pkcs8, subject);
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    private static byte[] decode(String text, String subject) {
        String body = text.replaceAll("-----(BEGIN|END)[A-Z ]*-----", "").replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot read the private key " + subject + ": it is not base64 PEM; "
                    + "give a PKCS#8 key as written by openssl pkcs8 -topk8");
        }
    }

    private static byte[] decrypt(byte[] der, Optional<Secret> passphrase, String subject) {
        if (passphrase.isEmpty()) {
            throw new IllegalArgumentException("Cannot read the private key " + subject + ": it is encrypted and no "
                    + "passphrase is set; set the key's passphrase");
        }
        EncryptedPrivateKeyInfo info;
        try {
            info = new EncryptedPrivateKeyInfo(der);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("Cannot read the private key " + subject + ": it is not an encrypted "
                    + "PKCS#8 structure; give a key as written by openssl pkcs8 -topk8");
        }
        String algorithm = algorithm(info);
        char[] chars = passphrase.get().reveal().toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars);
        try {
            SecretKey key = SecretKeyFactory.getInstance(algorithm).generateSecret(spec);
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, key, info.getAlgParameters());
            return info.getKeySpec(cipher).getEncoded();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("Cannot read the private key " + subject + ": its encryption "
                    + algorithm + " is not supported by this JVM; re-encrypt it with openssl pkcs8 -topk8 "
                    + "-v2 aes256");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot read the private key " + subject + ": the passphrase does not "
                    + "decrypt it; check the key's passphrase");
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }

    /**
     * The JDK's cipher name for the key's encryption. For PBES2 (what openssl writes) the JDK reports only "PBES2";
     * the parameters name the actual scheme, e.g. PBEWithHmacSHA256AndAES_256.
     */
    private static String algorithm(EncryptedPrivateKeyInfo info) {
        String name = info.getAlgName();
        if (("PBES2".equalsIgnoreCase(name) || PBES2_OID.equals(name)) && info.getAlgParameters() != null) {
            return info.getAlgParameters().toString();
        }
        return name;
    }

    private static PrivateKey toKey(byte[] pkcs8, String subject) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pkcs8);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
                // Not a key of this algorithm: PKCS#8 names it inside, and the next factory may know it.
            }
        }
        throw new IllegalArgumentException("Cannot read the private key " + subject + ": it is not a PKCS#8 RSA, EC "
                + "or Ed25519 private key (or its passphrase is wrong); give a key as written by openssl pkcs8 -topk8");
    }
}
