package dev.sluice.grammar;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The keywords that open a section, and the HAProxy versions that know them. A word that opens
 * a section in one version is an ordinary keyword in another (e.g. {@code crt-store} before 3.0).
 */
public final class SectionKeywords {

    private record Range(HaproxyVersion since, HaproxyVersion until) {
        boolean contains(HaproxyVersion v) {
            return v.atLeast(since) && (until == null || v.compareTo(until) < 0);
        }
    }

    private static final HaproxyVersion ALWAYS = new HaproxyVersion(1, 0, 0);
    private static final Map<String, Range> SECTIONS = new LinkedHashMap<>();

    static {
        for (String s : new String[] {"global", "defaults", "frontend", "backend", "listen", "userlist",
                "peers", "mailers", "resolvers", "cache", "namespace_list",
                "spoe-agent", "spoe-group", "spoe-message"}) {
            SECTIONS.put(s, new Range(ALWAYS, null));
        }
        SECTIONS.put("program", new Range(ALWAYS, HaproxyVersion.V3_3));
        SECTIONS.put("fcgi-app", new Range(new HaproxyVersion(2, 1, 0), null));
        SECTIONS.put("http-errors", new Range(new HaproxyVersion(2, 2, 0), null));
        SECTIONS.put("ring", new Range(new HaproxyVersion(2, 2, 0), null));
        SECTIONS.put("log-forward", new Range(new HaproxyVersion(2, 3, 0), null));
        SECTIONS.put("crt-store", new Range(HaproxyVersion.V3_0, null));
        SECTIONS.put("traces", new Range(HaproxyVersion.V3_1, null));
        SECTIONS.put("log-profile", new Range(HaproxyVersion.V3_1, null));
        SECTIONS.put("acme", new Range(HaproxyVersion.V3_2, null));
        SECTIONS.put("healthcheck", new Range(HaproxyVersion.V3_4, null));
    }

    private SectionKeywords() {}

    /** True when {@code word} opens a section in HAProxy {@code version}. */
    public static boolean isSection(String word, HaproxyVersion version) {
        Range range = SECTIONS.get(word);
        return range != null && range.contains(version);
    }

    /** True when {@code word} opens a section in any version Sluice knows. */
    public static boolean isSectionInAnyVersion(String word) {
        return SECTIONS.containsKey(word);
    }

    /** The section keywords of {@code version}. */
    public static Set<String> of(HaproxyVersion version) {
        return SECTIONS.entrySet().stream()
                .filter(e -> e.getValue().contains(version))
                .map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }
}
