package dev.sluice.cli.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.interpret.InvalidInputException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.lib.filter.SortFilter;
import com.hubspot.jinjava.lib.filter.ToYamlFilter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The filters Sluice adds to Jinjava's: HAProxy's notations ({@code haproxy_word},
 * {@code haproxy_time}, {@code haproxy_size}, {@code server_lines}) and the Ansible filters
 * that haproxy.cfg templates of Ansible roles use and Jinjava lacks ({@code to_json},
 * {@code to_nice_json}, {@code to_yaml}, {@code to_nice_yaml}, {@code ternary},
 * {@code mandatory}, {@code dict2items}, {@code items2dict}, {@code combine}, {@code min},
 * {@code max}, {@code flatten}), and Jinjava's {@code sort} taking Jinja2's named arguments.
 */
final class Filters {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Filters() {}

    static List<Filter> all() {
        return List.of(
                new Named("haproxy_word", (v, i, args, kw) -> HaproxyValues.word(text(v, i, "haproxy_word"))),
                new Named("haproxy_time", (v, i, args, kw) -> {
                    required(v, i, "haproxy_time");
                    Object unit = arg(args, kw, 0, "unit");
                    try {
                        return HaproxyValues.time(v, unit == null ? null : unit.toString());
                    } catch (IllegalArgumentException e) {
                        throw invalid(i, "haproxy_time", e.getMessage());
                    }
                }),
                new Named("haproxy_size", (v, i, args, kw) -> {
                    required(v, i, "haproxy_size");
                    try {
                        return HaproxyValues.size(v);
                    } catch (IllegalArgumentException | ArithmeticException e) {
                        throw invalid(i, "haproxy_size", e.getMessage());
                    }
                }),
                new Named("server_lines", Filters::serverLines),
                new Named("to_json", (v, i, args, kw) -> pythonJson(v, null, "")),
                new Named("to_nice_json", (v, i, args, kw) -> {
                    Object indent = arg(args, kw, 0, "indent");
                    return pythonJson(v, " ".repeat(indent == null ? 4 : integer(indent, i, "to_nice_json")), "");
                }),
                new Named("to_yaml", (v, i, args, kw) -> new ToYamlFilter().filter(v, i)),
                new Named("to_nice_yaml", (v, i, args, kw) -> new ToYamlFilter().filter(v, i)),
                new Named("ternary", (v, i, args, kw) -> {
                    if (args.length < 2) {
                        throw invalid(i, "ternary", "ternary needs two values: cond | ternary(if_true, if_false)");
                    }
                    if (v == null && args.length > 2) {
                        return args[2];
                    }
                    return truthy(v) ? args[0] : args[1];
                }),
                new Named("mandatory", (v, i, args, kw) -> {
                    if (v == null) {
                        Object msg = arg(args, kw, 0, "msg");
                        throw invalid(i, "mandatory", msg != null ? msg.toString() : "a mandatory value is undefined");
                    }
                    return v;
                }),
                new Named("dict2items", Filters::dictToItems),
                new Named("items2dict", Filters::itemsToDict),
                new Named("combine", Filters::combine),
                new Named("min", (v, i, args, kw) -> extreme(v, i, "min", -1)),
                new Named("max", (v, i, args, kw) -> extreme(v, i, "max", 1)),
                new Named("sort", (v, i, args, kw) -> {
                    // Jinjava's sort, taking Jinja2's named arguments too: sort(attribute='name', reverse=true)
                    Object reverse = arg(args, kw, 0, "reverse");
                    Object caseSensitive = arg(args, kw, 1, "case_sensitive");
                    Object attribute = arg(args, kw, 2, "attribute");
                    List<String> positional = new ArrayList<>(List.of(String.valueOf(truthy(reverse)),
                            String.valueOf(truthy(caseSensitive))));
                    if (attribute != null) {
                        positional.add(attribute.toString());
                    }
                    return new SortFilter().filter(v, i, positional.toArray(String[]::new));
                }),
                new Named("flatten", (v, i, args, kw) -> {
                    Object levels = arg(args, kw, 0, "levels");
                    List<Object> out = new ArrayList<>();
                    flatten(list(v, i, "flatten"), levels == null ? Integer.MAX_VALUE : integer(levels, i, "flatten"), out);
                    return out;
                }));
    }

    /**
     * {@code filter} as it runs in a marked template: a text it is given has no line markers, so
     * that no filter counts, encodes or reorders them ({@code length}, {@code b64encode},
     * {@code urlencode}); the lines of its result belong to the line of the expression.
     */
    static Filter withoutMarkers(Filter filter) {
        return new WithoutMarkers(filter);
    }

    private record WithoutMarkers(Filter filter) implements Filter {

        @Override
        public String getName() {
            return filter.getName();
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            return filter.filter(MarkedTemplate.withoutMarkers(var), interpreter, args);
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            return filter.filter(MarkedTemplate.withoutMarkers(var), interpreter, args, kwargs);
        }

        @Override
        public boolean preserveSafeString() {
            return filter.preserveSafeString();
        }
    }

    /** A filter's body, with its positional and named arguments as objects. */
    @FunctionalInterface
    interface Body {
        Object apply(Object value, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs);
    }

    /** A Jinjava filter from a name and a body. */
    private record Named(String name, Body body) implements Filter {

        @Override
        public String getName() {
            return name;
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            return body.apply(var, interpreter, args, Map.of());
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            return body.apply(var, interpreter, args, kwargs);
        }
    }

    // ---- server_lines

    private static final Set<String> ADDRESS_KEYS = Set.of("address", "host", "ip");
    private static final Set<String> OWN_KEYS = Set.of("name", "address", "host", "ip", "port", "options");

    /**
     * {@code servers | server_lines(defaults='', indent=4, port=none)}: one {@code server} line per
     * map in the list, joined by a line break and {@code indent} spaces (the first line takes the
     * indentation of the expression). A map has {@code name}, one of {@code address}, {@code host}
     * or {@code ip}, an optional {@code port} (else {@code port=}), optional {@code options} (text
     * or list, written as is), and any other keys as server keywords, in order, {@code _} written
     * as {@code -}: {@code true} is the keyword alone, {@code false} and null leave it out, a list
     * is joined with commas, anything else is the keyword and its value as one word.
     */
    private static Object serverLines(Object value, JinjavaInterpreter interpreter, Object[] args,
            Map<String, Object> kwargs) {
        Object defaults = arg(args, kwargs, 0, "defaults");
        Object indentArg = arg(args, kwargs, 1, "indent");
        Object defaultPort = arg(args, kwargs, 2, "port");
        int indent = indentArg == null ? 4 : integer(indentArg, interpreter, "server_lines");
        List<Object> servers = list(value, interpreter, "server_lines");
        List<String> lines = new ArrayList<>();
        int index = 0;
        for (Object item : servers) {
            index++;
            if (!(item instanceof Map<?, ?> server)) {
                throw invalid(interpreter, "server_lines", "server " + index + " is " + describe(item)
                        + ", not a map with name, address and port");
            }
            Object name = server.get("name");
            Object address = ADDRESS_KEYS.stream().map(server::get).filter(Objects::nonNull).findFirst().orElse(null);
            if (name == null || address == null) {
                throw invalid(interpreter, "server_lines", "server " + index + " needs a name and an address (or host, or ip): "
                        + server.keySet());
            }
            Object port = server.get("port") != null ? server.get("port") : defaultPort;
            StringBuilder b = new StringBuilder("server ").append(HaproxyValues.word(name.toString())).append(' ');
            String addr = address.toString();
            b.append(HaproxyValues.word(port == null ? addr : addr + ":" + port));
            if (defaults != null && !defaults.toString().isBlank()) {
                b.append(' ').append(defaults.toString().strip());
            }
            for (Map.Entry<?, ?> e : server.entrySet()) {
                String key = String.valueOf(e.getKey());
                Object v = e.getValue();
                if (OWN_KEYS.contains(key) || v == null || Boolean.FALSE.equals(v)) {
                    continue;
                }
                String keyword = key.replace('_', '-');
                if (Boolean.TRUE.equals(v)) {
                    b.append(' ').append(keyword);
                } else if (v instanceof Collection<?> c) {
                    b.append(' ').append(keyword).append(' ').append(HaproxyValues.word(
                            String.join(",", c.stream().map(String::valueOf).toList())));
                } else {
                    b.append(' ').append(keyword).append(' ').append(HaproxyValues.word(String.valueOf(v)));
                }
            }
            Object options = server.get("options");
            if (options instanceof Collection<?> c) {
                c.forEach(o -> b.append(' ').append(o));
            } else if (options != null && !options.toString().isBlank()) {
                b.append(' ').append(options.toString().strip());
            }
            lines.add(b.toString());
        }
        return String.join("\n" + " ".repeat(indent), lines);
    }

    // ---- Ansible's filters

    private static Object dictToItems(Object value, JinjavaInterpreter interpreter, Object[] args,
            Map<String, Object> kwargs) {
        if (!(value instanceof Map<?, ?> map)) {
            throw invalid(interpreter, "dict2items", "dict2items needs a map, not " + describe(value));
        }
        String keyName = String.valueOf(Objects.requireNonNullElse(kwargs.get("key_name"), "key"));
        String valueName = String.valueOf(Objects.requireNonNullElse(kwargs.get("value_name"), "value"));
        List<Object> items = new ArrayList<>();
        map.forEach((k, v) -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put(keyName, k);
            item.put(valueName, v);
            items.add(item);
        });
        return items;
    }

    private static Object itemsToDict(Object value, JinjavaInterpreter interpreter, Object[] args,
            Map<String, Object> kwargs) {
        String keyName = String.valueOf(Objects.requireNonNullElse(kwargs.get("key_name"), "key"));
        String valueName = String.valueOf(Objects.requireNonNullElse(kwargs.get("value_name"), "value"));
        Map<Object, Object> result = new LinkedHashMap<>();
        for (Object item : list(value, interpreter, "items2dict")) {
            if (!(item instanceof Map<?, ?> m) || !m.containsKey(keyName)) {
                throw invalid(interpreter, "items2dict", "items2dict needs maps with '" + keyName + "' and '"
                        + valueName + "', not " + describe(item));
            }
            result.put(m.get(keyName), m.get(valueName));
        }
        return result;
    }

    private static Object combine(Object value, JinjavaInterpreter interpreter, Object[] args,
            Map<String, Object> kwargs) {
        boolean recursive = truthy(kwargs.get("recursive"));
        Map<Object, Object> result = mapArg(value, interpreter);
        for (Object other : args) {
            merge(result, mapArg(other, interpreter), recursive);
        }
        return result;
    }

    private static Map<Object, Object> mapArg(Object value, JinjavaInterpreter interpreter) {
        if (!(value instanceof Map<?, ?> map)) {
            throw invalid(interpreter, "combine", "combine needs maps, not " + describe(value));
        }
        return new LinkedHashMap<>(map);
    }

    private static void merge(Map<Object, Object> into, Map<Object, Object> from, boolean recursive) {
        from.forEach((k, v) -> {
            if (recursive && into.get(k) instanceof Map<?, ?> a && v instanceof Map<?, ?> b) {
                Map<Object, Object> merged = new LinkedHashMap<>(a);
                merge(merged, new LinkedHashMap<>(b), true);
                into.put(k, merged);
            } else {
                into.put(k, v);
            }
        });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object extreme(Object value, JinjavaInterpreter interpreter, String name, int sign) {
        Object best = null;
        for (Object o : list(value, interpreter, name)) {
            if (best == null) {
                best = o;
                continue;
            }
            int c;
            if (o instanceof Number a && best instanceof Number b) {
                c = Double.compare(a.doubleValue(), b.doubleValue());
            } else if (o instanceof Comparable a && best != null && a.getClass() == best.getClass()) {
                c = a.compareTo(best);
            } else {
                throw invalid(interpreter, name, name + " cannot compare " + describe(o) + " with " + describe(best));
            }
            if (c * sign > 0) {
                best = o;
            }
        }
        return best;
    }

    private static void flatten(Collection<?> items, int levels, List<Object> out) {
        for (Object o : items) {
            if (o instanceof Collection<?> c && levels > 0) {
                flatten(c, levels - 1, out);
            } else if (o != null) {
                out.add(o);
            }
        }
    }

    /** JSON as Python's {@code json.dumps} writes it, which Ansible's {@code to_json} uses. */
    private static String pythonJson(Object value, String indent, String at) {
        String nl = indent == null ? "" : "\n" + at + indent;
        String end = indent == null ? "" : "\n" + at;
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                return "{}";
            }
            StringBuilder b = new StringBuilder("{");
            Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                b.append(nl).append(quote(String.valueOf(e.getKey()))).append(": ")
                        .append(pythonJson(e.getValue(), indent, indent == null ? at : at + indent));
                if (it.hasNext()) {
                    b.append(indent == null ? ", " : ",");
                }
            }
            return b.append(end).append('}').toString();
        }
        if (value instanceof Collection<?> list) {
            if (list.isEmpty()) {
                return "[]";
            }
            StringBuilder b = new StringBuilder("[");
            Iterator<?> it = list.iterator();
            while (it.hasNext()) {
                b.append(nl).append(pythonJson(it.next(), indent, indent == null ? at : at + indent));
                if (it.hasNext()) {
                    b.append(indent == null ? ", " : ",");
                }
            }
            return b.append(end).append(']').toString();
        }
        if (value == null) {
            return "null";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return quote(value.toString());
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- helpers

    private static Object arg(Object[] args, Map<String, Object> kwargs, int position, String name) {
        if (kwargs.containsKey(name)) {
            return kwargs.get(name);
        }
        return position < args.length ? args[position] : null;
    }

    private static void required(Object value, JinjavaInterpreter interpreter, String filter) {
        if (value == null) {
            throw invalid(interpreter, filter, filter + " was given no value");
        }
    }

    private static String text(Object value, JinjavaInterpreter interpreter, String filter) {
        required(value, interpreter, filter);
        return value.toString();
    }

    private static int integer(Object value, JinjavaInterpreter interpreter, String filter) {
        try {
            return value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString().strip());
        } catch (NumberFormatException e) {
            throw invalid(interpreter, filter, filter + ": '" + value + "' is not a whole number");
        }
    }

    private static List<Object> list(Object value, JinjavaInterpreter interpreter, String filter) {
        if (value instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        if (value instanceof Object[] a) {
            return new ArrayList<>(List.of(a));
        }
        throw invalid(interpreter, filter, filter + " needs a list, not " + describe(value));
    }

    static boolean truthy(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (value instanceof String s) {
            return !s.isEmpty();
        }
        if (value instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing (undefined or null)";
        }
        if (value instanceof Map<?, ?>) {
            return "a map";
        }
        if (value instanceof Collection<?>) {
            return "a list";
        }
        if (value instanceof String s) {
            return "the text '" + s + "'";
        }
        return "the value " + value;
    }

    private static InvalidInputException invalid(JinjavaInterpreter interpreter, String filter, String message) {
        return new InvalidInputException(interpreter, filter, message);
    }
}
