package dev.sluice.runtime.sample;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * The variables of one transaction: {@code txn}, {@code req} and {@code res} in a map of their
 * own (one thread at a time), {@code sess} in the session's map when it has one (else with the
 * transaction's), {@code proc} in a map shared by the whole process.
 */
public final class VariableStore implements Variables {

    private final ConcurrentMap<String, SampleValue> process;
    private final Map<String, SampleValue> local = new HashMap<>();
    /** Where the session's map comes from, asked on the first {@code sess} variable; null: none. */
    private final Supplier<Map<String, SampleValue>> sessionSource;
    private Map<String, SampleValue> session;

    /** A store with a process scope of its own. */
    public VariableStore() {
        this(new ConcurrentHashMap<>());
    }

    /** A store whose {@code proc} variables live in {@code process}, shared with other stores. */
    public VariableStore(ConcurrentMap<String, SampleValue> process) {
        this(process, null);
    }

    private VariableStore(ConcurrentMap<String, SampleValue> process, Supplier<Map<String, SampleValue>> session) {
        this.process = Objects.requireNonNull(process, "process");
        this.sessionSource = session;
    }

    /**
     * A store whose {@code proc} variables live in {@code process}, the proxy's, and whose
     * {@code sess} variables live in the map {@code session} gives, the client connection's (used
     * by one thread at a time), so that both outlive the transaction. {@code session} is asked
     * only when a {@code sess} variable is used.
     */
    public static VariableStore withSession(ConcurrentMap<String, SampleValue> process,
            Supplier<Map<String, SampleValue>> session) {
        return new VariableStore(process, Objects.requireNonNull(session, "session"));
    }

    private Map<String, SampleValue> scope(String name) {
        if (name.startsWith("proc.")) {
            return process;
        }
        if (!name.startsWith("sess.")) {
            return local;
        }
        if (session == null) {
            session = sessionSource != null ? sessionSource.get() : local;
        }
        return session;
    }

    @Override
    public SampleValue get(String name) {
        return scope(name).get(name);
    }

    @Override
    public void set(String name, SampleValue value) {
        if (!Variables.isValidName(name)) {
            throw new IllegalArgumentException("not a variable name: '" + name + "'");
        }
        Objects.requireNonNull(value, "value");
        scope(name).put(name, value);
    }

    @Override
    public void unset(String name) {
        scope(name).remove(name);
    }
}
