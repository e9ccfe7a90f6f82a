package dev.sluice.runtime.balance;

import dev.sluice.compiler.Compiler;
import dev.sluice.compiler.plan.CompileException;
import dev.sluice.compiler.plan.Plan;
import dev.sluice.grammar.ConfigLoader;
import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.ParseOptions;
import dev.sluice.grammar.ParseResult;
import java.util.Map;

/** Configurations compiled for the balancing tests. */
final class Plans {

    private Plans() {}

    static Plan compile(String text) {
        ParseResult parsed = ConfigLoader.parse("test.cfg", text,
                ParseOptions.defaults().withEnv(Map.of()).withVersion(HaproxyVersion.V2_6));
        if (parsed.hasErrors()) {
            throw new AssertionError("parse errors: " + parsed.diagnostics());
        }
        try {
            return Compiler.compile(parsed.config(), HaproxyVersion.V2_6);
        } catch (CompileException e) {
            throw new AssertionError(e);
        }
    }

    /** Backend {@code b} of a configuration holding {@code defaults mode http} and the given backend body. */
    static BackendState backend(String body) {
        return ServerStates.of(compile(http(body)), null).backend("b");
    }

    /** {@code body} under {@code defaults mode http} and {@code backend b}. */
    static String http(String body) {
        return "defaults\n    mode http\n    timeout connect 5s\n    timeout client 5s\n    timeout server 5s\n"
                + "backend b\n" + body.stripIndent();
    }

    /** {@code n} servers {@code s1..sn} with the given extra words each. */
    static String servers(int n, String words) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            b.append("    server s").append(i).append(" 10.0.0.").append(i).append(":80 ").append(words).append('\n');
        }
        return b.toString();
    }
}
