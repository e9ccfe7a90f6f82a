package dev.sluice.lint.rules;

import dev.sluice.lint.Rule;
import java.util.List;

/** The reliability rules, in the order `sluice lint --list-rules` shows them. */
public final class ReliabilityRules {

    public static final List<Rule> ALL = List.of(
            new ServerWithoutCheck(),
            new HttpBackendWithoutHttpchk(),
            new SingleServerWithoutBackup(),
            new HealthCheckTiming(),
            new MissingTimeout(),
            new TimeoutServerBelowConnect(),
            new WebsocketWithoutTimeoutTunnel(),
            new GlobalMaxconnMissing(),
            new MissingRedispatch(),
            new TimeoutHttpRequestMissing(),
            new NoRateLimiting(),
            new TimeoutTooLong());

    private ReliabilityRules() {
    }
}
