package dev.spm.internal.wire;

import dev.spm.SpmSessionException;
import dev.spm.internal.JvmLauncher;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS for the traffic of a session that goes beyond loopback: one certificate made for the
 * session, and every client pinned to its SHA-256 fingerprint (no certificate authority, no host
 * name check: the fingerprint travels in the connection file, beside the token). Members of the
 * session get the certificate's key in the hub's Welcome, over TLS and after proving the token,
 * so that gang members can serve each other with it. So whoever holds the token can also pose as
 * the session's servers: the token is the one secret, and the key adds no trust beyond it. The
 * key store is written only while keytool makes it, in the session's own folder (0700), and
 * deleted once read.
 */
public final class Tls {
  private Tls() {}

  private static final String PASSWORD_ENV = "SPM_KEYSTORE_PASSWORD";

  /**
   * A session's certificate and key.
   *
   * @param pkcs12 the key store, in PKCS#12
   * @param fingerprint {@code sha256:} and the hex SHA-256 of the certificate's DER encoding
   */
  public record SessionCert(byte[] pkcs12, String password, String fingerprint) {}

  /**
   * Makes a certificate for a session with the JDK's keytool (the JDK has no public API for it),
   * in {@code dir}, which only the session's user can read.
   *
   * @throws SpmSessionException if keytool fails
   */
  public static SessionCert create(Path dir) {
    byte[] secret = new byte[18];
    new SecureRandom().nextBytes(secret);
    String password = HexFormat.of().formatHex(secret);
    Path store = dir.resolve("session.p12");
    Path keytool = Path.of(JvmLauncher.javaCommand()).resolveSibling("keytool");
    List<String> command = List.of(keytool.toString(), "-genkeypair", "-alias", "spm", "-keyalg", "EC",
        "-groupname", "secp256r1", "-validity", "30", "-dname", "CN=spm session", "-storetype", "PKCS12",
        "-keystore", store.toString(), "-storepass:env", PASSWORD_ENV, "-keypass:env", PASSWORD_ENV);
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().put(PASSWORD_ENV, password); // not on the command line, which others can read
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new SpmSessionException("could not make the session's TLS certificate with " + keytool + ": " + output.trim());
      }
      byte[] pkcs12 = Files.readAllBytes(store);
      Files.delete(store); // the key lives in this JVM's memory only
      KeyStore keyStore = load(pkcs12, password);
      return new SessionCert(pkcs12, password, fingerprint((X509Certificate) keyStore.getCertificate("spm")));
    } catch (IOException | GeneralSecurityException e) {
      throw new SpmSessionException("could not make the session's TLS certificate: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SpmSessionException("interrupted while making the session's TLS certificate", e);
    }
  }

  /** The server side: presents the session's certificate. */
  public static SSLContext serverContext(byte[] pkcs12, String password) {
    try {
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(load(pkcs12, password), password.toCharArray());
      SSLContext context = SSLContext.getInstance("TLSv1.3");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new SpmSessionException("the session's TLS key cannot be used: " + e.getMessage(), e);
    }
  }

  /** The client side: trusts exactly the certificate with this fingerprint. */
  public static SSLContext pinnedContext(String fingerprint) {
    try {
      SSLContext context = SSLContext.getInstance("TLSv1.3");
      context.init(null, new TrustManager[] {new Pinned(fingerprint)}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new SpmSessionException("TLS is not available: " + e.getMessage(), e);
    }
  }

  /**
   * Connects to {@code host:port}: over TLS pinned to {@code fingerprint}, or in the clear when it
   * is null. The TLS handshake is done before this returns.
   *
   * @throws IOException if the connection or the handshake fails (a wrong certificate included)
   */
  public static Socket connect(String hostPort, String fingerprint) throws IOException {
    int colon = hostPort.lastIndexOf(':');
    String host = hostPort.substring(0, colon);
    int port = Integer.parseInt(hostPort.substring(colon + 1));
    if (fingerprint == null) {
      return new Socket(host, port);
    }
    SSLSocket socket = (SSLSocket) pinnedContext(fingerprint).getSocketFactory().createSocket(host, port);
    socket.startHandshake();
    return socket;
  }

  /** Wraps a socket accepted in the clear in TLS, as its server; the handshake is done before this returns. */
  public static Socket serve(SSLContext context, Socket accepted) throws IOException {
    InetSocketAddress remote = (InetSocketAddress) accepted.getRemoteSocketAddress();
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(accepted, remote.getHostString(),
        remote.getPort(), true);
    socket.setUseClientMode(false);
    socket.startHandshake();
    return socket;
  }

  static String fingerprint(X509Certificate certificate) throws GeneralSecurityException {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
  }

  private static KeyStore load(byte[] pkcs12, String password) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(new ByteArrayInputStream(pkcs12), password.toCharArray());
    return store;
  }

  private record Pinned(String fingerprint) implements X509TrustManager {
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      String actual;
      try {
        actual = Tls.fingerprint(chain[0]);
      } catch (GeneralSecurityException e) {
        throw new CertificateException(e);
      }
      if (!MessageDigest.isEqual(actual.getBytes(), fingerprint.getBytes())) {
        throw new CertificateException("the peer's certificate is " + actual + ", not the session's " + fingerprint);
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("clients prove the session token, not a certificate");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
