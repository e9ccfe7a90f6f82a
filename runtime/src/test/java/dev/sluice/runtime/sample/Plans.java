package dev.sluice.runtime.sample;

import dev.sluice.compiler.Compiler;
import dev.sluice.compiler.plan.AclMatch;
import dev.sluice.compiler.plan.CompileException;
import dev.sluice.compiler.plan.Condition;
import dev.sluice.compiler.plan.Format;
import dev.sluice.compiler.plan.Frontend;
import dev.sluice.compiler.plan.Plan;
import dev.sluice.compiler.plan.Rule;
import dev.sluice.compiler.plan.SampleCall;
import dev.sluice.grammar.ConfigLoader;
import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.ParseOptions;
import dev.sluice.grammar.ParseResult;
import java.util.List;
import java.util.Map;

/**
 * Compiles small configurations with the real compiler, so that tests start from what a user
 * writes: an ACL line, a sample expression, a log-format string.
 */
final class Plans {

    private Plans() {}

    static Plan compile(String text) {
        ParseOptions options = ParseOptions.defaults().withEnv(Map.of()).withVersion(HaproxyVersion.DEFAULT);
        ParseResult parsed = ConfigLoader.parse("test.cfg", text, options);
        if (parsed.hasErrors()) {
            throw new AssertionError("parse errors: " + parsed.diagnostics());
        }
        try {
            return Compiler.compile(parsed.config(), HaproxyVersion.DEFAULT);
        } catch (CompileException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** The frontend {@code fe} of a configuration whose body lines are {@code lines}. */
    static Frontend frontend(String... lines) {
        StringBuilder b = new StringBuilder("defaults\n  mode http\n  timeout client 1s\n  timeout server 1s\n"
                + "  timeout connect 1s\nfrontend fe\n  bind 127.0.0.1:8080\n");
        for (String l : lines) {
            b.append("  ").append(l).append('\n');
        }
        b.append("  default_backend be\nbackend be\n  server s 127.0.0.1:9\n");
        return compile(b.toString()).frontends().stream().filter(f -> f.name().equals("fe")).findFirst().orElseThrow();
    }

    /** The condition of {@code http-request deny CONDITION}, with {@code acls} defined before it. */
    static Condition condition(String condition, String... acls) {
        String[] lines = new String[acls.length + 1];
        System.arraycopy(acls, 0, lines, 0, acls.length);
        lines[acls.length] = "http-request deny " + condition;
        List<Rule> rules = frontend(lines).rules().httpRequest();
        return rules.get(rules.size() - 1).condition();
    }

    /** The expression of an anonymous ACL {@code { EXPR }}. */
    static AclMatch acl(String expr) {
        Condition c = condition("if { " + expr + " }");
        return ((dev.sluice.compiler.plan.Term.Anonymous) c.or().get(0).get(0)).match();
    }

    /** The expression of {@code http-request set-var(txn.x) EXPR}. */
    static SampleCall sample(String expr) {
        return frontend("http-request set-var(txn.x) " + expr).rules().httpRequest().get(0).sample();
    }

    /** The format of {@code http-request set-header x FORMAT}. */
    static Format format(String format) {
        return frontend("http-request set-header x " + format).rules().httpRequest().get(0).format();
    }
}
