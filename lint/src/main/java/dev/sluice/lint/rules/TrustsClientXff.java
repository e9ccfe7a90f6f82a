package dev.sluice.lint.rules;

import dev.sluice.compiler.plan.AclMatch;
import dev.sluice.compiler.plan.BackendSwitch;
import dev.sluice.compiler.plan.Condition;
import dev.sluice.compiler.plan.Frontend;
import dev.sluice.compiler.plan.Rules;
import dev.sluice.compiler.plan.Term;
import dev.sluice.grammar.ast.Directive;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.ProxyView;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An access decision ({@code allow}, {@code deny}, {@code auth}, {@code use_backend}, ...) or an
 * {@code http-request set-src} taken on {@code X-Forwarded-For} or {@code X-Real-IP}, headers the
 * client can write, without a test of the connection's source address ({@code src}) in the same
 * condition. A proxy refusing every connection not from given addresses is left alone.
 */
public final class TrustsClientXff implements Rule {

    private static final RuleMeta META = new RuleMeta("trusts-client-xff", Severity.WARNING, Family.SECURITY,
            "An access decision or set-src trusts X-Forwarded-For without checking who sent it");

    static final List<String> HEADERS = List.of("x-forwarded-for", "x-real-ip");
    private static final Set<String> DECISIONS = Set.of("allow", "deny", "reject", "tarpit", "auth", "silent-drop");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        for (ProxyView proxy : context.model().proxies()) {
            Rules rules;
            List<BackendSwitch> switches = List.of();
            if (proxy.isFrontend()) {
                if (proxy.frontend().isEmpty() || proxy.frontend().get().disabled()) {
                    continue;
                }
                Frontend f = proxy.frontend().get();
                if (Reach.onlyLocal(f.listeners())) {
                    continue;
                }
                rules = f.rules();
                switches = f.useBackends();
            } else {
                if (proxy.backend().isEmpty() || proxy.backend().get().disabled()) {
                    continue;
                }
                rules = proxy.backend().get().rules();
            }
            if (restrictsSources(rules)) {
                continue;
            }
            List<Directive> lines = proxy.own("http-request");
            List<dev.sluice.compiler.plan.Rule> compiled = rules.httpRequest();
            for (int i = 0; i < compiled.size(); i++) {
                dev.sluice.compiler.plan.Rule r = compiled.get(i);
                Directive at = lines.size() == compiled.size() ? lines.get(i) : null;
                if (r.action().equals("set-src") && ConditionWalk.readsHeader(r.sample(), HEADERS)
                        && !anySource(r.condition())) {
                    report(findings, proxy, at, "'http-request set-src' in " + proxy.type() + " '" + proxy.name()
                            + "' takes the client's address from a header the client writes itself: anyone can"
                            + " pose as any address; add 'if { src <trusted proxies> }'");
                } else if (DECISIONS.contains(r.action()) && trustsHeader(r.condition())) {
                    report(findings, proxy, at, "'http-request " + r.action() + "' in " + proxy.type() + " '"
                            + proxy.name() + "' decides on X-Forwarded-For, which the client writes itself: anyone"
                            + " can claim an allowed address; test 'src' against the trusted proxies in the same"
                            + " condition");
                }
            }
            List<Directive> useLines = proxy.own("use_backend");
            for (int i = 0; i < switches.size(); i++) {
                BackendSwitch sw = switches.get(i);
                if (trustsHeader(sw.condition())) {
                    Directive at = useLines.size() == switches.size() ? useLines.get(i) : null;
                    report(findings, proxy, at, "'use_backend' in " + proxy.type() + " '" + proxy.name()
                            + "' routes on X-Forwarded-For, which the client writes itself: anyone can reach"
                            + " the backend meant for given addresses; test 'src' in the same condition");
                }
            }
        }
    }

    private static void report(Findings findings, ProxyView proxy, Directive at, String message) {
        if (at != null) {
            findings.report(at, message);
        } else {
            findings.report(proxy.section(), message);
        }
    }

    /** True when a group of the condition tests the header and not the source. */
    private static boolean trustsHeader(Condition c) {
        if (c == null) {
            return false;
        }
        for (List<Term> group : c.or()) {
            if (ConditionWalk.anyIn(group, TrustsClientXff::readsXff)
                    && !ConditionWalk.anyIn(group, ConditionWalk::testsSource)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anySource(Condition c) {
        return ConditionWalk.any(c, ConditionWalk::testsSource);
    }

    private static boolean readsXff(AclMatch m) {
        return ConditionWalk.readsHeader(m.criterion(), HEADERS);
    }

    /** True when a rule refuses connections or requests on their source address. */
    private static boolean restrictsSources(Rules rules) {
        List<dev.sluice.compiler.plan.Rule> all = new ArrayList<>(Routes.requestRules(rules));
        for (dev.sluice.compiler.plan.Rule r : all) {
            boolean refuses = r.action().equals("deny") || r.action().equals("reject")
                    || r.action().equals("silent-drop") || r.action().equals("tarpit");
            if (refuses && anySource(r.condition()) && !trustsHeader(r.condition())) {
                return true;
            }
        }
        return false;
    }
}
