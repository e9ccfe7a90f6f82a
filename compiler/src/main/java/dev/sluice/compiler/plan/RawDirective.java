package dev.sluice.compiler.plan;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A directive kept word for word: one the plan does not model, so that the runtime can say what it
 * does not enforce, or a line of a section the plan does not model.
 *
 * @param keyword the first word
 * @param args the words after it, decoded
 */
public record RawDirective(String keyword, List<String> args) implements Comparable<RawDirective> {

    private static final Comparator<RawDirective> ORDER = Comparator.comparing(RawDirective::keyword)
            .thenComparing(RawDirective::args, RawDirective::compareLists);

    public RawDirective {
        Objects.requireNonNull(keyword, "keyword");
        args = List.copyOf(args);
    }

    @Override
    public int compareTo(RawDirective o) {
        return ORDER.compare(this, o);
    }

    private static int compareLists(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    @Override
    public String toString() {
        return args.isEmpty() ? keyword : keyword + " " + String.join(" ", args);
    }
}
