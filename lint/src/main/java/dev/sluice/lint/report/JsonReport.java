package dev.sluice.lint.report;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.lint.Finding;
import java.util.List;

/**
 * A JSON array with one object per finding: {@code file}, {@code line}, {@code column}, {@code
 * severity}, {@code rule}, {@code message}, and {@code fix} (its description) when the finding
 * has a mechanical fix.
 */
public final class JsonReport {

    /** Non-ASCII characters are written as escapes, so the output is the same bytes in any encoding. */
    static final ObjectMapper MAPPER = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private JsonReport() {
    }

    public static String render(List<Finding> findings) {
        ArrayNode array = MAPPER.createArrayNode();
        for (Finding f : findings) {
            ObjectNode o = array.addObject();
            o.put("file", f.span().file());
            o.put("line", f.span().line());
            o.put("column", f.span().column());
            o.put("severity", f.severity().id());
            o.put("rule", f.rule());
            o.put("message", f.message());
            f.fix().ifPresent(fix -> o.put("fix", fix.description()));
        }
        return write(array);
    }

    static String write(Object tree) {
        try {
            DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter();
            printer.indentObjectsWith(indenter);
            printer.indentArraysWith(indenter);
            return MAPPER.writer(printer).writeValueAsString(tree) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
