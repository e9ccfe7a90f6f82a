package dev.sluice.lint.rules;

import dev.sluice.lint.Rule;
import java.util.List;

/** The security rules, in the order `sluice lint --list-rules` shows them. */
public final class SecurityRules {

    public static final List<Rule> ALL = List.of(
            new StatsWeakPassword(),
            new StatsWithoutAuth(),
            new StatsAdminWithoutAuth(),
            new RuntimeSocketPermissions(),
            new RuntimeSocketAdminTcp(),
            new TlsOldProtocols(),
            new TlsWeakCiphers(),
            new TlsDhParamSize(),
            new TlsMissingHsts(),
            new HttpWithoutHttpsRedirect(),
            new MissingForwardfor(),
            new TrustsClientXff(),
            new SslVerifyNone(),
            new RunsAsRoot());

    private SecurityRules() {
    }
}
