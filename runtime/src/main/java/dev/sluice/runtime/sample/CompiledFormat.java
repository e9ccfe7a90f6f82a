package dev.sluice.runtime.sample;

import java.net.InetSocketAddress;

/**
 * A compiled log-format string ({@code %[req.hdr(host),lower]}, {@code /%[path]?x=1}), rendered
 * per exchange: for dynamic {@code use_backend} names, {@code set-header} values, redirect
 * locations. A missing sample renders as nothing, as HAProxy renders it in rules. Immutable and
 * shared by every thread.
 *
 * <p>Sample options: {@code +Q} quotes strings, {@code +X} prints integers in hexadecimal,
 * {@code +E} escapes quotes and backslashes. Aliases: {@code %ci %cp %fi %fp %HM %HU %HP %HQ %HV
 * %ST %r}; any other alias renders as {@code -}.
 */
public final class CompiledFormat {

    private final String text;
    private final Piece[] pieces;

    CompiledFormat(String text, Piece[] pieces) {
        this.text = text;
        this.pieces = pieces;
    }

    /** The string for {@code x}. */
    public String render(Exchange x) {
        if (pieces.length == 1 && pieces[0] instanceof Literal l) {
            return l.text;
        }
        StringBuilder b = new StringBuilder(64);
        for (Piece p : pieces) {
            p.render(x, b);
        }
        return b.toString();
    }

    /** The format as written. */
    @Override
    public String toString() {
        return text;
    }

    interface Piece {
        void render(Exchange x, StringBuilder out);
    }

    static final class Literal implements Piece {

        final String text;

        Literal(String text) {
            this.text = text;
        }

        @Override
        public void render(Exchange x, StringBuilder out) {
            out.append(text);
        }
    }

    static final class Sample implements Piece {

        private final CompiledSample sample;
        private final boolean quote;
        private final boolean hex;
        private final boolean escape;

        Sample(CompiledSample sample, boolean quote, boolean hex, boolean escape) {
            this.sample = sample;
            this.quote = quote;
            this.hex = hex;
            this.escape = escape;
        }

        @Override
        public void render(Exchange x, StringBuilder out) {
            SampleValue v = sample.evaluate(x);
            if (v == null) {
                if (quote) {
                    out.append("\"\"");
                }
                return;
            }
            boolean number = v.type() == SampleType.SINT || v.type() == SampleType.BOOL;
            String s = hex && number ? Long.toHexString(v.longValue()).toUpperCase(java.util.Locale.ROOT) : v.asString();
            boolean quoted = quote && !number;
            if (quoted) {
                out.append('"');
            }
            if (escape) {
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (c == '"' || c == '\\') {
                        out.append('\\');
                    }
                    out.append(c);
                }
            } else {
                out.append(s);
            }
            if (quoted) {
                out.append('"');
            }
        }
    }

    static final class Alias implements Piece {

        private final String name;

        Alias(String name) {
            this.name = name;
        }

        @Override
        public void render(Exchange x, StringBuilder out) {
            String v = value(x);
            out.append(v == null ? "-" : v);
        }

        private String value(Exchange x) {
            String target = x.target();
            switch (name) {
                case "ci":
                    return ip(x.clientAddress());
                case "cp":
                    return port(x.clientAddress());
                case "fi":
                    return ip(x.localAddress());
                case "fp":
                    return port(x.localAddress());
                case "HM":
                    return x.method();
                case "HU":
                    return target;
                case "HP": {
                    if (target == null) {
                        return null;
                    }
                    int q = target.indexOf('?');
                    return q < 0 ? target : target.substring(0, q);
                }
                case "HQ": {
                    if (target == null) {
                        return null;
                    }
                    int q = target.indexOf('?');
                    return q < 0 ? "" : target.substring(q);
                }
                case "HV":
                    return x.version();
                case "ST":
                    return x.status() > 0 ? Integer.toString(x.status()) : null;
                case "r":
                    return x.method() == null ? null : x.method() + " " + target + " " + x.version();
                default:
                    return null;
            }
        }

        private static String ip(InetSocketAddress a) {
            if (a == null || a.getAddress() == null) {
                return null;
            }
            return SampleValue.ofAddressNoCopy(a.getAddress().getAddress()).asString();
        }

        private static String port(InetSocketAddress a) {
            return a == null ? null : Integer.toString(a.getPort());
        }
    }
}
