package dev.sluice.lint.rules;

import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Section;
import dev.sluice.grammar.ast.Word;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.rules.RuleLines.RuleLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The stick tables of a configuration, what each stores, and the rules that track keys in them. */
final class StickTables {

    private static final Pattern TRACK = Pattern.compile("track-sc(\\d+)");

    private StickTables() {
    }

    /**
     * A stick table.
     *
     * @param name its name: the proxy's, or {@code PEERS/NAME} for a table of a peers section
     * @param section the section that declares it
     * @param line the {@code stick-table} or {@code table} line
     * @param stored the data types it stores, each with its number of elements (1 but for the
     *     arrays {@code gpc}, {@code gpc_rate} and {@code gpt})
     */
    record Table(String name, Section section, Directive line, Map<String, Integer> stored) {

        /** {@code stick table 'name'}, for messages. */
        String describe() {
            return "stick table '" + name + "'";
        }
    }

    /**
     * A {@code track-scN} rule.
     *
     * @param counter N
     * @param table the {@code table} argument, or empty for the section's own table
     * @param section where the rule is
     * @param line the rule
     */
    record Track(int counter, Optional<String> table, Section section, Directive line) {

        /** The name of the table it tracks into. */
        String tableName() {
            return table.orElse(section.name().orElse(""));
        }
    }

    /** Every table by every name it can be referred to by (a peers table also by its own name alone). */
    static Map<String, Table> declared(LintContext context) {
        Map<String, Table> tables = new LinkedHashMap<>();
        for (Section s : (Iterable<Section>) context.config().sections()::iterator) {
            if (RuleLines.PROXY_SECTIONS.contains(s.type()) && s.name().isPresent()) {
                for (Directive d : s.directives()) {
                    if (d.keyword().equals("stick-table")) {
                        tables.putIfAbsent(s.name().get(), new Table(s.name().get(), s, d, stored(d, 1)));
                        break;
                    }
                }
            } else if (s.type().equals("peers") && s.name().isPresent()) {
                for (Directive d : s.directives()) {
                    if (d.keyword().equals("table") && d.words().size() > 1) {
                        Table t = new Table(s.name().get() + "/" + d.arg(1), s, d, stored(d, 2));
                        tables.putIfAbsent(t.name(), t);
                        tables.putIfAbsent(d.arg(1), t);
                    }
                }
            }
        }
        return tables;
    }

    /** The {@code store} lists of a table line, from word {@code from}. */
    static Map<String, Integer> stored(Directive d, int from) {
        Map<String, Integer> stored = new LinkedHashMap<>();
        for (int i = from; i + 1 < d.words().size(); i++) {
            if (!d.arg(i).equals("store")) {
                continue;
            }
            for (String item : splitTopLevel(d.arg(i + 1))) {
                int paren = item.indexOf('(');
                String name = paren < 0 ? item : item.substring(0, paren);
                int elements = 1;
                if (paren > 0 && (name.equals("gpc") || name.equals("gpc_rate") || name.equals("gpt"))) {
                    String first = item.substring(paren + 1).split("[,)]")[0].strip();
                    try {
                        elements = Integer.parseInt(first);
                    } catch (NumberFormatException e) {
                        elements = 1;
                    }
                }
                stored.merge(name.strip(), elements, Math::max);
            }
        }
        return stored;
    }

    /** Splits at the commas that are not between parentheses. */
    static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(s.substring(start, i).strip());
                start = i + 1;
            }
        }
        parts.add(s.substring(start).strip());
        parts.removeIf(String::isEmpty);
        return parts;
    }

    /** The {@code track-scN} rules of a section. */
    static List<Track> tracks(Section s) {
        List<Track> tracks = new ArrayList<>();
        for (RuleLine r : RuleLines.rules(s)) {
            Matcher m = TRACK.matcher(r.action());
            if (!m.matches()) {
                continue;
            }
            Optional<String> table = Optional.empty();
            List<Word> args = r.arguments();
            for (int i = 0; i + 1 < args.size(); i++) {
                if (args.get(i).value().equals("table")) {
                    table = Optional.of(args.get(i + 1).value());
                }
            }
            tracks.add(new Track(Integer.parseInt(m.group(1)), table, s, r.directive()));
        }
        return tracks;
    }
}
