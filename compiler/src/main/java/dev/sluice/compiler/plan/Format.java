package dev.sluice.compiler.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Objects;

/**
 * A compiled log-format string ({@code log-format}, {@code unique-id-format}, a dynamic
 * {@code use_backend} name, the value of {@code set-header}, ...).
 *
 * @param text the string as written (decoded)
 * @param parts its pieces in order
 */
public record Format(String text, List<Format.Part> parts) {

    public Format {
        Objects.requireNonNull(text, "text");
        parts = List.copyOf(parts);
    }

    /** One piece of a format. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({@JsonSubTypes.Type(value = Text.class, name = "text"),
            @JsonSubTypes.Type(value = Alias.class, name = "alias"),
            @JsonSubTypes.Type(value = Sample.class, name = "sample")})
    public sealed interface Part {}

    /** Literal text, {@code %%} already turned into {@code %}. */
    public record Text(String text) implements Part {

        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * An alias such as {@code %ci}.
     *
     * @param name the alias without {@code %}
     * @param options the items between braces, e.g. {@code +Q}
     */
    public record Alias(String name, List<String> options) implements Part {

        public Alias {
            Objects.requireNonNull(name, "name");
            options = List.copyOf(options);
        }
    }

    /**
     * A sample expression, {@code %[...]}.
     *
     * @param call the expression
     * @param options the items between braces, e.g. {@code +Q}
     */
    public record Sample(SampleCall call, List<String> options) implements Part {

        public Sample {
            Objects.requireNonNull(call, "call");
            options = List.copyOf(options);
        }
    }
}
