package dev.sluice.compiler.plan;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The statistics page of a proxy: present when the proxy (or its defaults) has any {@code stats}
 * line, as in HAProxy, where each of them enables the page.
 *
 * @param uri the URI prefix, {@code /haproxy?stats} by default
 * @param realm the authentication realm, or null
 * @param users the {@code stats auth} users, in order
 * @param refreshMs {@code stats refresh}, or null
 * @param admin the {@code stats admin} conditions: admin mode when any matches
 * @param hideVersion {@code stats hide-version}
 * @param scopes the {@code stats scope} proxies, in order
 * @param httpRequest the {@code stats http-request} rules
 * @param settings the other {@code stats} lines ({@code show-node}, {@code show-desc},
 *     {@code show-legends}, ...), each to its words
 */
public record StatsPage(String uri, String realm, List<User> users, Long refreshMs,
        List<Condition> admin, boolean hideVersion, List<String> scopes, List<Rule> httpRequest,
        Map<String, List<String>> settings) {

    public StatsPage {
        Objects.requireNonNull(uri, "uri");
        users = List.copyOf(users);
        admin = List.copyOf(admin);
        scopes = List.copyOf(scopes);
        httpRequest = List.copyOf(httpRequest);
        settings = Copies.sortedLists(settings);
    }

    /** A {@code stats auth user:password} entry. */
    public record User(String name, String password) {

        public User {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(password, "password");
        }
    }
}
