package dev.sluice.lint.rules;

import dev.sluice.lint.Rule;
import java.util.List;

/** The correctness rules, in the order `sluice lint --list-rules` shows them. */
public final class CorrectnessRules {

    public static final List<Rule> ALL = List.of(
            new UnusedBackend(),
            new UnusedAcl(),
            new UndeclaredAcl(),
            new UnreachableRule(),
            new RuleOrderMismatch(),
            new DuplicateRule(),
            new DuplicateServerAddress(),
            new DuplicateBind(),
            new CookieWithoutServerCookies(),
            new DuplicateServerCookie(),
            new UseBackendModeMismatch(),
            new BackendWithoutServers(),
            new MissingDefaultBackend(),
            new HttpsRedirectLoop(),
            new HostMatchCaseSensitive(),
            new PathPatternWithoutSlash(),
            new StickCounterNotStored(),
            new StickTableUnused(),
            new TcpContentWithoutInspectDelay());

    private CorrectnessRules() {
    }
}
