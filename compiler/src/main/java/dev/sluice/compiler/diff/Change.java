package dev.sluice.compiler.diff;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One difference between two plans.
 *
 * <p>The path names where it is. Its first step is the section ({@code frontend web},
 * {@code backend app}, {@code global}, {@code userlist ops}, ...); the next steps are record
 * fields as the plan's JSON names them ({@code timeouts}, {@code clientMs}), objects known by
 * their identity ({@code server s1}, {@code listener *:80}, {@code acl is_api}), or list elements
 * by position ({@code httpRequest[2]}). A step that names an object holds a space; a field never
 * does.
 *
 * <p>The values are the plan's own: records of {@code dev.sluice.compiler.plan}, lists, maps,
 * strings, numbers, booleans, or null for "not set".
 *
 * @param kind added, removed or changed
 * @param path where, from the section down
 * @param oldValue the value before; null for an addition (or a setting that was not set)
 * @param newValue the value after; null for a removal (or a setting no longer set)
 * @param apply how it can be applied
 */
public record Change(Kind kind, List<String> path, Object oldValue, Object newValue, Apply apply) {

    public Change {
        Objects.requireNonNull(kind, "kind");
        path = List.copyOf(path);
        Objects.requireNonNull(apply, "apply");
    }

    /** What happened to the thing at the path. */
    public enum Kind {
        /** It is new: an object, a map entry or a list element that was not there. */
        ADD,
        /** It is gone. */
        REMOVE,
        /** It is there before and after, with another value. */
        CHANGE;

        /** The name in output: {@code add}, {@code remove}, {@code change}. */
        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
