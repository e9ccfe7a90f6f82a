package dev.sluice.runtime.track;

import dev.sluice.compiler.plan.Rule;
import dev.sluice.compiler.plan.Rules;
import dev.sluice.runtime.sample.CompiledCondition;
import dev.sluice.runtime.sample.CompiledSample;
import dev.sluice.runtime.sample.Exchange;
import dev.sluice.runtime.sample.SampleCompiler;
import dev.sluice.runtime.sample.SampleValue;
import dev.sluice.runtime.sample.Variables;
import dev.sluice.runtime.stick.DataType;
import dev.sluice.runtime.stick.TableSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A proxy's {@code tcp-request connection}, {@code session} and {@code content} rules, the named
 * defaults' before the proxy's own. Rules run in order until {@code accept} (which ends the
 * evaluation: an accept among the defaults' rules skips the proxy's own, as in HAProxy 2.6, where
 * HTTP rules behave otherwise) or {@code reject} (which refuses the connection: it closes without
 * an answer); the others ({@code track-sc*}, {@code sc-inc-gpc*}, {@code sc-set-gpt*},
 * {@code set-var}, {@code unset-var}) act and go on. Connection and session rules act on the
 * session's counters, content rules on the stream's.
 *
 * <p>Content rules run on what the stream shows: an HTTP request once its headers are in; a TCP
 * stream's first bytes ({@link Exchange#payload()}), which they may wait for while the proxy's
 * {@code tcp-request inspect-delay} runs: {@link #inspect} then stops at the first rule whose
 * condition more bytes could change, and runs again, from the first rule, when more arrive, as
 * HAProxy 2.6 does (so an action before that rule acts each time).
 */
public final class TcpRequestRules {

    /**
     * The actions the runtime performs (the words before any parenthesis); others are skipped and
     * reported at start.
     */
    public static final Set<String> ACTIONS;

    static {
        Set<String> actions = new HashSet<>(StickAction.ACTIONS);
        actions.addAll(Set.of("accept", "reject", "set-var", "unset-var"));
        ACTIONS = Set.copyOf(actions);
    }

    /** What content rules decided: go on, refuse, or wait for more of the request. */
    public enum Verdict { CONTINUE, ACCEPT, REJECT, WAIT }

    private record Compiled(String stem, String action, CompiledCondition condition, CompiledSample sample,
            StickAction stick) {}

    private final List<List<Compiled>> connection;
    private final List<List<Compiled>> session;
    private final List<List<Compiled>> content;
    private final boolean active;
    private final boolean countBytes;
    private final boolean backend;

    private TcpRequestRules(List<List<Compiled>> connection, List<List<Compiled>> session,
            List<List<Compiled>> content, boolean tables, boolean countBytes, boolean backend) {
        this.connection = connection;
        this.session = session;
        this.content = content;
        this.active = tables || Stream.of(connection, session, content).flatMap(List::stream)
                .anyMatch(l -> !l.isEmpty());
        this.countBytes = countBytes;
        this.backend = backend;
    }

    /**
     * Compiles a proxy's rules: those of its named defaults section ({@code defaults}), then its
     * own, for a plan whose stick tables are {@code tables}.
     */
    public static TcpRequestRules of(Rules defaults, Rules own, SampleCompiler compiler, TableSet tables) {
        return of(defaults, own, compiler, tables, false);
    }

    /**
     * Compiles a backend's content rules: an HTTP request they start tracking counts on the entry,
     * as HAProxy counts a request for what its backend tracks (the frontend's count came before).
     */
    public static TcpRequestRules ofBackend(Rules defaults, Rules own, SampleCompiler compiler, TableSet tables) {
        return of(defaults, own, compiler, tables, true);
    }

    private static TcpRequestRules of(Rules defaults, Rules own, SampleCompiler compiler, TableSet tables,
            boolean backend) {
        boolean countBytes = tables.all().stream().anyMatch(t -> t.stores(DataType.BYTES_IN_CNT)
                || t.stores(DataType.BYTES_IN_RATE) || t.stores(DataType.BYTES_OUT_CNT)
                || t.stores(DataType.BYTES_OUT_RATE));
        return new TcpRequestRules(
                List.of(compile(defaults.tcpRequestConnection(), compiler),
                        compile(own.tcpRequestConnection(), compiler)),
                List.of(compile(defaults.tcpRequestSession(), compiler), compile(own.tcpRequestSession(), compiler)),
                List.of(compile(defaults.tcpRequestContent(), compiler), compile(own.tcpRequestContent(), compiler)),
                !tables.isEmpty(), countBytes, backend);
    }

    private static List<Compiled> compile(List<Rule> rules, SampleCompiler compiler) {
        List<Compiled> out = new ArrayList<>();
        for (Rule r : rules) {
            String stem = StickAction.stem(r.action());
            if (!ACTIONS.contains(stem)) {
                continue;
            }
            out.add(new Compiled(stem, r.action(), compiler.condition(r.condition()),
                    r.sample() == null || StickAction.ACTIONS.contains(stem) ? null : compiler.sample(r.sample()),
                    StickAction.ACTIONS.contains(stem) ? StickAction.compile(r, compiler) : null));
        }
        return List.copyOf(out);
    }

    /**
     * Whether there is anything to do: a rule to run, or a stick table that rules of the plan may
     * track in. Without, connections and streams skip the stick counters altogether.
     */
    boolean active() {
        return active;
    }

    /** Whether connections need their bytes counted (a table of the plan stores {@code bytes_*}). */
    boolean countsBytes() {
        return countBytes;
    }

    /** Runs the connection rules, then the session rules, on {@code x}; false when one rejects. */
    boolean acceptSession(Exchange x) {
        return run(connection, x, false) != Verdict.REJECT && run(session, x, false) != Verdict.REJECT;
    }

    /** Runs the content rules on {@code x}, the start of a stream; false when one rejects. */
    public boolean content(Exchange x) {
        return run(content, x, backend && x.method() != null) != Verdict.REJECT;
    }

    /**
     * Runs the content rules on a TCP stream's first bytes ({@code x.payload()}): {@code WAIT}
     * when a condition could change with more bytes (only while more may come), {@code REJECT}
     * when a rule refuses the stream, else {@code ACCEPT} or {@code CONTINUE}, its rules done.
     */
    public Verdict inspect(Exchange x) {
        return run(content, x, false);
    }

    private static Verdict run(List<List<Compiled>> sets, Exchange x, boolean countsRequest) {
        for (List<Compiled> set : sets) {
            Verdict v = runSet(set, x, countsRequest);
            if (v != Verdict.CONTINUE) {
                return v;
            }
        }
        return Verdict.CONTINUE;
    }

    private static Verdict runSet(List<Compiled> set, Exchange x, boolean countsRequest) {
        for (Compiled r : set) {
            CompiledCondition.Outcome applies = r.condition().applies(x);
            if (applies == CompiledCondition.Outcome.NOT_YET) {
                return Verdict.WAIT;
            }
            if (applies == CompiledCondition.Outcome.NO) {
                continue;
            }
            switch (r.stem()) {
                case "accept" -> {
                    return Verdict.ACCEPT;
                }
                case "reject" -> {
                    return Verdict.REJECT;
                }
                case "set-var" -> {
                    SampleValue v = r.sample() == null ? null : r.sample().evaluate(x);
                    if (v != null) {
                        x.variables().set(Variables.ofAction(r.action()), v);
                    }
                }
                case "unset-var" -> x.variables().unset(Variables.ofAction(r.action()));
                default -> r.stick().run(x, countsRequest);
            }
        }
        return Verdict.CONTINUE;
    }
}
