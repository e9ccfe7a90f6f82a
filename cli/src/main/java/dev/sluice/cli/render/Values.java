package dev.sluice.cli.render;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables a template sees: values files merged in order (a later file wins, maps are
 * merged key by key at every depth, anything else is replaced), then {@code --set KEY=VALUE}
 * assignments with dotted keys and typed scalars.
 */
public final class Values {

    private static final Pattern INTEGER = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?([0-9]+\\.[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");
    private static final Pattern INDEX = Pattern.compile("0|[1-9][0-9]*");

    private Values() {}

    /**
     * Reads a values file: JSON when its name ends in {@code .json}, YAML otherwise (YAML 1.1
     * scalars, as Ansible reads them: {@code yes} and {@code on} are true). Its top level must be a
     * map; an empty file is an empty map.
     */
    public static Map<String, Object> load(Path file) throws ValuesException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ValuesException(file + ": no such values file");
        } catch (CharacterCodingException e) {
            throw new ValuesException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new ValuesException(file + ": cannot read: " + e.getMessage());
        }
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        ObjectMapper mapper = json ? new JsonMapper() : new YAMLMapper();
        Object value;
        try {
            JsonNode tree = mapper.readTree(text);
            value = tree == null || tree.isMissingNode() ? null : mapper.treeToValue(tree, Object.class);
        } catch (JacksonException e) {
            throw new ValuesException(problem(file, e, json));
        }
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new ValuesException(file + ": the top level must be a map of names to values, not "
                    + describe(value));
        }
        return copy(map);
    }

    /** {@code over} merged into a copy of {@code base}: maps merged at every depth, the rest replaced. */
    public static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> result = copy(base);
        for (Map.Entry<String, Object> e : over.entrySet()) {
            Object old = result.get(e.getKey());
            if (old instanceof Map<?, ?> a && e.getValue() instanceof Map<?, ?> b) {
                result.put(e.getKey(), merge(copy(a), copy(b)));
            } else {
                result.put(e.getKey(), deepCopy(e.getValue()));
            }
        }
        return result;
    }

    /**
     * Applies one {@code --set KEY=VALUE}: {@code KEY} is a dotted path ({@code a.b.c}, maps made
     * as needed; a number indexes an existing list; {@code \.} is a dot inside a name) and
     * {@code VALUE} a typed scalar, see {@link #scalar}.
     */
    public static void set(Map<String, Object> values, String assignment) throws ValuesException {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new ValuesException("--set " + assignment + ": expected KEY=VALUE");
        }
        List<String> path = splitKey(assignment.substring(0, eq));
        if (path.stream().anyMatch(String::isEmpty)) {
            throw new ValuesException("--set " + assignment + ": empty name in the key");
        }
        Object value = scalar(assignment.substring(eq + 1));
        Object container = values;
        for (int i = 0; i < path.size(); i++) {
            String name = path.get(i);
            boolean last = i == path.size() - 1;
            String where = String.join(".", path.subList(0, i));
            if (container instanceof Map<?, ?> raw) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) raw;
                if (last) {
                    map.put(name, value);
                    return;
                }
                Object next = map.get(name);
                if (next == null) {
                    next = new LinkedHashMap<String, Object>();
                    map.put(name, next);
                }
                container = next;
            } else if (container instanceof List<?> raw && INDEX.matcher(name).matches()) {
                @SuppressWarnings("unchecked")
                List<Object> list = (List<Object>) raw;
                int index = Integer.parseInt(name);
                if (index >= list.size()) {
                    throw new ValuesException("--set " + assignment + ": " + where + " has " + list.size()
                            + " item(s), no item " + index);
                }
                if (last) {
                    list.set(index, value);
                    return;
                }
                container = list.get(index);
            } else {
                throw new ValuesException("--set " + assignment + ": " + where + " is " + describe(container)
                        + ", not a map");
            }
        }
    }

    /**
     * Types a {@code --set} value: {@code null} and {@code ~}; {@code true}, {@code false},
     * {@code yes}, {@code no}, {@code on}, {@code off} (any case); integers without leading zeros;
     * decimals; a YAML flow list {@code [a, b]} or map {@code {a: 1}}; text in single or double
     * quotes is that text; anything else is a string as written.
     */
    public static Object scalar(String text) throws ValuesException {
        String lower = text.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "null", "~" -> {
                return null;
            }
            case "true", "yes", "on" -> {
                return Boolean.TRUE;
            }
            case "false", "no", "off" -> {
                return Boolean.FALSE;
            }
            default -> { }
        }
        if (INTEGER.matcher(text).matches()) {
            BigInteger big = new BigInteger(text.startsWith("+") ? text.substring(1) : text);
            if (big.bitLength() < 32) {
                return big.intValue();
            }
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        if (DECIMAL.matcher(text).matches()) {
            return Double.parseDouble(text);
        }
        if (text.length() >= 2 && (text.startsWith("'") && text.endsWith("'")
                || text.startsWith("\"") && text.endsWith("\""))) {
            return text.substring(1, text.length() - 1);
        }
        if (text.startsWith("[") && text.endsWith("]") || text.startsWith("{") && text.endsWith("}")) {
            try {
                Object value = new YAMLMapper().readValue(text, Object.class);
                return deepCopy(value);
            } catch (JacksonException e) {
                throw new ValuesException("--set value " + text + ": not a valid YAML list or map: "
                        + firstLine(e.getOriginalMessage()));
            }
        }
        return text;
    }

    private static final Pattern YAML_MARK = Pattern.compile("^ in '[^']*', line ([0-9]+), column [0-9]+:$");

    /**
     * {@code FILE:LINE: not valid YAML: PROBLEM}: for YAML, the problem SnakeYAML names last and
     * the line it marks, not the construct it was inside ("while parsing a flow node").
     */
    private static String problem(Path file, JacksonException e, boolean json) {
        JsonLocation where = e.getLocation();
        int line = where != null ? where.getLineNr() : 0;
        String problem = firstLine(e.getOriginalMessage());
        if (!json && e.getOriginalMessage() != null) {
            String last = null;
            for (String l : e.getOriginalMessage().split("\n")) {
                Matcher m = YAML_MARK.matcher(l);
                if (m.matches() && last != null) {
                    problem = last;
                    line = Integer.parseInt(m.group(1));
                } else if (!l.isBlank() && !l.startsWith(" ")) {
                    last = l;
                }
            }
        }
        return file + (line > 0 ? ":" + line : "") + ": not valid " + (json ? "JSON" : "YAML") + ": " + problem;
    }

    private static List<String> splitKey(String key) {
        List<String> parts = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '\\' && i + 1 < key.length() && key.charAt(i + 1) == '.') {
                b.append('.');
                i++;
            } else if (c == '.') {
                parts.add(b.toString());
                b.setLength(0);
            } else {
                b.append(c);
            }
        }
        parts.add(b.toString());
        return parts;
    }

    private static Map<String, Object> copy(Map<?, ?> map) {
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((k, v) -> result.put(String.valueOf(k), deepCopy(v)));
        return result;
    }

    private static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> m) {
            return copy(m);
        }
        if (value instanceof List<?> l) {
            List<Object> result = new ArrayList<>(l.size());
            l.forEach(v -> result.add(deepCopy(v)));
            return result;
        }
        return value;
    }

    private static String describe(Object value) {
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof String s) {
            return "the text '" + s + "'";
        }
        return "the value " + value;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
