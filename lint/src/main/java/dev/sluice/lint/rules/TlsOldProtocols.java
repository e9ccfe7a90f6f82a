package dev.sluice.lint.rules;

import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Word;
import dev.sluice.lint.Family;
import dev.sluice.lint.Findings;
import dev.sluice.lint.LintContext;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleMeta;
import dev.sluice.lint.Severity;
import java.util.List;
import java.util.Set;

/**
 * TLS versions older than 1.2 allowed on a listener or towards a server: {@code ssl-min-ver} or
 * {@code ssl-max-ver} naming SSLv3, TLSv1.0 or TLSv1.1, or {@code force-sslv3},
 * {@code force-tlsv10}, {@code force-tlsv11}; on {@code bind}, {@code server},
 * {@code default-server} lines and the global {@code ssl-default-bind-options} and
 * {@code ssl-default-server-options}.
 */
public final class TlsOldProtocols implements Rule {

    private static final RuleMeta META = new RuleMeta("tls-old-protocols", Severity.ERROR, Family.SECURITY,
            "SSLv3, TLS 1.0 or TLS 1.1 is allowed");

    private static final Set<String> OLD = Set.of("SSLv3", "TLSv1.0", "TLSv1.1");
    private static final Set<String> FORCE_OLD = Set.of("force-sslv3", "force-tlsv10", "force-tlsv11");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(LintContext context, Findings findings) {
        for (Directive d : TlsLines.of(context)) {
            if (d.keyword().endsWith("-ciphers")) {
                continue;
            }
            List<Word> w = d.words();
            for (int i = 1; i < w.size(); i++) {
                String v = w.get(i).value();
                String next = i + 1 < w.size() ? w.get(i + 1).value() : "";
                String written = null;
                if ((v.equals("ssl-min-ver") || v.equals("ssl-max-ver")) && OLD.contains(next)) {
                    written = v + " " + next;
                } else if (FORCE_OLD.contains(v)) {
                    written = v;
                }
                if (written != null) {
                    findings.report(w.get(i), "'" + written + "' on " + TlsLines.describe(d) + " allows "
                            + (v.equals("ssl-max-ver") || v.startsWith("force-") ? "only " : "")
                            + "TLS versions older than 1.2, which have known attacks and weak algorithms;"
                            + " use 'ssl-min-ver TLSv1.2'");
                }
            }
        }
    }
}
