package dev.sluice.grammar;

import java.util.List;

/**
 * An HAProxy version, the one whose behaviour Sluice follows ({@code --target-version}).
 * Comparison is numeric, field by field; a missing field counts as 0.
 */
public record HaproxyVersion(int major, int minor, int patch) implements Comparable<HaproxyVersion> {

    public static final HaproxyVersion V2_4 = new HaproxyVersion(2, 4, 0);
    public static final HaproxyVersion V2_6 = new HaproxyVersion(2, 6, 0);
    public static final HaproxyVersion V2_8 = new HaproxyVersion(2, 8, 0);
    public static final HaproxyVersion V3_0 = new HaproxyVersion(3, 0, 0);
    public static final HaproxyVersion V3_1 = new HaproxyVersion(3, 1, 0);
    public static final HaproxyVersion V3_2 = new HaproxyVersion(3, 2, 0);
    public static final HaproxyVersion V3_3 = new HaproxyVersion(3, 3, 0);
    public static final HaproxyVersion V3_4 = new HaproxyVersion(3, 4, 0);

    /** The long-term-supported branches Sluice knows, oldest first. */
    public static final List<HaproxyVersion> LTS = List.of(V2_4, V2_6, V2_8, V3_0, V3_2, V3_4);

    /** The newest LTS branch Sluice knows: the default target. */
    public static final HaproxyVersion DEFAULT = V3_4;

    /**
     * Parses {@code 2.6}, {@code 2.6.12} or {@code 3.2-dev15} (development suffixes are ignored).
     *
     * @throws IllegalArgumentException when the text is not a version
     */
    public static HaproxyVersion parse(String text) {
        String core = text.strip();
        int dash = core.indexOf('-');
        if (dash >= 0) {
            core = core.substring(0, dash);
        }
        String[] parts = core.split("\\.", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("not an HAProxy version: '" + text + "' (expected e.g. 2.6 or 2.6.12)");
        }
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = Integer.parseInt(parts[1]);
            int patch = parts.length == 3 ? Integer.parseInt(parts[2]) : 0;
            if (major < 0 || minor < 0 || patch < 0) {
                throw new NumberFormatException();
            }
            return new HaproxyVersion(major, minor, patch);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an HAProxy version: '" + text + "' (expected e.g. 2.6 or 2.6.12)");
        }
    }

    public boolean atLeast(HaproxyVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(HaproxyVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + (patch != 0 ? "." + patch : "");
    }
}
