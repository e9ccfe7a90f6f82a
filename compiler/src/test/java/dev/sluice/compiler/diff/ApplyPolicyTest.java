package dev.sluice.compiler.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.compiler.plan.Address;
import dev.sluice.compiler.plan.RawDirective;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cases of {@link ApplyPolicy} the golden diffs do not reach. */
class ApplyPolicyTest {

    @Test
    void aServerMovedToAnotherAddressFamilyNeedsAReload() {
        List<String> path = List.of("backend app", "server s1", "address");
        assertThat(ApplyPolicy.classify(Change.Kind.CHANGE, path, Address.parse("10.0.0.1:80"),
                Address.parse("10.0.0.2:81"))).isEqualTo(Apply.RUNTIME);
        assertThat(ApplyPolicy.classify(Change.Kind.CHANGE, path, Address.parse("10.0.0.1:80"),
                Address.parse("/run/app.sock"))).isEqualTo(Apply.RELOAD);
    }

    @Test
    void unmodelledGlobalDirectivesThatNeedANewProcess() {
        List<String> path = List.of("global", "directive uid 99");
        RawDirective uid = new RawDirective("uid", List.of("99"));
        assertThat(ApplyPolicy.classify(Change.Kind.ADD, path, null, uid)).isEqualTo(Apply.RESTART);
        assertThat(ApplyPolicy.classify(Change.Kind.REMOVE, List.of("global", "directive thread-groups 2"),
                new RawDirective("thread-groups", List.of("2")), null)).isEqualTo(Apply.RESTART);
        assertThat(ApplyPolicy.classify(Change.Kind.ADD, List.of("global", "directive ulimit-n 65536"), null,
                new RawDirective("ulimit-n", List.of("65536")))).isEqualTo(Apply.RELOAD);
    }

    @Test
    void onlyAChangeToAnExistingServerGoesThroughTheRuntimeSocket() {
        assertThat(ApplyPolicy.classify(Change.Kind.ADD, List.of("backend app", "server s9"), null, null))
                .isEqualTo(Apply.RELOAD);
        assertThat(ApplyPolicy.classify(Change.Kind.CHANGE, List.of("backend app", "server s1", "weight"), 1, 2))
                .isEqualTo(Apply.RUNTIME);
        assertThat(ApplyPolicy.classify(Change.Kind.CHANGE, List.of("backend app", "server s1", "check", "rise"), 2,
                3)).isEqualTo(Apply.RELOAD);
        assertThat(ApplyPolicy.classify(Change.Kind.CHANGE, List.of("frontend web", "maxconn"), 1L, 2L))
                .isEqualTo(Apply.RELOAD);
    }

    @Test
    void theRuntimeSocketsFollowAReload() {
        assertThat(ApplyPolicy.classify(Change.Kind.CHANGE, List.of("global", "stats-socket /run/haproxy.sock",
                "level"), "operator", "admin")).isEqualTo(Apply.RELOAD);
        assertThat(ApplyPolicy.classify(Change.Kind.ADD, List.of("global", "stats-socket 127.0.0.1:9999"), null,
                null)).isEqualTo(Apply.RELOAD);
        assertThat(ApplyPolicy.classify(Change.Kind.CHANGE, List.of("global", "statsTimeoutMs"), 10_000L, 30_000L))
                .isEqualTo(Apply.RELOAD);
    }

    @org.junit.jupiter.api.Test
    void aKeptListenersBacklogNeedsARestart() {
        assertThat(ApplyPolicy.classify(Change.Kind.CHANGE, List.of("frontend web", "listener *:80", "backlog"), 100L,
                200L)).isEqualTo(Apply.RESTART);
        assertThat(ApplyPolicy.classify(Change.Kind.CHANGE, List.of("frontend web", "backlog"), 100L, 200L))
                .isEqualTo(Apply.RESTART);
        assertThat(ApplyPolicy.classify(Change.Kind.CHANGE, List.of("frontend web", "listener *:80", "maxconn"), 100L,
                200L)).isEqualTo(Apply.RELOAD);
    }
}
