package dev.sluice.cli.render;

import com.hubspot.jinjava.interpret.TemplateError;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The state of one rendering: the template files read (each with its number for the line
 * markers), the errors met, and the undefined values each expression being evaluated ran into.
 *
 * <p>Strictness is decided per expression, as an Ansible user expects it: an expression that
 * looked up an undefined variable or a missing key is an error, unless it guards against that with
 * {@code default} (or {@code d}), or a {@code defined}, {@code undefined} or {@code none} test.
 */
final class RenderSession {

    private static final Pattern GUARD = Pattern.compile(
            "\\|\\s*(default|d|mandatory)\\b|\\bis\\s+(not\\s+)?(defined|undefined|none)\\b|(['\"])(defined|undefined|none)\\4");
    private static final Pattern FILTER = Pattern.compile("(?<![|])\\|(?![|])\\s*([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern STRING = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"", Pattern.DOTALL);
    private static final int MAX_KEYS_SHOWN = 12;
    private static final Pattern EXCEPTION_PREFIX = Pattern.compile("^(?:[A-Za-z]+(?:Exception|Error): )+");

    /** What an expression ran into. */
    private sealed interface Miss permits UndefinedVariable, MissingKey, MissingItem {}

    private record UndefinedVariable(String name) implements Miss {}

    private record MissingKey(String key, List<String> keys) implements Miss {}

    private record MissingItem(String index, int size) implements Miss {}

    /** One expression being evaluated. */
    private static final class Frame {
        final String expression;
        final List<Miss> misses = new ArrayList<>();

        Frame(String expression) {
            this.expression = expression;
        }
    }

    private final boolean strict;
    private final List<String> files = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();
    private final Map<Integer, Integer> lineOffsets = new HashMap<>();
    private final Set<RenderError> errors = new LinkedHashSet<>();
    private final Deque<Frame> frames = new ArrayDeque<>();
    private final Set<Throwable> reported = Collections.newSetFromMap(new IdentityHashMap<>());
    private Set<String> filters = Set.of();

    RenderSession(boolean strict) {
        this.strict = strict;
    }

    void knownFilters(Set<String> names) {
        this.filters = Set.copyOf(names);
    }

    // ---- files

    /**
     * The number of the file a template resource name stands for, {@code display} being how to
     * name it to the user; {@code lineOffset} lines were taken off its start before Jinjava saw it.
     */
    int file(String resource, String display, int lineOffset) {
        return ids.computeIfAbsent(resource, r -> {
            files.add(display);
            lineOffsets.put(files.size() - 1, lineOffset);
            return files.size() - 1;
        });
    }

    List<String> files() {
        return List.copyOf(files);
    }

    /** The file being rendered: the resource on top of Jinjava's path stack, else the main template. */
    private int fileOf(Optional<String> resource) {
        return resource.map(ids::get).orElse(0);
    }

    private RenderError error(Optional<String> resource, int jinjavaLine, String message, boolean warning) {
        int id = fileOf(resource);
        int line = jinjavaLine > 0 ? jinjavaLine + lineOffsets.getOrDefault(id, 0) : 0;
        return new RenderError(files.isEmpty() ? "-" : files.get(id), line, message, warning);
    }

    // ---- errors

    /** The errors, by file (in the order they were read) and line. */
    List<RenderError> errors() {
        List<RenderError> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparingInt((RenderError e) -> Math.max(0, files.indexOf(e.file())))
                .thenComparingInt(RenderError::line));
        return sorted;
    }

    void add(RenderError error) {
        errors.add(error);
    }

    /** An error Jinjava recorded while {@code resource} was being rendered. */
    void jinjavaError(TemplateError e, Optional<String> resource) {
        if (e.getException() != null && reported.contains(e.getException())) {
            return;
        }
        boolean warning = e.getSeverity() == TemplateError.ErrorType.WARNING && !strict;
        errors.add(error(resource, e.getLineno(), clean(e.getMessage()), warning));
    }

    /** An exception that stops the rendering, met while {@code resource} was being rendered. */
    void exception(RuntimeException e, Optional<String> resource, int line) {
        if (reported.add(e)) {
            errors.add(error(resource, line, clean(e.getMessage()), false));
        }
    }

    /**
     * Checks what can be checked before rendering: a tag left open, and the filter names used in
     * the file's tags (an unknown one is an error, as in Jinja2, even in a branch not taken).
     */
    void check(int file, MarkedTemplate template) {
        template.unclosed().ifPresent(c -> errors.add(new RenderError(files.get(file), c.line(), c.text(), false)));
        for (MarkedTemplate.Code c : template.code()) {
            String text = blankStrings(c.text());
            Matcher m = FILTER.matcher(text);
            while (m.find()) {
                if (!filters.contains(m.group(1))) {
                    int line = c.line() + (int) text.substring(0, m.start()).chars().filter(ch -> ch == '\n').count();
                    errors.add(new RenderError(files.get(file), line, "no filter named '" + m.group(1) + "'", false));
                }
            }
        }
    }

    private static String blankStrings(String code) {
        Matcher m = STRING.matcher(code);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(m.group().replaceAll("[^\n]", " ")));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static String clean(String message) {
        if (message == null || message.isBlank()) {
            return "error while rendering";
        }
        String m = EXCEPTION_PREFIX.matcher(message.strip()).replaceFirst("");
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    // ---- undefined values

    void enter(String expression) {
        frames.push(new Frame(expression));
    }

    void undefinedVariable(String name) {
        Frame f = frames.peek();
        if (f != null) {
            f.misses.add(new UndefinedVariable(name));
        }
    }

    void missingKey(String key, List<String> keys) {
        Frame f = frames.peek();
        if (f != null) {
            f.misses.add(new MissingKey(key, keys));
        }
    }

    /**
     * A method call on a map ({@code d.items()}) first looks its name up as a key: not a miss.
     * (Matched by name: Jinjava may unwrap the map between the two.)
     */
    void methodCalled(String name) {
        Frame f = frames.peek();
        if (f != null) {
            f.misses.removeIf(m -> m instanceof MissingKey k && k.key().equals(name));
        }
    }

    void missingItem(String index, int size) {
        Frame f = frames.peek();
        if (f != null) {
            f.misses.add(new MissingItem(index, size));
        }
    }

    /** Ends the innermost expression, at {@code line} of {@code resource}; in strict mode, reports what it missed. */
    void exit(Optional<String> resource, int line) {
        Frame f = frames.pop();
        if (!strict || f.misses.isEmpty() || GUARD.matcher(f.expression).find()) {
            return;
        }
        String expression = f.expression.strip();
        if (expression.startsWith("[ ") && expression.endsWith(" ]")) {
            // how Jinjava hands over the value of {% set name = value %}
            expression = expression.substring(2, expression.length() - 2).strip();
        }
        String message;
        if (f.misses.get(0) instanceof UndefinedVariable u) {
            message = "'" + u.name() + "' is undefined" + (expression.equals(u.name()) ? "" : " in '" + expression + "'");
        } else if (f.misses.get(0) instanceof MissingItem i) {
            message = "no item " + i.index() + " in '" + expression + "' (the list has " + i.size()
                    + (i.size() == 1 ? " item)" : " items)");
        } else {
            MissingKey k = (MissingKey) f.misses.get(0);
            String has = k.keys().isEmpty() ? "the map is empty"
                    : k.keys().size() > MAX_KEYS_SHOWN ? "the map has " + k.keys().size() + " keys"
                    : "the map has " + String.join(", ", k.keys());
            message = "no key '" + k.key() + "' in '" + expression + "' (" + has + ")";
        }
        errors.add(error(resource, line, message, false));
    }
}
