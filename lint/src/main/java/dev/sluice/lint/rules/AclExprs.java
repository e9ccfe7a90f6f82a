package dev.sluice.lint.rules;

import dev.sluice.compiler.catalog.AclKeywordSpec;
import dev.sluice.compiler.catalog.CatalogView;
import dev.sluice.compiler.catalog.ConverterSpec;
import dev.sluice.compiler.catalog.FetchSpec;
import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Section;
import dev.sluice.grammar.ast.Word;
import dev.sluice.grammar.expr.AclDefinition;
import dev.sluice.grammar.expr.AclExpr;
import dev.sluice.grammar.expr.AclFlag;
import dev.sluice.grammar.expr.AclParser;
import dev.sluice.grammar.expr.AnonymousAcl;
import dev.sluice.grammar.expr.Arg;
import dev.sluice.grammar.expr.Condition;
import dev.sluice.grammar.expr.Converter;
import dev.sluice.grammar.expr.ExprSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The ACL expressions of a section, named ({@code acl} lines) and anonymous ({@code { ... }}). */
final class AclExprs {

    private AclExprs() {
    }

    /**
     * One ACL expression where it is written.
     *
     * @param directive the {@code acl} line, or the rule whose condition holds the anonymous ACL
     * @param name the ACL's name; empty for an anonymous ACL
     * @param expr the expression
     */
    record Use(Directive directive, Optional<String> name, AclExpr expr) {

        /** {@code ACL 'name'} or {@code the anonymous ACL}, for messages. */
        String describe() {
            return name.map(n -> "ACL '" + n + "'").orElse("the anonymous ACL");
        }
    }

    /** The {@code acl} line parsed, when it is one and parses. */
    static Optional<AclDefinition> definition(Directive d) {
        if (!d.keyword().equals("acl") || d.words().size() < 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(AclParser.parseDefinition(d.args(), d.span()));
        } catch (ExprSyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Every ACL expression of the section, in file order. */
    static List<Use> all(Section s) {
        List<Use> uses = new ArrayList<>();
        for (Directive d : s.directives()) {
            if (d.keyword().equals("acl")) {
                definition(d).ifPresent(def -> uses.add(new Use(d, Optional.of(def.name()), def.expr())));
                continue;
            }
            Optional<Condition> c = RuleLines.condition(d);
            if (c.isPresent()) {
                for (AnonymousAcl a : RuleLines.anonymous(c.get())) {
                    uses.add(new Use(d, Optional.empty(), a.expr()));
                }
            }
        }
        return uses;
    }

    /**
     * What an ACL expression tests, as HAProxy reads it.
     *
     * @param fetch the sample fetch, an ACL keyword replaced by the fetch it reads ({@code hdr_beg}
     *     reads {@code req.hdr})
     * @param keyword the name as written ({@code hdr_beg})
     * @param method the match method: {@code -m}, else the keyword's, else the sample type's
     * @param args the fetch's arguments
     * @param converters the converters applied to the sample
     * @param ignoreCase {@code -i}
     * @param files the {@code -f} pattern files
     * @param patterns the patterns written on the line
     */
    record Criterion(String fetch, String keyword, String method, List<Arg> args, List<Converter> converters,
            boolean ignoreCase, List<String> files, List<Word> patterns) {

        /** The fetch's first argument, or "". */
        String firstArg() {
            return args.isEmpty() ? "" : args.get(0).value();
        }
    }

    /** Reads an ACL expression's criterion, flags and patterns. */
    static Criterion criterion(AclExpr e, CatalogView catalog) {
        String name = e.criterion().fetch().name();
        List<Converter> converters = e.criterion().converters();
        Optional<AclKeywordSpec> keyword = catalog.aclKeyword(name);
        String fetch = keyword.map(AclKeywordSpec::fetch).orElse(name);
        String method = null;
        if (keyword.isPresent() && converters.isEmpty()) {
            method = keyword.get().match();
        }
        boolean ignoreCase = false;
        List<String> files = new ArrayList<>();
        for (AclFlag f : e.flags()) {
            switch (f.kind()) {
                case IGNORE_CASE -> ignoreCase = true;
                case PATTERN_FILE -> f.argument().ifPresent(w -> files.add(w.value()));
                case MATCH_METHOD -> method = f.argument().map(Word::value).orElse(method);
                default -> { }
            }
        }
        if (method == null) {
            method = byType(outputType(fetch, converters, catalog));
        }
        return new Criterion(fetch, name, method.toLowerCase(Locale.ROOT), e.criterion().fetch().args(), converters,
                ignoreCase, files, e.values());
    }

    private static String byType(String type) {
        if (type == null) {
            return "str";
        }
        return switch (type) {
            case "bool" -> "bool";
            case "sint" -> "int";
            case "addr", "ipv4", "ipv6" -> "ip";
            default -> "str";
        };
    }

    private static String outputType(String fetch, List<Converter> converters, CatalogView catalog) {
        String type = catalog.fetch(fetch).map(FetchSpec::output).orElse(null);
        for (Converter c : converters) {
            Optional<ConverterSpec> spec = catalog.converter(c.name());
            if (spec.isEmpty()) {
                return null;
            }
            if (!spec.get().output().equals("same")) {
                type = spec.get().output();
            }
        }
        return type;
    }
}
