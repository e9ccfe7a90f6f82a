package dev.sluice.runtime.sample;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The variables of one transaction: {@code txn}, {@code req} and {@code res} in a map of their
 * own (one thread at a time), {@code sess} in the session's map when it has one (else with the
 * transaction's), {@code proc} in a map shared by the whole process.
 */
public final class VariableStore implements Variables {

    private final ConcurrentMap<String, SampleValue> process;
    private final Map<String, SampleValue> local = new HashMap<>();
    private final Map<String, SampleValue> session;

    /** A store with a process scope of its own. */
    public VariableStore() {
        this(new ConcurrentHashMap<>());
    }

    /** A store whose {@code proc} variables live in {@code process}, shared with other stores. */
    public VariableStore(ConcurrentMap<String, SampleValue> process) {
        this(process, null);
    }

    private VariableStore(ConcurrentMap<String, SampleValue> process, Map<String, SampleValue> session) {
        this.process = Objects.requireNonNull(process, "process");
        this.session = session != null ? session : local;
    }

    /**
     * A store whose {@code sess} variables live in {@code session}, the map of the client
     * connection, so that they outlive the transaction (used by one thread at a time).
     */
    public static VariableStore withSession(Map<String, SampleValue> session) {
        return new VariableStore(new ConcurrentHashMap<>(), Objects.requireNonNull(session, "session"));
    }

    private Map<String, SampleValue> scope(String name) {
        return name.startsWith("proc.") ? process : name.startsWith("sess.") ? session : local;
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
