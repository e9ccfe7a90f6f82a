package dev.sluice.runtime.admin;

import dev.sluice.compiler.plan.Backend;
import dev.sluice.compiler.plan.Frontend;
import dev.sluice.compiler.plan.Plan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The proxies of a plan as the statistics list them: a frontend, a backend, or both for a
 * {@code listen} section, each with HAProxy's numeric id (its {@code id}, else the first number
 * not taken, counting from 1 in order). The order is the frontends' then the backends' (the plan
 * keeps each list in configuration order, not how they interleave).
 */
final class Proxies {

    /**
     * One proxy.
     *
     * @param name its name
     * @param id its numeric id ({@code iid}, {@code be_id})
     * @param forcedId whether the configuration set it ({@code id})
     * @param frontend its frontend side, or null
     * @param backend its backend side, or null
     */
    record Proxy(String name, int id, boolean forcedId, Frontend frontend, Backend backend) {}

    private final List<Proxy> list;

    private Proxies(List<Proxy> list) {
        this.list = List.copyOf(list);
    }

    static Proxies of(Plan plan) {
        Map<String, Frontend> frontends = new LinkedHashMap<>();
        Map<String, Backend> backends = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (Frontend f : plan.frontends()) {
            frontends.put(f.name(), f);
            names.add(f.name());
        }
        for (Backend b : plan.backends()) {
            backends.put(b.name(), b);
            if (!frontends.containsKey(b.name())) {
                names.add(b.name());
            }
        }
        Set<Long> taken = new HashSet<>();
        for (String n : names) {
            Long id = explicitId(frontends.get(n), backends.get(n));
            if (id != null) {
                taken.add(id);
            }
        }
        List<Proxy> out = new ArrayList<>();
        long next = 1;
        for (String n : names) {
            Frontend f = frontends.get(n);
            Backend b = backends.get(n);
            Long id = explicitId(f, b);
            boolean forced = id != null;
            if (!forced) {
                while (taken.contains(next)) {
                    next++;
                }
                id = next;
                taken.add(next);
            }
            out.add(new Proxy(n, (int) (long) id, forced, f, b));
        }
        return new Proxies(out);
    }

    private static Long explicitId(Frontend f, Backend b) {
        return f != null && f.id() != null ? f.id() : b != null ? b.id() : null;
    }

    List<Proxy> all() {
        return list;
    }

    /** The proxy named {@code name} or numbered {@code name}. */
    Optional<Proxy> find(String name) {
        for (Proxy p : list) {
            if (p.name().equals(name)) {
                return Optional.of(p);
            }
        }
        for (Proxy p : list) {
            if (Integer.toString(p.id()).equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
