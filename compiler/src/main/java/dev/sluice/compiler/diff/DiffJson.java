package dev.sluice.compiler.diff;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.compiler.plan.PlanJson;

/**
 * A diff as JSON, for scripts: the same changes as the text, with the values as the plan's JSON
 * writes them.
 *
 * <pre>
 * {
 *   "changes": [
 *     {"kind": "change", "path": ["backend app", "server s1", "weight"], "old": 1, "new": 10, "apply": "runtime"},
 *     {"kind": "add", "path": ["backend app", "server s3"], "new": {...}, "apply": "reload"}
 *   ],
 *   "summary": {"add": 1, "change": 1, "remove": 0, "apply": "reload", "text": "1 to add, ..."}
 * }
 * </pre>
 *
 * <p>{@code old} is there for removals and changes, {@code new} for additions and changes; a
 * setting that is not set is {@code null}. {@code summary.apply} is the heaviest of the changes'
 * and is left out when nothing changes. Written in the plan's layout (two-space indentation,
 * ASCII, a final newline).
 */
public final class DiffJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DiffJson() {}

    public static String write(PlanDiff diff) {
        ObjectNode root = NODES.objectNode();
        ArrayNode changes = root.putArray("changes");
        for (Change c : diff.changes()) {
            ObjectNode o = changes.addObject();
            o.put("kind", c.kind().id());
            ArrayNode path = o.putArray("path");
            c.path().forEach(path::add);
            if (c.kind() != Change.Kind.ADD) {
                o.set("old", PlanJson.tree(c.oldValue()));
            }
            if (c.kind() != Change.Kind.REMOVE) {
                o.set("new", PlanJson.tree(c.newValue()));
            }
            o.put("apply", c.apply().id());
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("add", diff.count(Change.Kind.ADD));
        summary.put("change", diff.count(Change.Kind.CHANGE));
        summary.put("remove", diff.count(Change.Kind.REMOVE));
        if (diff.apply() != null) {
            summary.put("apply", diff.apply().id());
        }
        summary.put("text", DiffText.summary(diff));
        return PlanJson.write(root);
    }
}
