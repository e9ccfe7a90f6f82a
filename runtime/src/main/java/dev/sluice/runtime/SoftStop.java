package dev.sluice.runtime;

/**
 * The event a client connection receives when the proxy stops gracefully: an HTTP connection
 * closes at once when it is between requests, else after the response in progress; a TCP session
 * goes on until it ends (or the stop's grace runs out).
 */
public enum SoftStop {
    INSTANCE
}
