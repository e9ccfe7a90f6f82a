package dev.sluice.compiler.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.compiler.plan.Acl;
import dev.sluice.compiler.plan.AclMatch;
import dev.sluice.compiler.plan.AddressHeader;
import dev.sluice.compiler.plan.Backend;
import dev.sluice.compiler.plan.BackendSwitch;
import dev.sluice.compiler.plan.Balance;
import dev.sluice.compiler.plan.Capture;
import dev.sluice.compiler.plan.Condition;
import dev.sluice.compiler.plan.ErrorPage;
import dev.sluice.compiler.plan.Format;
import dev.sluice.compiler.plan.Frontend;
import dev.sluice.compiler.plan.HealthCheck;
import dev.sluice.compiler.plan.Listener;
import dev.sluice.compiler.plan.LogTarget;
import dev.sluice.compiler.plan.Peers;
import dev.sluice.compiler.plan.PlanJson;
import dev.sluice.compiler.plan.ProxyOption;
import dev.sluice.compiler.plan.RawDirective;
import dev.sluice.compiler.plan.Redirect;
import dev.sluice.compiler.plan.Resolvers;
import dev.sluice.compiler.plan.Rule;
import dev.sluice.compiler.plan.SampleCall;
import dev.sluice.compiler.plan.Server;
import dev.sluice.compiler.plan.StatsPage;
import dev.sluice.compiler.plan.StickRule;
import dev.sluice.compiler.plan.StickTable;
import dev.sluice.compiler.plan.Term;
import dev.sluice.compiler.plan.UseServer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Plan values on one line, for the text view of a diff: rules and conditions as HAProxy writes
 * them, addresses as {@code host:port}, words quoted where HAProxy would need quotes, and any
 * other record as compact JSON.
 */
final class Values {

    private Values() {}

    /** The value; {@code (none)} for null. */
    static String text(Object v) {
        return text(v, false);
    }

    /**
     * The value; with {@code acls}, each named ACL of a condition is followed by its definition in
     * parentheses (for two rules that read the same but whose ACLs differ).
     */
    static String text(Object v, boolean acls) {
        if (v == null) {
            return "(none)";
        }
        if (v instanceof String s) {
            return word(s);
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof Balance.Algorithm a) {
            return a.id();
        }
        if (v instanceof dev.sluice.compiler.plan.MatchMethod m) {
            return m.id();
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(o -> text(o, acls)).collect(Collectors.joining(", ", "[", "]"));
        }
        if (v instanceof Rule r) {
            return words(r.action(), r.args()) + condition(r.condition(), acls);
        }
        if (v instanceof Condition c) {
            return condition(c, acls).strip();
        }
        if (v instanceof Acl a) {
            return a.matches().stream().map(Values::match).collect(Collectors.joining(" || "));
        }
        if (v instanceof AclMatch m) {
            return match(m);
        }
        if (v instanceof SampleCall || v instanceof dev.sluice.compiler.plan.Address) {
            return v.toString();
        }
        if (v instanceof Format f) {
            return word(f.text());
        }
        if (v instanceof Balance b) {
            return words(b.algorithm().id(), b.args());
        }
        if (v instanceof ProxyOption o) {
            return o.enabled() ? words("enabled", o.args()) : "disabled";
        }
        if (v instanceof RawDirective d) {
            return words(d.keyword(), d.args());
        }
        if (v instanceof HealthCheck.CheckRule r) {
            return words(r.kind() + " " + r.action(), r.args());
        }
        if (v instanceof ErrorPage e) {
            return words(e.kind(), e.args());
        }
        if (v instanceof LogTarget l) {
            return log(l);
        }
        if (v instanceof BackendSwitch s) {
            return (s.backend() != null ? word(s.backend()) : word(s.dynamic().text())) + condition(s.condition(), acls);
        }
        if (v instanceof UseServer u) {
            return word(u.server()) + condition(u.condition(), acls);
        }
        if (v instanceof StickRule s) {
            return s.kind() + " " + s.pattern() + (s.table() != null ? " table " + word(s.table()) : "")
                    + condition(s.condition(), acls);
        }
        if (v instanceof Redirect r) {
            return words(r.type() + " " + word(r.target()) + " code " + r.code(), r.options())
                    + condition(r.condition(), acls);
        }
        if (v instanceof Capture c) {
            return c.kind() + " " + word(c.name()) + " len " + c.length();
        }
        if (v instanceof AddressHeader h) {
            return "header " + word(h.header()) + (h.except() != null ? " except " + h.except() : "")
                    + (h.ifNone() ? " if-none" : "");
        }
        if (v instanceof StatsPage.User u) {
            return word(u.name() + ":" + u.password());
        }
        if (v instanceof StickTable.StoredData d) {
            return d.name() + (d.periodMs() != null ? "(" + d.periodMs() + "ms)" : "")
                    + (d.elements() != null ? "(" + d.elements() + ")" : "");
        }
        return compact(v);
    }

    /**
     * What follows an added or removed thing's path: the address of a server, a peer or a
     * nameserver, a proxy's listeners or server count, a stick table's type and size, nothing
     * for other objects (their identity is the path), or the whole value.
     */
    static String summary(Object v) {
        if (v instanceof Server s) {
            return s.address().toString();
        }
        if (v instanceof Frontend f) {
            return f.listeners().isEmpty() ? "" : f.listeners().stream().map(l -> l.address().toString())
                    .collect(Collectors.joining(" ", "listens on ", ""));
        }
        if (v instanceof Backend b) {
            return b.servers().size() + (b.servers().size() == 1 ? " server" : " servers");
        }
        if (v instanceof Peers.Peer p) {
            return p.address() != null ? p.address().toString() : "";
        }
        if (v instanceof Resolvers.Nameserver n) {
            return n.address().toString();
        }
        if (v instanceof StickTable t) {
            return "type " + t.type() + " size " + t.size();
        }
        if (v instanceof RawDirective || v instanceof Listener || PlanDiff.OBJECTS.contains(v.getClass())) {
            return "";
        }
        return text(v);
    }

    /** Any value as one line of JSON, as the plan writes it. */
    static String compact(Object v) {
        JsonNode tree = PlanJson.tree(v);
        return tree.toString();
    }

    private static String log(LogTarget l) {
        List<String> w = new ArrayList<>();
        w.add(word(l.target()));
        if (l.length() != null) {
            w.add("len " + l.length());
        }
        if (l.format() != null) {
            w.add("format " + l.format());
        }
        if (l.sample() != null) {
            w.add("sample " + l.sample());
        }
        w.add(l.facility());
        if (l.level() != null) {
            w.add(l.level());
        }
        if (l.minLevel() != null) {
            w.add(l.minLevel());
        }
        return String.join(" ", w);
    }

    /** {@code  if a !b || { req.ssl_sni -m end .example.com }}, or "" for no condition. */
    private static String condition(Condition c, boolean acls) {
        if (c == null) {
            return "";
        }
        Term.Visitor<String> terms = new Term.Visitor<>() {
            @Override
            public String visitAclRef(Term.AclRef ref) {
                String name = (ref.negated() ? "!" : "") + ref.name();
                if (acls && !ref.predefined()) {
                    name += ref.matches().stream().map(Values::match).collect(Collectors.joining(" || ", "(", ")"));
                }
                return name;
            }

            @Override
            public String visitAnonymous(Term.Anonymous a) {
                return (a.negated() ? "!" : "") + "{ " + match(a.match()) + " }";
            }
        };
        String body = c.or().stream()
                .map(group -> group.stream().map(t -> t.accept(terms)).collect(Collectors.joining(" ")))
                .collect(Collectors.joining(" || "));
        return " " + (c.unless() ? "unless" : "if") + (body.isEmpty() ? "" : " " + body);
    }

    /** An ACL expression as the plan holds it: {@code path -m beg /api/ /v1/}. */
    private static String match(AclMatch m) {
        StringBuilder b = new StringBuilder(m.criterion().toString()).append(" -m ").append(m.method().id());
        if (m.ignoreCase()) {
            b.append(" -i");
        }
        for (String f : m.patternFiles()) {
            b.append(" -f ").append(word(f));
        }
        for (String p : m.patterns()) {
            b.append(' ').append(word(p));
        }
        return b.toString();
    }

    private static String words(String first, List<String> rest) {
        StringBuilder b = new StringBuilder(first);
        for (String w : rest) {
            b.append(' ').append(word(w));
        }
        return b.toString();
    }

    /** A word as it could be written in a configuration: quoted when it holds a space, a quote or nothing. */
    static String word(String s) {
        if (!s.isEmpty() && s.chars().noneMatch(ch -> ch <= ' ' || ch == '"' || ch == '\'' || ch == '\\' || ch == '#')) {
            return s;
        }
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"', '\\' -> b.append('\\').append(ch);
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> b.append(ch);
            }
        }
        return b.append('"').toString();
    }
}
