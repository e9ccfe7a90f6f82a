package dev.sluice.compiler.diff;

import dev.sluice.compiler.plan.Acl;
import dev.sluice.compiler.plan.Backend;
import dev.sluice.compiler.plan.CookiePersistence;
import dev.sluice.compiler.plan.ErrorPage;
import dev.sluice.compiler.plan.Frontend;
import dev.sluice.compiler.plan.Global;
import dev.sluice.compiler.plan.HealthCheck;
import dev.sluice.compiler.plan.HttpErrors;
import dev.sluice.compiler.plan.Listener;
import dev.sluice.compiler.plan.Monitor;
import dev.sluice.compiler.plan.Peers;
import dev.sluice.compiler.plan.Plan;
import dev.sluice.compiler.plan.RawSection;
import dev.sluice.compiler.plan.Resolvers;
import dev.sluice.compiler.plan.Rules;
import dev.sluice.compiler.plan.Server;
import dev.sluice.compiler.plan.ServerCheck;
import dev.sluice.compiler.plan.ServerSsl;
import dev.sluice.compiler.plan.StatsPage;
import dev.sluice.compiler.plan.StatsSocket;
import dev.sluice.compiler.plan.StickTable;
import dev.sluice.compiler.plan.Term;
import dev.sluice.compiler.plan.Timeouts;
import dev.sluice.compiler.plan.UserList;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The behavioural difference between two plans: what deploying the new one changes.
 *
 * <p>Plans carry no positions and have their defaults applied, so comments, layout, quoting and
 * the order of independent sections make no difference, and a change in a {@code defaults}
 * section shows on every proxy that inherits it. The walk compares the plans' records field by
 * field:
 * <ul>
 *   <li>objects with an identity are matched by it, wherever they sit in their list: sections by
 *       name (proxies, userlists, peers, resolvers, http-errors), listeners and stats sockets by
 *       address, servers, ACLs, users, groups, peers, nameservers, stick tables and the data
 *       they store by name, error pages by status, unmodelled directives by their words. A
 *       renamed server is a removal and an addition; a listener moved to another port too. Where
 *       the order of such objects matters ({@link #ORDERED}: servers), a new order of the ones
 *       both sides have is one more change.
 *   <li>every other list is compared position by position, so a moved rule is a change at each
 *       position it left and took. Lists of plain words ({@code alpn}, {@code retryOn}) are
 *       compared whole.
 *   <li>the objects in {@link #OBJECTS} are walked field by field; everything else (a rule, a
 *       condition, an ACL, an address, a log target, ...) is one value, compared whole.
 *   <li>a proxy's conditions carry the definitions of the ACLs they name; those are left out of
 *       the comparison, the ACLs themselves being compared by name, so a changed ACL is one
 *       change and not one more per rule that uses it. The rules a proxy inherits from a named
 *       defaults section keep them: that section's ACLs appear nowhere else.
 * </ul>
 *
 * @param changes in the order of the plan: the global section, frontends, backends, userlists,
 *     peers, resolvers, http-errors, other sections; within a list, removals first
 */
public record PlanDiff(List<Change> changes) {

    /** The records compared field by field; any other value is compared whole. */
    static final Set<Class<?>> OBJECTS = Set.of(Plan.class, Global.class, Frontend.class, Backend.class,
            Listener.class, Server.class, ServerCheck.class, ServerSsl.class, Timeouts.class, Rules.class,
            HealthCheck.class, CookiePersistence.class, StickTable.class, StatsPage.class, Monitor.class,
            UserList.class, UserList.User.class, UserList.Group.class, Peers.class, Peers.Peer.class,
            Resolvers.class, Resolvers.Nameserver.class, HttpErrors.class, RawSection.class, StatsSocket.class);

    /**
     * The lists whose elements have an identity, by {@code Record.component}: the step that names
     * an element (its kind and its identity). Every other list is compared by position.
     */
    static final Map<String, Function<Object, String>> IDENTITIES = identities();

    /**
     * The lists of identified objects whose order also matters: servers (their ids follow it when
     * not set, and {@code balance first} takes them in that order). When the objects both sides
     * have are not in the same order, the list's names before and after are one more change.
     */
    static final Set<String> ORDERED = Set.of("Backend.servers");

    public PlanDiff {
        changes = List.copyOf(changes);
    }

    /** What changes from {@code oldPlan} to {@code newPlan}. */
    public static PlanDiff between(Plan oldPlan, Plan newPlan) {
        Walk walk = new Walk();
        walk.value(List.of(), null, oldPlan, newPlan, false);
        return new PlanDiff(walk.changes);
    }

    /** True when the plans behave the same. */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** How many changes of that kind. */
    public long count(Change.Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).count();
    }

    /** How many changes need {@code apply}. */
    public long count(Apply apply) {
        return changes.stream().filter(c -> c.apply() == apply).count();
    }

    /** The heaviest way of applying that some change needs; null when there is no change. */
    public Apply apply() {
        return changes.stream().map(Change::apply).max(Enum::compareTo).orElse(null);
    }

    private static Map<String, Function<Object, String>> identities() {
        Map<String, Function<Object, String>> m = new HashMap<>();
        m.put("Plan.frontends", o -> "frontend " + ((Frontend) o).name());
        m.put("Plan.backends", o -> "backend " + ((Backend) o).name());
        m.put("Plan.userlists", o -> "userlist " + ((UserList) o).name());
        m.put("Plan.peers", o -> "peers " + ((Peers) o).name());
        m.put("Plan.resolvers", o -> "resolvers " + ((Resolvers) o).name());
        m.put("Plan.httpErrors", o -> "http-errors " + ((HttpErrors) o).name());
        m.put("Plan.otherSections", o -> {
            RawSection s = (RawSection) o;
            return s.name().isEmpty() ? s.type() : s.type() + " " + s.name();
        });
        m.put("Global.statsSockets", o -> "stats-socket " + ((StatsSocket) o).address());
        Function<Object, String> listener = o -> "listener " + ((Listener) o).address();
        m.put("Frontend.listeners", listener);
        m.put("Peers.binds", listener);
        Function<Object, String> acl = o -> "acl " + ((Acl) o).name();
        m.put("Frontend.acls", acl);
        m.put("Backend.acls", acl);
        Function<Object, String> errorPage = o -> "error-page " + ((ErrorPage) o).status();
        m.put("Frontend.errorPages", errorPage);
        m.put("Backend.errorPages", errorPage);
        m.put("HttpErrors.errorPages", errorPage);
        m.put("Backend.servers", o -> "server " + ((Server) o).name());
        m.put("UserList.users", o -> "user " + ((UserList.User) o).name());
        m.put("UserList.groups", o -> "group " + ((UserList.Group) o).name());
        m.put("StatsPage.users", o -> "user " + ((StatsPage.User) o).name());
        m.put("Peers.peers", o -> "peer " + ((Peers.Peer) o).name());
        m.put("Peers.tables", o -> "stick-table " + ((StickTable) o).name());
        m.put("StickTable.store", o -> "store " + ((StickTable.StoredData) o).name());
        m.put("Resolvers.nameservers", o -> "nameserver " + ((Resolvers.Nameserver) o).name());
        Function<Object, String> directive = o -> "directive " + o;
        for (String owner : List.of("Global", "Frontend", "Backend", "Peers", "Resolvers")) {
            m.put(owner + ".unmodelled", directive);
        }
        return Map.copyOf(m);
    }

    /** One comparison of two plans; collects the changes in walk order. */
    private static final class Walk {

        private static final Map<Class<?>, RecordComponent[]> COMPONENTS = new ConcurrentHashMap<>();

        final List<Change> changes = new ArrayList<>();

        /**
         * Compares the values at {@code path}.
         *
         * @param identity how to name the elements when the values are lists of identified objects
         * @param ownAcls true inside a proxy's own settings, where conditions name the proxy's ACLs
         */
        void value(List<String> path, Function<Object, String> identity, Object a, Object b, boolean ownAcls) {
            if (Objects.equals(a, b)) {
                return;
            }
            if (a instanceof List<?> x && b instanceof List<?> y && !(words(x) && words(y))) {
                if (identity != null) {
                    identified(path, identity, x, y, ownAcls);
                } else {
                    positional(path, x, y, ownAcls);
                }
            } else if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
                entries(path, x, y, ownAcls);
            } else if (a == null && isObject(b)) {
                add(path, b);
            } else if (b == null && isObject(a)) {
                remove(path, a);
            } else if (isObject(a) && a.getClass() == b.getClass()) {
                fields(path, (Record) a, (Record) b, ownAcls);
            } else if (!equivalent(a, b, ownAcls)) {
                changes.add(change(Change.Kind.CHANGE, path, a, b));
            }
        }

        private void fields(List<String> path, Record a, Record b, boolean ownAcls) {
            Class<?> type = a.getClass();
            boolean proxy = a instanceof Frontend || a instanceof Backend;
            for (RecordComponent c : components(type)) {
                String name = c.getName();
                // the rules inherited from a named defaults section name that section's ACLs
                boolean own = proxy ? !name.equals("defaultsRules") : ownAcls;
                String key = type.getSimpleName() + "." + name;
                Object x = get(c, a);
                Object y = get(c, b);
                value(append(path, name), IDENTITIES.get(key), x, y, own);
                if (ORDERED.contains(key)) {
                    order(append(path, name), IDENTITIES.get(key), (List<?>) x, (List<?>) y);
                }
            }
        }

        /** Elements matched by identity: removals in the old order, then the new list's order. */
        private void identified(List<String> path, Function<Object, String> identity, List<?> a, List<?> b,
                boolean ownAcls) {
            List<String> parent = path.subList(0, path.size() - 1);
            Map<String, Object> before = byIdentity(identity, a);
            Map<String, Object> after = byIdentity(identity, b);
            before.forEach((key, x) -> {
                if (!after.containsKey(key)) {
                    remove(append(parent, key), x);
                }
            });
            after.forEach((key, y) -> {
                List<String> p = append(parent, key);
                if (!before.containsKey(key)) {
                    add(p, y);
                } else {
                    element(p, before.get(key), y, ownAcls);
                }
            });
        }

        /** A change of the list's names when the elements both lists have are in another order. */
        private void order(List<String> path, Function<Object, String> identity, List<?> a, List<?> b) {
            List<String> before = new ArrayList<>(byIdentity(identity, a).keySet());
            List<String> after = new ArrayList<>(byIdentity(identity, b).keySet());
            List<String> common = new ArrayList<>(before);
            common.retainAll(after);
            List<String> commonAfter = new ArrayList<>(after);
            commonAfter.retainAll(before);
            if (!common.equals(commonAfter)) {
                changes.add(change(Change.Kind.CHANGE, path, names(before), names(after)));
            }
        }

        /** {@code server s1} to {@code s1}. */
        private static List<String> names(List<String> steps) {
            return steps.stream().map(s -> s.substring(s.indexOf(' ') + 1)).toList();
        }

        /** Elements matched by position: {@code field[i]}; the longer list's tail is added or removed. */
        private void positional(List<String> path, List<?> a, List<?> b, boolean ownAcls) {
            List<String> parent = path.subList(0, path.size() - 1);
            String field = path.get(path.size() - 1);
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                List<String> p = append(parent, field + "[" + i + "]");
                if (i >= b.size()) {
                    remove(p, a.get(i));
                } else if (i >= a.size()) {
                    add(p, b.get(i));
                } else {
                    element(p, a.get(i), b.get(i), ownAcls);
                }
            }
        }

        private void entries(List<String> path, Map<?, ?> a, Map<?, ?> b, boolean ownAcls) {
            Set<String> keys = new TreeSet<>();
            a.keySet().forEach(k -> keys.add(String.valueOf(k)));
            b.keySet().forEach(k -> keys.add(String.valueOf(k)));
            for (String key : keys) {
                List<String> p = append(path, key);
                if (!b.containsKey(key)) {
                    remove(p, a.get(key));
                } else if (!a.containsKey(key)) {
                    add(p, b.get(key));
                } else {
                    value(p, null, a.get(key), b.get(key), ownAcls);
                }
            }
        }

        /** Two elements at the same place: walked into when they are objects, otherwise compared whole. */
        private void element(List<String> path, Object a, Object b, boolean ownAcls) {
            if (Objects.equals(a, b)) {
                return;
            }
            if (isObject(a) && a.getClass() == b.getClass()) {
                fields(path, (Record) a, (Record) b, ownAcls);
            } else if (!equivalent(a, b, ownAcls)) {
                changes.add(change(Change.Kind.CHANGE, path, a, b));
            }
        }

        private void add(List<String> path, Object value) {
            changes.add(change(Change.Kind.ADD, path, null, value));
        }

        private void remove(List<String> path, Object value) {
            changes.add(change(Change.Kind.REMOVE, path, value, null));
        }

        private static Change change(Change.Kind kind, List<String> path, Object a, Object b) {
            return new Change(kind, path, a, b, ApplyPolicy.classify(kind, path, a, b));
        }

        /** By identity, in list order; a repeated identity is told apart as {@code #2}, {@code #3}, ... */
        private static Map<String, Object> byIdentity(Function<Object, String> identity, List<?> list) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Object o : list) {
                String key = identity.apply(o);
                String unique = key;
                for (int n = 2; m.containsKey(unique); n++) {
                    unique = key + " #" + n;
                }
                m.put(unique, o);
            }
            return m;
        }

        /**
         * Equal, or equal but for the definitions a proxy's conditions carry of the proxy's own
         * ACLs (compared by name elsewhere).
         */
        private static boolean equivalent(Object a, Object b, boolean ownAcls) {
            return Objects.equals(a, b) || ownAcls && sameButAclDefinitions(a, b);
        }

        /** Deep equality that takes two references to a named ACL for the same when their names are. */
        private static boolean sameButAclDefinitions(Object a, Object b) {
            if (a == b) {
                return true;
            }
            if (a == null || b == null || a.getClass() != b.getClass()) {
                return false;
            }
            if (a instanceof Term.AclRef x && b instanceof Term.AclRef y && !x.predefined() && !y.predefined()) {
                return x.name().equals(y.name()) && x.negated() == y.negated();
            }
            if (a instanceof List<?> x && b instanceof List<?> y) {
                if (x.size() != y.size()) {
                    return false;
                }
                for (int i = 0; i < x.size(); i++) {
                    if (!sameButAclDefinitions(x.get(i), y.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
                if (!x.keySet().equals(y.keySet())) {
                    return false;
                }
                for (Map.Entry<?, ?> e : x.entrySet()) {
                    if (!sameButAclDefinitions(e.getValue(), y.get(e.getKey()))) {
                        return false;
                    }
                }
                return true;
            }
            if (a instanceof Record x) {
                for (RecordComponent c : components(x.getClass())) {
                    if (!sameButAclDefinitions(get(c, x), get(c, (Record) b))) {
                        return false;
                    }
                }
                return true;
            }
            return a.equals(b);
        }

        /** A list of plain values (words, numbers), compared whole. */
        private static boolean words(Collection<?> list) {
            for (Object o : list) {
                if (o instanceof Record || o instanceof Collection || o instanceof Map) {
                    return false;
                }
            }
            return true;
        }

        static boolean isObject(Object o) {
            return o != null && OBJECTS.contains(o.getClass());
        }

        private static List<String> append(List<String> path, String step) {
            List<String> p = new ArrayList<>(path.size() + 1);
            p.addAll(path);
            p.add(step);
            return p;
        }

        private static RecordComponent[] components(Class<?> type) {
            return COMPONENTS.computeIfAbsent(type, Class::getRecordComponents);
        }

        private static Object get(RecordComponent c, Record r) {
            try {
                return c.getAccessor().invoke(r);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + c, e);
            }
        }
    }
}
