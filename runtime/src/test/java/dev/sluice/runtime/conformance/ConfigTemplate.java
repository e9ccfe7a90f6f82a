package dev.sluice.runtime.conformance;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A configuration with placeholders, filled once per proxy run:
 * <ul>
 * <li>{@code ${port:www}}: a free port on 127.0.0.1 for a listener, the same wherever it appears;</li>
 * <li>{@code ${server:a}}: {@code 127.0.0.1:PORT} of the test server named {@code a};</li>
 * <li>{@code ${file:503}}: the absolute path of a file the scenario provides.</li>
 * </ul>
 * The two proxies get the same text but for these numbers and paths.
 */
record ConfigTemplate(String text) {

    /** An HTTP defaults section, for templates that go on with their frontends and backends. */
    static final String DEFAULTS = """
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
            """;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(port|server|file):([A-Za-z0-9_.-]+)}");

    /** The names used with {@code kind} ({@code port}, {@code server} or {@code file}), in order of appearance. */
    Set<String> names(String kind) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(kind)) {
                names.add(m.group(2));
            }
        }
        return names;
    }

    String fill(Function<String, Integer> port, Function<String, Integer> server, Function<String, String> file) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(2);
            String value = switch (m.group(1)) {
                case "port" -> String.valueOf(port.apply(name));
                case "server" -> "127.0.0.1:" + server.apply(name);
                default -> file.apply(name);
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        String filled = out.toString();
        if (filled.contains("${")) {
            throw new IllegalArgumentException("unknown placeholder left in:\n" + filled);
        }
        return filled;
    }
}
