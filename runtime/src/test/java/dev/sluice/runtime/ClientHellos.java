package dev.sluice.runtime;

import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** Real TLS ClientHellos, as the JDK's TLS client sends them first on a connection, for tests. */
public final class ClientHellos {

    private ClientHellos() {
    }

    /**
     * The first bytes a TLS client sends: its ClientHello record, naming {@code serverName} (none
     * when null) and offering {@code alpn} (none when empty), for {@code protocols} (e.g.
     * {@code TLSv1.2}, {@code TLSv1.3}).
     */
    public static byte[] of(String serverName, List<String> alpn, String... protocols) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAll()}, null);
            SSLEngine engine = serverName == null ? context.createSSLEngine() : context.createSSLEngine(serverName, 443);
            engine.setUseClientMode(true);
            SSLParameters params = engine.getSSLParameters();
            params.setServerNames(serverName == null ? List.of() : List.of(new SNIHostName(serverName)));
            params.setApplicationProtocols(alpn.toArray(String[]::new));
            if (protocols.length > 0) {
                params.setProtocols(protocols);
            }
            engine.setSSLParameters(params);
            ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            engine.wrap(ByteBuffer.allocate(0), out);
            out.flip();
            return Arrays.copyOf(out.array(), out.limit());
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a ClientHello", e);
        }
    }

    /** A ClientHello naming {@code serverName}, offering no ALPN, for the JDK's default protocols. */
    public static byte[] of(String serverName) {
        return of(serverName, List.of());
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
