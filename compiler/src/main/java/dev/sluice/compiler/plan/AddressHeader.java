package dev.sluice.compiler.plan;

import java.util.Objects;

/**
 * {@code option forwardfor} or {@code option originalto}: a header carrying the client's (or the
 * original destination) address to the server.
 *
 * @param header the header's name ({@code X-Forwarded-For} or {@code X-Original-To} by default)
 * @param except the network whose addresses get no header, or null
 * @param ifNone {@code if-none}: only add the header when the request has none
 */
public record AddressHeader(String header, String except, boolean ifNone) {

    public AddressHeader {
        Objects.requireNonNull(header, "header");
    }
}
