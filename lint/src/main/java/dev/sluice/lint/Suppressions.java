package dev.sluice.lint;

import dev.sluice.grammar.ast.SourceSpan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The suppression comments of one file.
 *
 * <ul>
 *   <li>{@code # sluice-lint: disable=RULE[,RULE...]} at the end of a line silences those rules
 *       on that line; on a line of its own, on the next line that is not blank or a comment.
 *   <li>{@code # sluice-lint: disable-section=RULE[,RULE...]} silences them in the whole section:
 *       the one whose header follows the comment, when the comment stands just above a section
 *       header, otherwise the one the comment is in.
 * </ul>
 * {@code all} stands for every rule.
 */
final class Suppressions {

    private static final Pattern COMMENT = Pattern.compile(
            "sluice-lint:\\s*(disable|disable-section)\\s*=\\s*([A-Za-z0-9_,\\s-]*)");

    /** One suppression: the rules it names and the lines it covers, [from, to]. */
    record Entry(int commentLine, int column, List<String> rules, int from, int to) {

        boolean covers(Finding f) {
            int line = f.span().line();
            return line >= from && line <= to && (rules.contains("all") || rules.contains(f.rule()));
        }
    }

    private final String file;
    private final List<Entry> entries;

    private Suppressions(String file, List<Entry> entries) {
        this.file = file;
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads the suppression comments of {@code text}, the contents of {@code file}, whose sections
     * start on the (1-based, ascending) {@code sectionLines}.
     */
    static Suppressions scan(String file, String text, List<Integer> sectionLines) {
        String[] lines = text.split("\n", -1);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            int hash = commentStart(lines[i]);
            if (hash < 0) {
                continue;
            }
            Matcher m = COMMENT.matcher(lines[i].substring(hash + 1).trim());
            if (!m.lookingAt()) {
                continue;
            }
            int line = i + 1;
            List<String> rules = Arrays.stream(m.group(2).split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
            boolean alone = lines[i].substring(0, hash).isBlank();
            int target = alone ? nextContentLine(lines, i + 1) : line;
            if (m.group(1).equals("disable")) {
                entries.add(new Entry(line, hash + 1, rules, target, target));
            } else {
                boolean aboveHeader = alone && sectionLines.contains(target);
                int start = aboveHeader ? target : sectionStart(sectionLines, line);
                int end = sectionEnd(sectionLines, start, lines.length);
                entries.add(new Entry(line, hash + 1, rules, start, end));
            }
        }
        return new Suppressions(file, entries);
    }

    /** True when a comment silences {@code f}. */
    boolean suppresses(Finding f) {
        if (!f.span().file().equals(file)) {
            return false;
        }
        for (Entry e : entries) {
            if (e.covers(f)) {
                return true;
            }
        }
        return false;
    }

    /** One finding per rule id that names no rule in {@code known}. */
    List<Finding> unknownRules(Set<String> known) {
        List<Finding> found = new ArrayList<>();
        for (Entry e : entries) {
            for (String id : e.rules()) {
                if (!id.equals("all") && !known.contains(id)) {
                    found.add(new Finding(MetaRules.UNKNOWN_RULE.id(), MetaRules.UNKNOWN_RULE.severity(),
                            new SourceSpan(file, e.commentLine(), e.column()),
                            "unknown rule '" + id + "' in a sluice-lint comment" + MetaRules.didYouMean(id, known),
                            Optional.empty()));
                }
            }
        }
        return found;
    }

    /** Index of the {@code #} that starts a comment, outside quotes and not escaped; -1 if none. */
    static int commentStart(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && quote != '\'') {
                i++;
            } else if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#') {
                return i;
            }
        }
        return -1;
    }

    private static int nextContentLine(String[] lines, int from) {
        for (int i = from; i < lines.length; i++) {
            String t = lines[i].trim();
            if (!t.isEmpty() && !t.startsWith("#")) {
                return i + 1;
            }
        }
        return lines.length + 1;
    }

    private static int sectionStart(List<Integer> sectionLines, int line) {
        int start = 1;
        for (int s : sectionLines) {
            if (s <= line) {
                start = s;
            }
        }
        return start;
    }

    private static int sectionEnd(List<Integer> sectionLines, int start, int lastLine) {
        for (int s : sectionLines) {
            if (s > start) {
                return s - 1;
            }
        }
        return lastLine;
    }
}
