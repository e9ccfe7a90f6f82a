package dev.sluice.lint.rules;

import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Section;
import dev.sluice.grammar.ast.Word;
import dev.sluice.grammar.expr.AclRef;
import dev.sluice.grammar.expr.AndGroup;
import dev.sluice.grammar.expr.AnonymousAcl;
import dev.sluice.grammar.expr.Condition;
import dev.sluice.grammar.expr.ConditionParser;
import dev.sluice.grammar.expr.ExprSyntaxException;
import dev.sluice.grammar.expr.Term;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rule lines of a section as HAProxy groups them: which rule set a line belongs to, its action
 * and its condition. Several correctness rules read them.
 */
final class RuleLines {

    /** The keywords whose lines may end with an {@code if} / {@code unless} condition. */
    static final Set<String> CONDITIONAL = Set.of("http-request", "http-response", "http-after-response",
            "tcp-request", "tcp-response", "quic-initial", "use_backend", "use-server", "redirect", "stick",
            "monitor", "force-persist", "ignore-persist", "stats", "block");

    /** The section types whose lines are proxy settings and rules. */
    static final Set<String> PROXY_SECTIONS = Set.of("defaults", "frontend", "backend", "listen");

    private RuleLines() {
    }

    /**
     * One rule of a rule set.
     *
     * @param directive the line
     * @param set {@code http-request}, {@code tcp-request content}, ..., or {@code use_backend},
     *     {@code redirect}, {@code use-server}, {@code monitor fail}, {@code stick} for the
     *     single-action sets
     * @param action the action word ({@code deny}, {@code set-var(txn.x)}), or the keyword for the
     *     single-action sets
     * @param actionIndex the index of the action word in the line (the keyword's for single-action sets)
     * @param conditionIndex the index of the {@code if} / {@code unless} word, or -1 when none
     */
    record RuleLine(Directive directive, String set, String action, int actionIndex, int conditionIndex) {

        boolean conditional() {
            return conditionIndex >= 0;
        }

        /** The words between the action and the condition. */
        List<Word> arguments() {
            int end = conditionIndex < 0 ? directive.words().size() : conditionIndex;
            return directive.words().subList(Math.min(actionIndex + 1, end), end);
        }
    }

    /** The line as a rule, when it is one. */
    static Optional<RuleLine> rule(Directive d) {
        String k = d.keyword();
        int action;
        String set;
        switch (k) {
            case "http-request", "http-response", "http-after-response", "quic-initial" -> {
                set = k;
                action = 1;
            }
            case "tcp-request", "tcp-response" -> {
                String kind = d.arg(1);
                boolean rules = k.equals("tcp-request")
                        ? kind.equals("connection") || kind.equals("session") || kind.equals("content")
                        : kind.equals("content");
                if (!rules) {
                    return Optional.empty();
                }
                set = k + " " + kind;
                action = 2;
            }
            case "use_backend", "redirect", "use-server", "stick" -> {
                set = k;
                action = 0;
            }
            case "monitor" -> {
                if (!d.arg(1).equals("fail")) {
                    return Optional.empty();
                }
                set = "monitor fail";
                action = 1;
            }
            default -> {
                return Optional.empty();
            }
        }
        if (action >= d.words().size()) {
            return Optional.empty();
        }
        return Optional.of(new RuleLine(d, set, d.words().get(action).value(), action,
                conditionIndex(d, action + 1)));
    }

    /** The rules of a section, in file order. */
    static List<RuleLine> rules(Section s) {
        List<RuleLine> rules = new ArrayList<>();
        for (Directive d : s.directives()) {
            rule(d).ifPresent(rules::add);
        }
        return rules;
    }

    /** The index of the first {@code if} or {@code unless} word from {@code from}, or -1. */
    static int conditionIndex(Directive d, int from) {
        for (int i = from; i < d.words().size(); i++) {
            String w = d.words().get(i).value();
            if (w.equals("if") || w.equals("unless")) {
                return i;
            }
        }
        return -1;
    }

    /** The condition of a line that may have one, parsed; empty when it has none or it does not parse. */
    static Optional<Condition> condition(Directive d) {
        if (!CONDITIONAL.contains(d.keyword())) {
            return Optional.empty();
        }
        int at = conditionIndex(d, 1);
        if (at < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(ConditionParser.parse(d.words().subList(at, d.words().size())));
        } catch (ExprSyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The named ACLs a condition refers to, in order. */
    static List<AclRef> aclRefs(Condition c) {
        List<AclRef> refs = new ArrayList<>();
        for (AndGroup g : c.or()) {
            for (Term t : g.terms()) {
                if (t instanceof AclRef r) {
                    refs.add(r);
                }
            }
        }
        return refs;
    }

    /** The anonymous ACLs of a condition, in order. */
    static List<AnonymousAcl> anonymous(Condition c) {
        List<AnonymousAcl> found = new ArrayList<>();
        for (AndGroup g : c.or()) {
            for (Term t : g.terms()) {
                if (t instanceof AnonymousAcl a) {
                    found.add(a);
                }
            }
        }
        return found;
    }

    /** True for a {@code use_backend} whose name holds a log-format expression (chosen per request). */
    static boolean isDynamicBackend(String name) {
        for (int i = 0; i + 1 < name.length(); i++) {
            if (name.charAt(i) == '%') {
                char next = name.charAt(i + 1);
                if (next == '[' || next == '{' || Character.isLetter(next)) {
                    return true;
                }
                i++;
            }
        }
        return false;
    }

    /** The line's words as written, separated by one space, cut to about 60 characters. */
    static String shortText(Directive d) {
        StringBuilder b = new StringBuilder();
        for (Word w : d.words()) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(w.raw());
        }
        return b.length() > 60 ? b.substring(0, 57) + "..." : b.toString();
    }

    /** {@code frontend 'web'}: how messages name a section. */
    static String describe(Section s) {
        return s.name().map(n -> s.type() + " '" + n + "'").orElse("the " + s.type() + " section");
    }
}
