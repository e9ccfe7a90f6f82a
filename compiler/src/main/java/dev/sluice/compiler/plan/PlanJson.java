package dev.sluice.compiler.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The plan as JSON. The bytes depend on the plan alone: fields in the records' declared order
 * ({@code schemaVersion} first), map entries sorted by key, null fields left out, two-space
 * indentation, {@code \n} line ends and a final newline. Characters outside ASCII are escaped, so
 * the text is the same bytes in any encoding.
 */
public final class PlanJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private static final ObjectWriter WRITER;

    static {
        WRITER = MAPPER.writer(new Printer());
    }

    /** Two-space indentation, {@code "key": value}, and {@code []} / {@code {}} for empty containers. */
    private static final class Printer extends DefaultPrettyPrinter {

        private static final long serialVersionUID = 1L;

        Printer() {
            super(DefaultPrettyPrinter.DEFAULT_ROOT_VALUE_SEPARATOR);
            _separators = Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER);
            _objectFieldValueSeparatorWithSpaces = ": ";
            DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
            indentObjectsWith(indenter);
            indentArraysWith(indenter);
        }

        @Override
        public DefaultPrettyPrinter createInstance() {
            return new Printer();
        }

        @Override
        public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
            if (nrOfValues == 0) {
                _nesting--;
                g.writeRaw(']');
                return;
            }
            super.writeEndArray(g, nrOfValues);
        }

        @Override
        public void writeEndObject(JsonGenerator g, int nrOfEntries) throws IOException {
            if (nrOfEntries == 0) {
                _nesting--;
                g.writeRaw('}');
                return;
            }
            super.writeEndObject(g, nrOfEntries);
        }
    }

    private PlanJson() {}

    /** The plan's JSON text, ending with a newline. */
    public static String write(Plan plan) {
        try {
            return WRITER.writeValueAsString(plan) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A plan, or any value inside it (a record, a list, a string, ...), as the JSON tree
     * {@link #write(Plan)} would write for it: nulls left out, map entries sorted.
     */
    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** A JSON tree in the plan's layout: two-space indentation, ASCII only, a final newline. */
    public static String write(JsonNode tree) {
        try {
            return WRITER.writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a plan written by {@link #write(Plan)}.
     *
     * @throws IllegalArgumentException when the text is not a plan of {@link Plan#SCHEMA_VERSION}
     */
    public static Plan read(String json) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            int version = tree == null ? -1 : tree.path("schemaVersion").asInt(-1);
            if (version != Plan.SCHEMA_VERSION) {
                throw new IllegalArgumentException("unsupported plan schema version " + version + " (expected "
                        + Plan.SCHEMA_VERSION + ")");
            }
            return MAPPER.treeToValue(tree, Plan.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a plan: " + e.getOriginalMessage(), e);
        }
    }
}
