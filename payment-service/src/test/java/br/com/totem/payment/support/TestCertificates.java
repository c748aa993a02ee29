package br.com.totem.payment.support;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI for the mTLS tests: a CA, a server certificate for 127.0.0.1 (the sandbox
 * bank) and a client certificate (Totem), written as PEM files and a PKCS#12 keystore.
 */
public record TestCertificates(Path dir, Path caPem, Path serverCert, Path serverKey, Path clientCert, Path clientKey,
                               Path clientP12, String p12Password) {

    public static TestCertificates generate(Path dir) throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
        kpg.initialize(2048);
        KeyPair caKeys = kpg.generateKeyPair();
        X500Name caName = new X500Name("CN=Totem Test CA");
        Instant now = Instant.now();
        X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, Date.from(now.minus(1, ChronoUnit.DAYS)),
                Date.from(now.plus(2, ChronoUnit.DAYS)), caName, caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate caCert = sign(ca, caKeys);

        KeyPair serverKeys = kpg.generateKeyPair();
        X509v3CertificateBuilder server = new JcaX509v3CertificateBuilder(caName, BigInteger.TWO, Date.from(now.minus(1, ChronoUnit.DAYS)),
                Date.from(now.plus(2, ChronoUnit.DAYS)), new X500Name("CN=127.0.0.1"), serverKeys.getPublic())
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        X509Certificate serverCert = sign(server, caKeys);

        KeyPair clientKeys = kpg.generateKeyPair();
        X509v3CertificateBuilder client = new JcaX509v3CertificateBuilder(caName, BigInteger.valueOf(3), Date.from(now.minus(1, ChronoUnit.DAYS)),
                Date.from(now.plus(2, ChronoUnit.DAYS)), new X500Name("CN=totem-payment-service"), clientKeys.getPublic())
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        X509Certificate clientCert = sign(client, caKeys);

        Files.createDirectories(dir);
        Path caPem = write(dir.resolve("ca.pem"), pem("CERTIFICATE", caCert.getEncoded()));
        Path serverPem = write(dir.resolve("server.pem"), pem("CERTIFICATE", serverCert.getEncoded()));
        Path serverKey = write(dir.resolve("server.key"), pem("PRIVATE KEY", serverKeys.getPrivate().getEncoded()));
        Path clientPem = write(dir.resolve("client.pem"), pem("CERTIFICATE", clientCert.getEncoded()));
        Path clientKey = write(dir.resolve("client.key"), pem("PRIVATE KEY", clientKeys.getPrivate().getEncoded()));
        String password = "test-p12-password";
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(null, null);
        p12.setKeyEntry("client", clientKeys.getPrivate(), password.toCharArray(), new Certificate[] {clientCert, caCert});
        Path p12Path = dir.resolve("client.p12");
        try (OutputStream out = Files.newOutputStream(p12Path)) {
            p12.store(out, password.toCharArray());
        }
        return new TestCertificates(dir, caPem, serverPem, serverKey, clientPem, clientKey, p12Path, password);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuer.getPrivate())));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static Path write(Path path, String content) throws IOException {
        return Files.writeString(path, content);
    }
}
