package dev.sluice.lint.rules;

import dev.sluice.compiler.plan.Backend;
import dev.sluice.compiler.plan.Server;
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
import java.util.Optional;

/**
 * A TLS server whose certificate is not verified: {@code verify none} on its line or a
 * {@code default-server}, or no {@code verify} at all under the global {@code ssl-server-verify
 * none}. Servers on a loopback address or a UNIX socket are left alone.
 */
public final class SslVerifyNone implements Rule {

    private static final RuleMeta META = new RuleMeta("ssl-verify-none", Severity.WARNING, Family.SECURITY,
            "HAProxy connects to a server over TLS without verifying its certificate");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        Optional<Directive> globalNone = context.model().global("ssl-server-verify").stream()
                .reduce((a, b) -> b).filter(d -> d.arg(1).equals("none"));
        List<String> unverifiedByGlobal = new ArrayList<>();
        for (ProxyView proxy : context.model().compiledBackends()) {
            Backend b = proxy.backend().orElseThrow();
            for (Server s : b.servers()) {
                if (s.disabled() || !s.ssl().enabled() || Reach.isLoopback(s.address())) {
                    continue;
                }
                String who = "server '" + b.name() + "/" + s.name() + "'";
                if ("none".equals(s.ssl().verify())) {
                    Optional<Directive> line = ServerLines.line(proxy, s.name());
                    Optional<ServerLines.Setting> at = line.flatMap(l -> ServerLines.setting(proxy, l, "verify"));
                    String message = at.isPresent() && at.get().onDefaultServer()
                            ? "'default-server verify none' makes HAProxy accept any certificate from the TLS"
                                    + " servers it applies to, so anyone on the path can impersonate them;"
                                    + " use 'verify required' with 'ca-file'"
                            : who + " has 'verify none': HAProxy accepts any certificate from it, so anyone on"
                                    + " the path can impersonate it; use 'verify required' with 'ca-file'";
                    if (at.isPresent()) {
                        findings.report(at.get().keyword(), message);
                    } else if (line.isPresent()) {
                        findings.report(line.get(), message);
                    }
                } else if (s.ssl().verify() == null && globalNone.isPresent()) {
                    unverifiedByGlobal.add(b.name() + "/" + s.name());
                }
            }
        }
        if (!unverifiedByGlobal.isEmpty()) {
            int n = unverifiedByGlobal.size();
            String names = String.join(", ", unverifiedByGlobal.subList(0, Math.min(3, n)).stream()
                    .map(x -> "'" + x + "'").toList()) + (n > 3 ? " and " + (n - 3) + " more" : "");
            findings.report(globalNone.get(), "'ssl-server-verify none' turns off certificate verification for"
                    + " TLS server" + (n > 1 ? "s " : " ") + names + ", so anyone on the path can impersonate them;"
                    + " remove it and give the servers 'ca-file'");
        }
    }
}
