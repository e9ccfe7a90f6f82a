package dev.sluice.compiler.plan;

import java.util.List;

/**
 * A server's TLS settings.
 *
 * @param enabled {@code ssl}
 * @param verify {@code verify} ({@code none} or {@code required}), or null
 * @param sni {@code sni}: the sample expression as written, or null
 * @param caFile {@code ca-file}, or null
 * @param crt {@code crt}, or null
 * @param alpn {@code alpn}, split at commas
 * @param minVersion {@code ssl-min-ver}, or null
 * @param maxVersion {@code ssl-max-ver}, or null
 * @param ciphers {@code ciphers}, or null
 */
public record ServerSsl(boolean enabled, String verify, String sni, String caFile, String crt, List<String> alpn,
        String minVersion, String maxVersion, String ciphers) {

    /** No TLS. */
    public static final ServerSsl NONE = new ServerSsl(false, null, null, null, null, List.of(), null, null, null);

    public ServerSsl {
        alpn = List.copyOf(alpn);
    }
}
