package dev.sluice.runtime.balance;

import java.util.concurrent.ThreadLocalRandom;

/**
 * What a hashing algorithm reads from a request, supplied by the protocol layer. Each method is
 * called at most once per selection and only by the algorithms that need it, so an implementation
 * can read straight from the connection and the request it wraps without copying.
 *
 * <p>Characters are taken as bytes (their low eight bits), as HTTP/1 carries them.
 */
public interface BalanceInput {

    /** No request data: hashing algorithms fall back to round robin, {@code random} still works. */
    BalanceInput NONE = new BalanceInput() {};

    /** The client's address, 4 bytes for IPv4 or 16 for IPv6, network order; null when not an IP (UNIX socket). */
    default byte[] clientAddress() {
        return null;
    }

    /**
     * The request target as received on the request line ({@code /path?query}, or an absolute URI
     * for a proxy request); null outside HTTP. {@code uri} hashes the part before {@code ?} (all of
     * it with {@code whole}); {@code url_param} looks in the query after the first {@code ?}.
     */
    default CharSequence uri() {
        return null;
    }

    /**
     * The value of the first header named {@code name} (case-insensitive), or null when there is
     * none. The balancer itself keeps only the first comma-separated element, trimmed, as HAProxy
     * does for {@code hdr(name)}, so returning the whole field value is fine.
     */
    default CharSequence header(String name) {
        return null;
    }

    /** A random 32-bit number for {@code random}; every bit should be random. */
    default int random() {
        return ThreadLocalRandom.current().nextInt();
    }
}
