package dev.sluice.runtime.conformance;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** One header line as it was on the wire. */
record Header(String name, String value) {

    Header {
        Objects.requireNonNull(name);
        Objects.requireNonNull(value);
    }

    /** Parses {@code name: value}; the value is trimmed. */
    static Header parse(String line) {
        int colon = line.indexOf(':');
        if (colon < 0) {
            return new Header(line, "");
        }
        return new Header(line.substring(0, colon), line.substring(colon + 1).trim());
    }

    boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }

    /** The value of the first header named {@code name}, in any case. */
    static Optional<String> first(List<Header> headers, String name) {
        return headers.stream().filter(h -> h.is(name)).map(Header::value).findFirst();
    }

    Header lowerCaseName() {
        return new Header(name.toLowerCase(Locale.ROOT), value);
    }

    @Override
    public String toString() {
        return name + ": " + value;
    }
}
