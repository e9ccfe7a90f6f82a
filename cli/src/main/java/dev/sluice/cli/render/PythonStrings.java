package dev.sluice.cli.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jinjava.javax.el.ELContext;

/**
 * Python's string methods that Ansible templates call ({@code inventory_hostname.split('.')[0]},
 * {@code name.startswith('web')}, {@code ', '.join(list)}): Jinjava would call Java's, which
 * do not exist ({@code startswith}) or, worse, differ ({@code split} takes a regular expression,
 * so {@code split('.')} gives nothing).
 */
final class PythonStrings extends ObservingResolver {

    private static final Set<String> METHODS = Set.of("split", "rsplit", "startswith", "endswith", "lower", "upper",
            "lstrip", "rstrip", "strip", "join", "capitalize", "title", "count", "find");

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (!(base instanceof String marked) || method == null || !METHODS.contains(method.toString())) {
            return null;
        }
        String s = (String) MarkedTemplate.withoutMarkers(marked);
        Object[] p = params == null ? new Object[0] : params;
        Object result = switch (method.toString()) {
            case "split" -> split(s, arg(p, 0), p.length > 1 ? ((Number) p[1]).intValue() : -1, false);
            case "rsplit" -> split(s, arg(p, 0), p.length > 1 ? ((Number) p[1]).intValue() : -1, true);
            case "startswith" -> anyOf(p[0], s::startsWith);
            case "endswith" -> anyOf(p[0], s::endsWith);
            case "lower" -> s.toLowerCase(Locale.ROOT);
            case "upper" -> s.toUpperCase(Locale.ROOT);
            case "strip" -> strip(strip(s, arg(p, 0), true), arg(p, 0), false);
            case "lstrip" -> strip(s, arg(p, 0), true);
            case "rstrip" -> strip(s, arg(p, 0), false);
            case "join" -> p.length == 0 ? s : items(p[0]).stream().map(String::valueOf).collect(Collectors.joining(s));
            case "capitalize" -> s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
            case "title" -> Arrays.stream(s.split(" ", -1)).map(w -> w.isEmpty() ? w
                    : w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1).toLowerCase(Locale.ROOT)).collect(Collectors.joining(" "));
            case "count" -> count(s, String.valueOf(p[0]));
            case "find" -> s.indexOf(String.valueOf(p[0]));
            default -> throw new IllegalStateException(method.toString());
        };
        context.setPropertyResolved(true);
        return result;
    }

    private static String arg(Object[] params, int i) {
        return i < params.length && params[i] != null ? params[i].toString() : null;
    }

    /** Python's {@code str.split}: by a literal separator, or by runs of blanks when there is none. */
    static List<String> split(String s, String separator, int maxSplit, boolean fromRight) {
        List<String> parts;
        if (separator == null) {
            String t = s.strip();
            parts = t.isEmpty() ? new ArrayList<>() : new ArrayList<>(Arrays.asList(t.split("\\s+")));
            if (maxSplit >= 0 && parts.size() > maxSplit + 1) {
                return fromRight
                        ? join(parts, parts.size() - maxSplit, " ", true)
                        : join(parts, maxSplit, " ", false);
            }
            return parts;
        }
        if (separator.isEmpty()) {
            throw new IllegalArgumentException("empty separator");
        }
        parts = new ArrayList<>(Arrays.asList(s.split(Pattern.quote(separator), -1)));
        if (maxSplit >= 0 && parts.size() > maxSplit + 1) {
            return fromRight
                    ? join(parts, parts.size() - maxSplit, separator, true)
                    : join(parts, maxSplit, separator, false);
        }
        return parts;
    }

    /** Keeps {@code keep} parts apart and joins the rest (the head when from the right) with {@code separator}. */
    private static List<String> join(List<String> parts, int at, String separator, boolean fromRight) {
        List<String> result = new ArrayList<>();
        if (fromRight) {
            result.add(String.join(separator, parts.subList(0, at)));
            result.addAll(parts.subList(at, parts.size()));
        } else {
            result.addAll(parts.subList(0, at));
            result.add(String.join(separator, parts.subList(at, parts.size())));
        }
        return result;
    }

    private static String strip(String s, String chars, boolean left) {
        int start = 0;
        int end = s.length();
        if (left) {
            while (start < end && strips(s.charAt(start), chars)) {
                start++;
            }
        } else {
            while (end > start && strips(s.charAt(end - 1), chars)) {
                end--;
            }
        }
        return s.substring(start, end);
    }

    private static boolean strips(char c, String chars) {
        return chars == null ? Character.isWhitespace(c) : chars.indexOf(c) >= 0;
    }

    private static boolean anyOf(Object prefixes, java.util.function.Predicate<String> test) {
        if (prefixes instanceof Collection<?> c) {
            return c.stream().anyMatch(p -> test.test(String.valueOf(p)));
        }
        return test.test(String.valueOf(prefixes));
    }

    private static List<?> items(Object value) {
        if (value instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        if (value instanceof Object[] a) {
            return Arrays.asList(a);
        }
        return List.of(value);
    }

    private static int count(String s, String part) {
        if (part.isEmpty()) {
            return s.length() + 1;
        }
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
