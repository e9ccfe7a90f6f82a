package dev.sluice.compiler.plan;

import java.util.List;
import java.util.Map;

/**
 * The process-wide settings: every {@code global} section, merged in order.
 *
 * @param maxconn {@code maxconn}, null when not set (HAProxy then derives it from the limits)
 * @param nbthread {@code nbthread}, null when not set
 * @param hardStopAfterMs {@code hard-stop-after}, null when not set
 * @param statsSockets every {@code stats socket}
 * @param statsTimeoutMs {@code stats timeout}, null when not set
 * @param logs the {@code log} targets
 * @param daemon true with {@code daemon}
 * @param user {@code user}, or null
 * @param group {@code group}, or null
 * @param chroot {@code chroot}, or null
 * @param pidfile {@code pidfile}, or null
 * @param tune the {@code tune.*} settings, keyword to its words joined by a space
 * @param ssl the {@code ssl-*} settings (default bind and server options, ciphers, ...), keyword to
 *     its words joined by a space
 * @param unmodelled every other directive, sorted
 */
public record Global(Long maxconn, Integer nbthread, Long hardStopAfterMs, List<StatsSocket> statsSockets,
        Long statsTimeoutMs, List<LogTarget> logs, boolean daemon, String user, String group, String chroot,
        String pidfile, Map<String, String> tune, Map<String, String> ssl, List<RawDirective> unmodelled)
        implements PlanNode {

    public Global {
        statsSockets = List.copyOf(statsSockets);
        logs = List.copyOf(logs);
        tune = Copies.sorted(tune);
        ssl = Copies.sorted(ssl);
        unmodelled = List.copyOf(unmodelled);
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitGlobal(this);
    }
}
