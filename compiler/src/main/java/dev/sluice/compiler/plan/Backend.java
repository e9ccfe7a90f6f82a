package dev.sluice.compiler.plan;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A backend, or the backend half of a {@code listen} section, its defaults applied.
 *
 * @param name the proxy's name
 * @param mode {@code tcp} (the default) or {@code http}
 * @param disabled {@code disabled}
 * @param description {@code description}, or null
 * @param id {@code id}, or null
 * @param balance the load-balancing algorithm
 * @param hashType {@code hash-type} as written, or null
 * @param timeouts the server-side timeouts
 * @param options the {@code option} lines other than the checks and the typed ones below, by name
 * @param forwardFor {@code option forwardfor}, or null
 * @param originalTo {@code option originalto}, or null
 * @param servers the servers, in order
 * @param healthCheck how servers with {@code check} are checked
 * @param cookie cookie persistence, or null
 * @param stickTable a table of this proxy's name, or null
 * @param stickRules the {@code stick} rules, in order
 * @param useServers the {@code use-server} rules, in order
 * @param retries {@code retries}, 3 by default
 * @param retryOn {@code retry-on}, the words in order; empty when not set
 * @param httpReuse {@code http-reuse}, {@code safe} by default
 * @param fullconn {@code fullconn}, or null
 * @param logs the log targets, {@code log global} expanded
 * @param acls the proxy's named ACLs, in order of first definition
 * @param defaultsRules the rules of the named defaults section the proxy inherits from, run first
 * @param rules the proxy's own rules
 * @param redirects the {@code redirect} lines
 * @param errorPages the error pages, by status
 * @param stats the statistics page, or null
 * @param unmodelled the directives the plan does not model, sorted
 */
public record Backend(String name, String mode, boolean disabled, String description, Long id, Balance balance,
        String hashType, Timeouts timeouts, Map<String, ProxyOption> options, AddressHeader forwardFor,
        AddressHeader originalTo, List<Server> servers, HealthCheck healthCheck, CookiePersistence cookie,
        StickTable stickTable, List<StickRule> stickRules, List<UseServer> useServers, int retries,
        List<String> retryOn, String httpReuse, Long fullconn, List<LogTarget> logs, List<Acl> acls,
        Rules defaultsRules, Rules rules, List<Redirect> redirects, List<ErrorPage> errorPages, StatsPage stats,
        List<RawDirective> unmodelled) implements PlanNode {

    public Backend {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(balance, "balance");
        Objects.requireNonNull(timeouts, "timeouts");
        options = Copies.sorted(options);
        servers = List.copyOf(servers);
        Objects.requireNonNull(healthCheck, "healthCheck");
        stickRules = List.copyOf(stickRules);
        useServers = List.copyOf(useServers);
        retryOn = List.copyOf(retryOn);
        Objects.requireNonNull(httpReuse, "httpReuse");
        logs = List.copyOf(logs);
        acls = List.copyOf(acls);
        Objects.requireNonNull(defaultsRules, "defaultsRules");
        Objects.requireNonNull(rules, "rules");
        redirects = List.copyOf(redirects);
        errorPages = List.copyOf(errorPages);
        unmodelled = List.copyOf(unmodelled);
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitBackend(this);
    }
}
