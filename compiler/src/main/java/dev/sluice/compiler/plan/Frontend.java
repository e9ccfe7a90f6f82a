package dev.sluice.compiler.plan;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A frontend, or the frontend half of a {@code listen} section, its defaults applied.
 *
 * @param name the proxy's name
 * @param mode {@code tcp} (the default) or {@code http}
 * @param disabled {@code disabled}
 * @param description {@code description}, or null
 * @param id {@code id}, or null
 * @param listeners one per address of the {@code bind} lines
 * @param maxconn {@code maxconn}, or null
 * @param backlog {@code backlog}, or null
 * @param rateLimitSessions {@code rate-limit sessions}, or null
 * @param timeouts the client-side timeouts
 * @param options the {@code option} lines other than the log styles and the typed ones below, by name
 * @param forwardFor {@code option forwardfor}, or null
 * @param originalTo {@code option originalto}, or null
 * @param logStyle {@code tcplog}, {@code httplog}, {@code httplog clf}, {@code httpslog} or
 *     {@code custom} (a {@code log-format}), or null: the last one set wins
 * @param logFormat the {@code log-format} when the style is {@code custom}, or null
 * @param errorLogFormat {@code error-log-format}, or null
 * @param logs the log targets, {@code log global} expanded
 * @param uniqueIdFormat {@code unique-id-format}, or null
 * @param uniqueIdHeader {@code unique-id-header}, or null
 * @param acls the proxy's named ACLs, in order of first definition
 * @param defaultsRules the rules of the named defaults section the proxy inherits from: each set
 *     runs before the proxy's own and ends on its own (a final action there does not skip the
 *     proxy's rules)
 * @param rules the proxy's own rules
 * @param redirects the {@code redirect} lines
 * @param useBackends the {@code use_backend} rules, in order
 * @param defaultBackend {@code default_backend}; for a listen section without one, the listen
 *     section itself; or null
 * @param captures the capture slots
 * @param stickTable a table of this proxy's name, or null
 * @param errorPages the error pages, by status
 * @param stats the statistics page, or null
 * @param monitor {@code monitor-uri} and {@code monitor fail}, or null
 * @param unmodelled the directives the plan does not model, sorted
 */
public record Frontend(String name, String mode, boolean disabled, String description, Long id,
        List<Listener> listeners, Long maxconn, Long backlog, Long rateLimitSessions, Timeouts timeouts,
        Map<String, ProxyOption> options, AddressHeader forwardFor, AddressHeader originalTo, String logStyle,
        Format logFormat, Format errorLogFormat, List<LogTarget> logs, Format uniqueIdFormat, String uniqueIdHeader,
        List<Acl> acls, Rules defaultsRules, Rules rules, List<Redirect> redirects, List<BackendSwitch> useBackends,
        String defaultBackend, List<Capture> captures, StickTable stickTable, List<ErrorPage> errorPages,
        StatsPage stats, Monitor monitor, List<RawDirective> unmodelled) implements PlanNode {

    public Frontend {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        listeners = List.copyOf(listeners);
        Objects.requireNonNull(timeouts, "timeouts");
        options = Copies.sorted(options);
        logs = List.copyOf(logs);
        acls = List.copyOf(acls);
        Objects.requireNonNull(defaultsRules, "defaultsRules");
        Objects.requireNonNull(rules, "rules");
        redirects = List.copyOf(redirects);
        useBackends = List.copyOf(useBackends);
        captures = List.copyOf(captures);
        errorPages = List.copyOf(errorPages);
        unmodelled = List.copyOf(unmodelled);
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitFrontend(this);
    }
}
