package dev.sluice.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The frontend a listening socket's connections belong to. A reload keeps a socket whose address
 * is still bound, even when its frontend was renamed, so the name depends on the plan: a request
 * that took a plan from the {@link PlanHolder} asks for the name in that plan. The reloader
 * records the new name for the new plan before it puts that plan in force, so a request never
 * pairs a plan with a name from another one.
 *
 * <p>Thread-safe: read by any event loop, written by the reloader.
 */
public final class FrontendName {

    /** Renames remembered: older plans fall back to whichever remembered name they know. */
    private static final int REMEMBERED = 3;

    private record Entry(RuntimePlan plan, String name) {}

    /** Newest first; a new entry only when the name changes. */
    private volatile List<Entry> entries;

    private FrontendName(String name) {
        this.entries = List.of(new Entry(null, Objects.requireNonNull(name, "name")));
    }

    /** A name that stays {@code name} until a reload renames the frontend. */
    public static FrontendName of(String name) {
        return new FrontendName(name);
    }

    /** The frontend's name in {@code plan}. */
    public String in(RuntimePlan plan) {
        List<Entry> list = entries;
        if (list.size() == 1) {
            return list.get(0).name();
        }
        for (Entry e : list) {
            if (e.plan() == plan) {
                return e.name();
            }
        }
        for (Entry e : list) {
            if (plan.frontend(e.name()).isPresent()) {
                return e.name();
            }
        }
        return list.get(0).name();
    }

    /** The name in the newest plan. */
    public String latest() {
        return entries.get(0).name();
    }

    /** Records that in {@code plan} (not yet in force) the frontend is named {@code name}. */
    synchronized void rename(RuntimePlan plan, String name) {
        List<Entry> list = entries;
        if (list.get(0).name().equals(name)) {
            return;
        }
        List<Entry> next = new ArrayList<>(REMEMBERED);
        next.add(new Entry(plan, name));
        for (int i = 0; i < list.size() && next.size() < REMEMBERED; i++) {
            next.add(list.get(i));
        }
        entries = List.copyOf(next);
    }

    @Override
    public String toString() {
        return latest();
    }
}
