package dev.sluice.lint;

import dev.sluice.compiler.plan.Backend;
import dev.sluice.compiler.plan.Frontend;
import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Section;
import dev.sluice.grammar.ast.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code frontend}, {@code backend} or {@code listen} section as a rule sees it: its lines, with
 * their positions, the {@code defaults} sections it inherits from, and, when the configuration
 * compiles, its compiled form with every default applied.
 *
 * @param section the section as written
 * @param name the proxy's name
 * @param defaults the defaults sections it inherits from, nearest first (empty when none)
 * @param frontend the compiled frontend side ({@code frontend} and {@code listen}), when compiled
 * @param backend the compiled backend side ({@code backend} and {@code listen}), when compiled
 */
public record ProxyView(Section section, String name, List<Section> defaults, Optional<Frontend> frontend,
        Optional<Backend> backend) {

    public ProxyView {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(name, "name");
        defaults = List.copyOf(defaults);
        Objects.requireNonNull(frontend, "frontend");
        Objects.requireNonNull(backend, "backend");
    }

    /** {@code frontend}, {@code backend} or {@code listen}. */
    public String type() {
        return section.type();
    }

    /** True for {@code frontend} and {@code listen}: it accepts connections. */
    public boolean isFrontend() {
        return !type().equals("backend");
    }

    /** True for {@code backend} and {@code listen}: it has servers. */
    public boolean isBackend() {
        return !type().equals("frontend");
    }

    /** Where the section header is. */
    public SourceSpan span() {
        return section.span();
    }

    /** {@code http} or {@code tcp}: the compiled mode, or the nearest {@code mode} line, or tcp. */
    public String mode() {
        if (frontend.isPresent()) {
            return frontend.get().mode();
        }
        if (backend.isPresent()) {
            return backend.get().mode();
        }
        return effective("mode").map(d -> d.arg(1)).orElse("tcp");
    }

    public boolean isHttp() {
        return mode().equals("http");
    }

    /** The section's own lines that start with {@code words}, in order. */
    public List<Directive> own(String... words) {
        return matching(section, words);
    }

    /** The first own line that starts with {@code words}. */
    public Optional<Directive> first(String... words) {
        List<Directive> found = own(words);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /**
     * The last line that starts with {@code words} in the section, or else in the nearest
     * {@code defaults} section that has one: the line whose value applies to a single-valued
     * setting.
     */
    public Optional<Directive> effective(String... words) {
        List<Directive> found = own(words);
        if (!found.isEmpty()) {
            return Optional.of(found.get(found.size() - 1));
        }
        for (Section d : defaults) {
            List<Directive> inherited = matching(d, words);
            if (!inherited.isEmpty()) {
                return Optional.of(inherited.get(inherited.size() - 1));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code option NAME} is on for this proxy, following {@code no option NAME} and the
     * defaults sections, the last line deciding, as HAProxy does.
     */
    public boolean option(String name) {
        Optional<Boolean> own = lastOption(section, name);
        if (own.isPresent()) {
            return own.get();
        }
        for (Section d : defaults) {
            Optional<Boolean> inherited = lastOption(d, name);
            if (inherited.isPresent()) {
                return inherited.get();
            }
        }
        return false;
    }

    private static Optional<Boolean> lastOption(Section s, String name) {
        Optional<Boolean> result = Optional.empty();
        for (Directive d : s.directives()) {
            if (d.keyword().equals("option") && d.arg(1).equals(name)) {
                result = Optional.of(true);
            } else if (d.keyword().equals("no") && d.arg(1).equals("option") && d.arg(2).equals(name)) {
                result = Optional.of(false);
            }
        }
        return result;
    }

    /** The {@code server NAME ...} line of this section. */
    public Optional<Directive> serverLine(String name) {
        return own("server").stream().filter(d -> d.arg(1).equals(name)).findFirst();
    }

    /** The lines of {@code s} that start with {@code words}. */
    public static List<Directive> matching(Section s, String... words) {
        List<Directive> found = new ArrayList<>();
        for (Directive d : s.directives()) {
            if (startsWith(d, words)) {
                found.add(d);
            }
        }
        return found;
    }

    /** True when the line's first words are {@code words}. */
    public static boolean startsWith(Directive d, String... words) {
        if (d.words().size() < words.length) {
            return false;
        }
        for (int i = 0; i < words.length; i++) {
            if (!d.words().get(i).value().equals(words[i])) {
                return false;
            }
        }
        return true;
    }
}
