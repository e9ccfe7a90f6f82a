package dev.sluice.runtime.track;

import dev.sluice.compiler.plan.Rule;
import dev.sluice.runtime.sample.CompiledSample;
import dev.sluice.runtime.sample.Exchange;
import dev.sluice.runtime.sample.SampleCompiler;
import dev.sluice.runtime.sample.SampleType;
import dev.sluice.runtime.sample.SampleValue;
import dev.sluice.runtime.sample.StickKeys;
import dev.sluice.runtime.stick.DataType;
import dev.sluice.runtime.stick.StickEntry;
import dev.sluice.runtime.stick.StickTable;
import dev.sluice.runtime.stick.TableKey;
import dev.sluice.runtime.stick.Trackers;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stick-counter action of a {@code tcp-request}, {@code http-request} or {@code http-response}
 * rule, compiled against the proxy's tables:
 *
 * <ul>
 *   <li>{@code track-scN KEY [table T]}: counter {@code scN}, when it tracks nothing yet, tracks the
 *       entry of {@code KEY} in {@code T} (the proxy's own table by default);
 *   <li>{@code sc-inc-gpc0(N)}, {@code sc-inc-gpc1(N)}, {@code sc-inc-gpc(I,N)}: increment a general
 *       purpose counter (and its rate) of what {@code scN} tracks;
 *   <li>{@code sc-set-gpt0(N) V}, {@code sc-set-gpt(I,N) V}: set a tag to an integer or a sample.
 * </ul>
 *
 * An action on a counter that tracks nothing, or on data the table does not store, does nothing.
 * Immutable.
 */
public final class StickAction {

    /** The actions this class runs (the words before any parenthesis). */
    public static final Set<String> ACTIONS = Set.of("track-sc0", "track-sc1", "track-sc2", "sc-inc-gpc0",
            "sc-inc-gpc1", "sc-inc-gpc", "sc-set-gpt0", "sc-set-gpt");

    private static final Pattern NUMBERS = Pattern.compile("\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)");

    private enum Kind { TRACK, INC_GPC0, INC_GPC1, INC_GPC, SET_GPT0, SET_GPT }

    private final Kind kind;
    private final int counter;
    private final int index;
    private final StickTable table;
    private final CompiledSample sample;
    private final long value;

    private StickAction(Kind kind, int counter, int index, StickTable table, CompiledSample sample, long value) {
        this.kind = kind;
        this.counter = counter;
        this.index = index;
        this.table = table;
        this.sample = sample;
        this.value = value;
    }

    /** The word of {@code action} before any parenthesis: {@code sc-inc-gpc0} of {@code sc-inc-gpc0(1)}. */
    public static String stem(String action) {
        int open = action.indexOf('(');
        return open < 0 ? action : action.substring(0, open);
    }

    /**
     * Compiles {@code rule}, whose action is one of {@link #ACTIONS}, for the proxy {@code compiler}
     * is for.
     *
     * @throws IllegalArgumentException when its table does not exist or its arguments are wrong
     */
    public static StickAction compile(Rule rule, SampleCompiler compiler) {
        String action = rule.action();
        String stem = stem(action);
        List<String> args = rule.args();
        if (stem.startsWith("track-sc")) {
            if (rule.sample() == null) {
                throw new IllegalArgumentException("'" + action + "' needs a sample expression as its key");
            }
            int t = args.indexOf("table");
            StickTable table = compiler.table(t >= 0 && t + 1 < args.size() ? args.get(t + 1) : null);
            return new StickAction(Kind.TRACK, stem.charAt(8) - '0', 0, table, compiler.sample(rule.sample()), 0);
        }
        int[] n = numbers(action);
        Kind kind = switch (stem) {
            case "sc-inc-gpc0" -> Kind.INC_GPC0;
            case "sc-inc-gpc1" -> Kind.INC_GPC1;
            case "sc-inc-gpc" -> Kind.INC_GPC;
            case "sc-set-gpt0" -> Kind.SET_GPT0;
            case "sc-set-gpt" -> Kind.SET_GPT;
            default -> throw new IllegalArgumentException("'" + action + "' is not a stick-counter action");
        };
        boolean indexed = kind == Kind.INC_GPC || kind == Kind.SET_GPT;
        if (indexed && n.length != 2) {
            throw new IllegalArgumentException("'" + action + "' needs (index,counter)");
        }
        int index = indexed ? n[0] : 0;
        int counter = indexed ? n[1] : n.length == 0 ? 0 : n[0];
        if (counter >= Trackers.COUNT) {
            throw new IllegalArgumentException("'" + action + "': the counters are sc0 to sc" + (Trackers.COUNT - 1));
        }
        CompiledSample sample = null;
        long value = 0;
        if (kind == Kind.SET_GPT0 || kind == Kind.SET_GPT) {
            if (rule.sample() != null) {
                sample = compiler.sample(rule.sample());
            } else if (!args.isEmpty() && args.get(0).strip().matches("[-+]?\\d+")) {
                value = Long.parseLong(args.get(0).strip().replace("+", ""));
            } else {
                throw new IllegalArgumentException("'" + action + "' needs an integer or a sample expression");
            }
        }
        return new StickAction(kind, counter, index, null, sample, value);
    }

    /** {@code (N)} or {@code (I,N)} after the action's name; empty without parentheses. */
    private static int[] numbers(String action) {
        int open = action.indexOf('(');
        if (open < 0) {
            return new int[0];
        }
        Matcher m = NUMBERS.matcher(action.substring(open));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + action + "': expected (counter) or (index,counter)");
        }
        return m.group(2) == null ? new int[] {Integer.parseInt(m.group(1))}
                : new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    /**
     * Runs the action on the counters in force in {@code x}. With {@code countsRequest} (an
     * {@code http-request} rule), a counter that starts tracking counts the request on its entry,
     * as HAProxy counts the request the first time it is tracked.
     */
    public void run(Exchange x, boolean countsRequest) {
        Trackers trackers = x.trackers();
        if (trackers == null) {
            return;
        }
        if (kind == Kind.TRACK) {
            if (trackers.get(counter) != null) {
                return; // only the first track-sc of a counter applies
            }
            SampleValue v = sample.evaluate(x);
            TableKey key = v == null ? null : StickKeys.key(table, v);
            StickEntry e = key == null ? null : trackers.track(counter, table, key);
            if (e != null && countsRequest) {
                e.count(DataType.HTTP_REQ_CNT, DataType.HTTP_REQ_RATE, 1);
            }
            return;
        }
        StickEntry e = trackers.get(counter);
        if (e == null) {
            return;
        }
        switch (kind) {
            case INC_GPC0 -> e.incrementGpc0();
            case INC_GPC1 -> e.incrementGpc1();
            case INC_GPC -> e.incrementGpc(index);
            default -> {
                Long v = tag(x);
                if (v != null) {
                    e.setGpt(kind == Kind.SET_GPT0 ? DataType.GPT0 : DataType.GPT, index, v);
                }
            }
        }
    }

    /** The value {@code sc-set-gpt*} sets: its integer, or its sample as an integer (null without one). */
    private Long tag(Exchange x) {
        if (sample == null) {
            return value;
        }
        SampleValue v = sample.evaluate(x);
        SampleValue n = v == null ? null : v.castTo(SampleType.SINT);
        return n == null ? null : n.longValue();
    }
}
