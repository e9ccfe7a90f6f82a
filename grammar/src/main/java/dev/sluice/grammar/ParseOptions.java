package dev.sluice.grammar;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the parser needs to know about the HAProxy it imitates and the machine it reads for:
 * the target version (which sections exist, how words split), the environment variables that
 * double-quoted words expand, and what the conditional-block predicates see.
 *
 * @param version the HAProxy version to follow
 * @param env environment variables for {@code "$NAME"} and {@code .if defined(NAME)}
 * @param features build features for {@code .if feature(X)}, e.g. {@code OPENSSL}, {@code LUA}
 * @param enabled runtime options for {@code .if enabled(X)}, e.g. {@code EPOLL}, {@code REUSEPORT}
 * @param sslLibrary the SSL library's name and version for the {@code openssl_*} and
 *     {@code ssllib_name_startswith} predicates, e.g. {@code OpenSSL 3.0.15}
 * @param localPeer the local peer's name, as {@code haproxy -L NAME} sets it, or null for the
 *     host name (HAProxy's default): {@code HAPROXY_LOCALPEER}, and which peer line listens
 */
public record ParseOptions(HaproxyVersion version, Map<String, String> env, Set<String> features,
        Set<String> enabled, String sslLibrary, String localPeer) {

    /** The features of a common Linux build (Debian's package): what predicates see by default. */
    public static final Set<String> DEFAULT_FEATURES = Set.of("ACCEPT4", "BACKTRACE", "CPU_AFFINITY",
            "CRYPT_H", "DL", "EPOLL", "GETADDRINFO", "LIBCRYPT", "LINUX_SPLICE", "LINUX_TPROXY", "LUA",
            "NETFILTER", "NS", "OPENSSL", "POLL", "PRCTL", "PROMEX", "PCRE2", "PCRE2_JIT", "RT", "SLZ",
            "SYSTEMD", "TFO", "THREAD", "THREAD_DUMP", "TPROXY");

    /** What {@code enabled()} sees by default on Linux. */
    public static final Set<String> DEFAULT_ENABLED = Set.of("POLL", "EPOLL", "SPLICE", "REUSEPORT",
            "FAST-FORWARD");

    /** Options with the host name as the local peer's name. */
    public ParseOptions(HaproxyVersion version, Map<String, String> env, Set<String> features, Set<String> enabled,
            String sslLibrary) {
        this(version, env, features, enabled, sslLibrary, null);
    }

    public ParseOptions {
        Objects.requireNonNull(version, "version");
        env = Map.copyOf(env);
        features = Set.copyOf(features);
        enabled = Set.copyOf(enabled);
        Objects.requireNonNull(sslLibrary, "sslLibrary");
    }

    /** The defaults: newest LTS, the process environment, a common Linux build. */
    public static ParseOptions defaults() {
        return new ParseOptions(HaproxyVersion.DEFAULT, System.getenv(), defaultFeatures(HaproxyVersion.DEFAULT),
                DEFAULT_ENABLED, "OpenSSL 3.0.15");
    }

    /**
     * The features of a common Linux build of {@code version}: Debian's 2.6 package has no QUIC;
     * from 2.8 on, common builds have it (with OpenSSL's compatibility layer).
     */
    public static Set<String> defaultFeatures(HaproxyVersion version) {
        if (!version.atLeast(HaproxyVersion.V2_8)) {
            return DEFAULT_FEATURES;
        }
        Set<String> features = new java.util.HashSet<>(DEFAULT_FEATURES);
        features.add("QUIC");
        return Set.copyOf(features);
    }

    /** The same options for another version; default build features follow the version. */
    public ParseOptions withVersion(HaproxyVersion v) {
        Set<String> f = features.equals(defaultFeatures(version)) ? defaultFeatures(v) : features;
        return new ParseOptions(v, env, f, enabled, sslLibrary, localPeer);
    }

    public ParseOptions withEnv(Map<String, String> e) {
        return new ParseOptions(version, e, features, enabled, sslLibrary, localPeer);
    }

    /** The same options with {@code name} as the local peer's name ({@code haproxy -L NAME}). */
    public ParseOptions withLocalPeer(String name) {
        return new ParseOptions(version, env, features, enabled, sslLibrary, name);
    }

    /** HAProxy 3.3 rewrote word splitting: empty quotes make an argument, trailing ones too. */
    boolean quotesMakeArguments() {
        return version.atLeast(HaproxyVersion.V3_3);
    }

    /** HAProxy 3.2 refuses an empty argument followed by others. */
    boolean rejectsEmptyArguments() {
        return version.atLeast(HaproxyVersion.V3_2);
    }
}
