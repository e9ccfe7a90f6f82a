package dev.sluice.runtime;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Owns the plan the proxy runs. Every connection (TCP mode) or request (HTTP mode) reads it once
 * and keeps that snapshot for every decision it makes; a reload replaces it in one atomic step.
 */
public final class PlanHolder {

    private final AtomicReference<RuntimePlan> current;

    public PlanHolder(RuntimePlan initial) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    /** The plan in force now. */
    public RuntimePlan current() {
        return current.get();
    }

    /** Puts {@code next} in force and returns the plan it replaced. */
    public RuntimePlan swap(RuntimePlan next) {
        return current.getAndSet(Objects.requireNonNull(next, "next"));
    }
}
