package dev.sluice.compiler.plan;

import java.util.Objects;

/**
 * One {@code log} line. A proxy's {@code log global} is replaced by copies of the global targets.
 *
 * @param target where to send: an address, a UNIX socket path, {@code stdout}, {@code ring@NAME}, ...
 * @param length {@code len}: the longest line, or null
 * @param format {@code format}: rfc3164, rfc5424, short, raw, ..., or null
 * @param sample {@code sample}: the ranges and size as written, or null
 * @param facility the syslog facility
 * @param level the highest level sent, or null for all
 * @param minLevel the lowest level a message is raised to, or null
 */
public record LogTarget(String target, Integer length, String format, String sample, String facility,
        String level, String minLevel) {

    public LogTarget {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(facility, "facility");
    }
}
