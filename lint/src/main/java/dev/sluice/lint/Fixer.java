package dev.sluice.lint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies fixes to file contents: each edit replaces text on one line, so comments and layout
 * elsewhere stay as they were. A fix that overlaps one already taken is left out (the next run
 * finds it again).
 */
public final class Fixer {

    private Fixer() {
    }

    /** The new contents of one file and the fixes applied to it. */
    public record FileFix(String file, String text, List<Finding> applied) {

        public FileFix {
            applied = List.copyOf(applied);
        }
    }

    /** Applies the fixes of {@code findings}, given each file's current text. */
    public static List<FileFix> apply(List<Finding> findings, java.util.function.Function<String, String> source) {
        Map<String, List<Finding>> byFile = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (f.fix().isPresent()) {
                byFile.computeIfAbsent(f.fix().get().edits().get(0).file(), k -> new ArrayList<>()).add(f);
            }
        }
        List<FileFix> result = new ArrayList<>();
        for (Map.Entry<String, List<Finding>> e : byFile.entrySet()) {
            String text = source.apply(e.getKey());
            if (text == null) {
                continue;
            }
            List<StringBuilder> lines = new ArrayList<>();
            for (String l : text.split("\n", -1)) {
                lines.add(new StringBuilder(l));
            }
            List<Fix.Edit> taken = new ArrayList<>();
            List<Finding> applied = new ArrayList<>();
            for (Finding f : e.getValue()) {
                List<Fix.Edit> edits = f.fix().get().edits();
                if (edits.stream().allMatch(ed -> fits(ed, lines) && taken.stream().noneMatch(t -> overlaps(t, ed)))) {
                    taken.addAll(edits);
                    applied.add(f);
                }
            }
            taken.sort(Comparator.comparingInt(Fix.Edit::line).thenComparingInt(Fix.Edit::column).reversed());
            for (Fix.Edit ed : taken) {
                StringBuilder line = lines.get(ed.line() - 1);
                line.replace(ed.column() - 1, ed.column() - 1 + ed.length(), ed.replacement());
            }
            result.add(new FileFix(e.getKey(), String.join("\n", lines), applied));
        }
        return result;
    }

    private static boolean fits(Fix.Edit ed, List<StringBuilder> lines) {
        return ed.line() <= lines.size() && ed.column() - 1 + ed.length() <= lines.get(ed.line() - 1).length();
    }

    private static boolean overlaps(Fix.Edit a, Fix.Edit b) {
        return a.file().equals(b.file()) && a.line() == b.line()
                && a.column() < b.column() + Math.max(1, b.length())
                && b.column() < a.column() + Math.max(1, a.length());
    }
}
