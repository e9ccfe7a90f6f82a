package dev.sluice.lint.rules;

import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Section;
import dev.sluice.grammar.ast.Word;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.ProxyView;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import dev.sluice.lint.rules.RuleLines.RuleLine;
import dev.sluice.lint.rules.StickTables.Table;
import dev.sluice.lint.rules.StickTables.Track;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stick-counter fetch or action ({@code sc0_http_req_rate}, {@code sc_conn_cur(1)},
 * {@code src_gpc0}, {@code table_http_err_rate(t)}, {@code sc-inc-gpc0(0)}, ...) whose data type
 * the table it reads is not set to store: the fetch never yields a value and the action does
 * nothing. The table is the fetch's {@code table} argument, else the tables the {@code track-scN}
 * rules of the section (or, when it has none, of the whole configuration) track counter N into,
 * else, for {@code src_*}, the section's own table. A counter that no rule tracks is reported too.
 */
public final class StickCounterNotStored implements Rule {

    private static final RuleMeta META = new RuleMeta("stick-counter-not-stored", Severity.ERROR,
            Family.CORRECTNESS, "A stick counter fetch or action reads a data type its table does not store");

    private static final Pattern FETCH = Pattern.compile(
            "(?<![\\w.-])(sc(\\d+)_|sc_|src_|table_)([a-z0-9_]+)(?:\\(([^)]*)\\))?");
    private static final Pattern ACTION = Pattern.compile(
            "sc-(inc-gpc0|inc-gpc1|set-gpt0|inc-gpc|add-gpc|set-gpt)\\(([^)]*)\\)");

    /**
     * Fetch name suffixes and the data type each reads; {@code []} marks the array types, indexed;
     * {@code a|b} means either will do (an increment updates the counter, its rate, or both).
     */
    private static final Map<String, String> DATA = data();

    private static Map<String, String> data() {
        Map<String, String> m = new HashMap<>();
        for (String t : List.of("conn_cnt", "conn_cur", "conn_rate", "sess_cnt", "sess_rate", "http_req_cnt",
                "http_req_rate", "http_err_cnt", "http_err_rate", "http_fail_cnt", "http_fail_rate", "bytes_in_rate",
                "bytes_out_rate", "bytes_in_cnt", "bytes_out_cnt", "glitch_cnt", "glitch_rate", "gpc0", "gpc1",
                "gpc0_rate", "gpc1_rate", "gpt0")) {
            m.put(t, t);
        }
        m.put("kbytes_in", "bytes_in_cnt");
        m.put("kbytes_out", "bytes_out_cnt");
        m.put("updt_conn_cnt", "conn_cnt");
        for (String n : List.of("0", "1")) {
            m.put("get_gpc" + n, "gpc" + n);
            m.put("inc_gpc" + n, "gpc" + n + "|gpc" + n + "_rate");
            m.put("clr_gpc" + n, "gpc" + n);
        }
        m.put("get_gpt0", "gpt0");
        m.put("get_gpc", "gpc[]");
        m.put("inc_gpc", "gpc[]|gpc_rate[]");
        m.put("clr_gpc", "gpc[]");
        m.put("gpc", "gpc[]");
        m.put("gpc_rate", "gpc_rate[]");
        m.put("get_gpt", "gpt[]");
        m.put("gpt", "gpt[]");
        return Map.copyOf(m);
    }

    /** One read or update of a stick counter's data. */
    private record Access(Word word, String what, Optional<Integer> counter, Optional<String> table, String type,
            int index) {
    }

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        Map<String, Table> tables = StickTables.declared(context);
        Map<Section, List<Section>> defaultsOf = new HashMap<>();
        for (ProxyView p : context.model().proxies()) {
            defaultsOf.put(p.section(), p.defaults());
        }
        List<Track> everywhere = new ArrayList<>();
        for (Section s : (Iterable<Section>) context.config().sections()::iterator) {
            if (RuleLines.PROXY_SECTIONS.contains(s.type())) {
                everywhere.addAll(StickTables.tracks(s));
            }
        }
        for (Section s : (Iterable<Section>) context.config().sections()::iterator) {
            if (!RuleLines.PROXY_SECTIONS.contains(s.type())) {
                continue;
            }
            List<Track> local = new ArrayList<>(StickTables.tracks(s));
            for (Section d : defaultsOf.getOrDefault(s, List.of())) {
                local.addAll(StickTables.tracks(d));
            }
            for (Access a : accesses(s, context)) {
                check(a, s, local, everywhere, tables, findings);
            }
        }
    }

    private static void check(Access a, Section s, List<Track> local, List<Track> everywhere,
            Map<String, Table> tables, Findings findings) {
        Set<String> names = new LinkedHashSet<>();
        if (a.table().isPresent()) {
            names.add(a.table().get());
        } else if (a.counter().isPresent()) {
            int n = a.counter().get();
            local.stream().filter(t -> t.counter() == n).forEach(t -> names.add(t.tableName()));
            if (names.isEmpty()) {
                everywhere.stream().filter(t -> t.counter() == n).forEach(t -> names.add(t.tableName()));
            }
            if (names.isEmpty()) {
                boolean action = a.what().startsWith("sc-");
                findings.report(a.word(), "'" + a.what() + "' " + (action ? "updates" : "reads") + " stick counter " + n
                        + ", which no track-sc" + n + " rule tracks, so it never "
                        + (action ? "counts anything" : "yields a value"));
                return;
            }
        } else {
            s.name().ifPresent(names::add);
        }
        List<Table> read = new ArrayList<>();
        for (String name : names) {
            Table t = tables.get(name);
            if (t == null) {
                return; // an unknown table: the checker reports it
            }
            if (stores(t, a.type(), a.index())) {
                return;
            }
            read.add(t);
        }
        if (read.isEmpty()) {
            return;
        }
        String type = a.type().replace("[]", "[" + a.index() + "]").replace("|", " (or ")
                + (a.type().contains("|") ? ")" : "");
        String which = read.size() == 1
                ? read.get(0).describe() + " (line " + read.get(0).line().span().line() + ") does not store"
                : "none of the stick tables " + String.join(", ", read.stream().map(t -> "'" + t.name() + "'").toList())
                        + " stores";
        findings.report(a.word(), "'" + a.what() + "' uses " + type + ", which " + which + ", so it never "
                + (a.what().startsWith("sc-") ? "counts anything" : "yields a value"));
    }

    /**
     * True when the table keeps the data type, or one of the alternatives of {@code a|b}. HAProxy
     * falls back from the legacy gpc0, gpc1, gpc0_rate, gpc1_rate and gpt0 to the first elements of
     * the gpc, gpc_rate and gpt arrays, not the other way round.
     */
    static boolean stores(Table t, String type, int index) {
        for (String one : type.split("\\|")) {
            if (storesOne(t.stored(), one, index)) {
                return true;
            }
        }
        return false;
    }

    private static boolean storesOne(Map<String, Integer> s, String type, int index) {
        if (type.endsWith("[]")) {
            return s.getOrDefault(type.substring(0, type.length() - 2), 0) > index;
        }
        if (s.containsKey(type)) {
            return true;
        }
        return switch (type) {
            case "gpc0" -> s.getOrDefault("gpc", 0) >= 1;
            case "gpc1" -> s.getOrDefault("gpc", 0) >= 2;
            case "gpc0_rate" -> s.getOrDefault("gpc_rate", 0) >= 1;
            case "gpc1_rate" -> s.getOrDefault("gpc_rate", 0) >= 2;
            case "gpt0" -> s.getOrDefault("gpt", 0) >= 1;
            default -> false;
        };
    }

    private static List<Access> accesses(Section s, LintContext context) {
        List<Access> found = new ArrayList<>();
        for (Directive d : s.directives()) {
            if (d.keyword().equals("stick-table")) {
                continue;
            }
            Optional<RuleLine> rule = RuleLines.rule(d);
            for (int i = 1; i < d.words().size(); i++) {
                if (i == 1 && d.keyword().equals("acl")) {
                    continue; // the ACL's name
                }
                Word w = d.words().get(i);
                if (rule.isPresent() && i == rule.get().actionIndex()) {
                    action(w).ifPresent(found::add);
                }
                Matcher m = FETCH.matcher(w.value());
                while (m.find()) {
                    fetch(w, m, context).ifPresent(found::add);
                }
            }
        }
        return found;
    }

    private static Optional<Access> fetch(Word w, Matcher m, LintContext context) {
        String prefix = m.group(1);
        String suffix = m.group(3);
        String name = prefix + suffix;
        String type = DATA.get(suffix);
        boolean known = prefix.equals("table_") ? context.catalog().converter(name).isPresent()
                : context.catalog().fetch(name).isPresent();
        if (type == null || !known) {
            return Optional.empty();
        }
        List<String> args = m.group(4) == null ? List.of() : List.of(m.group(4).split(",", -1)).stream()
                .map(String::strip).toList();
        boolean indexed = type.endsWith("[]");
        int index = indexed ? integer(args, 0).orElse(0) : 0;
        int next = indexed ? 1 : 0;
        String what = m.group(0);
        return switch (prefix) {
            case "sc_" -> integer(args, next).map(ctr -> new Access(w, what, Optional.of(ctr),
                    text(args, next + 1), type, index));
            case "src_" -> Optional.of(new Access(w, what, Optional.empty(), text(args, next), type, index));
            case "table_" -> text(args, next).map(t -> new Access(w, what, Optional.empty(), Optional.of(t), type,
                    index));
            default -> Optional.of(new Access(w, what, Optional.of(Integer.parseInt(m.group(2))), text(args, 0), type,
                    index));
        };
    }

    private static Optional<Access> action(Word w) {
        Matcher m = ACTION.matcher(w.value());
        if (!m.matches()) {
            return Optional.empty();
        }
        List<String> args = List.of(m.group(2).split(",", -1)).stream().map(String::strip).toList();
        String kind = m.group(1);
        return switch (kind) {
            case "inc-gpc0", "inc-gpc1" -> integer(args, 0).map(ctr -> new Access(w, w.value(), Optional.of(ctr),
                    Optional.empty(), kind.substring(4) + "|" + kind.substring(4) + "_rate", 0));
            case "set-gpt0" -> integer(args, 0).map(ctr -> new Access(w, w.value(), Optional.of(ctr),
                    Optional.empty(), "gpt0", 0));
            default -> integer(args, 1).map(ctr -> new Access(w, w.value(), Optional.of(ctr), Optional.empty(),
                    kind.equals("set-gpt") ? "gpt[]" : "gpc[]|gpc_rate[]", integer(args, 0).orElse(0)));
        };
    }

    private static Optional<Integer> integer(List<String> args, int i) {
        if (i >= args.size()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(args.get(i)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(List<String> args, int i) {
        return i < args.size() && !args.get(i).isEmpty() ? Optional.of(args.get(i)) : Optional.empty();
    }
}
