package dev.sluice.runtime.sample;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The variables of one transaction: {@code txn}, {@code req}, {@code res} and {@code sess} in a
 * map of their own (one thread at a time), {@code proc} in a map shared by the whole process.
 */
public final class VariableStore implements Variables {

    private final ConcurrentMap<String, SampleValue> process;
    private final Map<String, SampleValue> local = new HashMap<>();

    /** A store with a process scope of its own. */
    public VariableStore() {
        this(new ConcurrentHashMap<>());
    }

    /** A store whose {@code proc} variables live in {@code process}, shared with other stores. */
    public VariableStore(ConcurrentMap<String, SampleValue> process) {
        this.process = Objects.requireNonNull(process, "process");
    }

    @Override
    public SampleValue get(String name) {
        return name.startsWith("proc.") ? process.get(name) : local.get(name);
    }

    @Override
    public void set(String name, SampleValue value) {
        if (!Variables.isValidName(name)) {
            throw new IllegalArgumentException("not a variable name: '" + name + "'");
        }
        Objects.requireNonNull(value, "value");
        if (name.startsWith("proc.")) {
            process.put(name, value);
        } else {
            local.put(name, value);
        }
    }

    @Override
    public void unset(String name) {
        if (name.startsWith("proc.")) {
            process.remove(name);
        } else {
            local.remove(name);
        }
    }
}
