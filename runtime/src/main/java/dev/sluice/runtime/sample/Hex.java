package dev.sluice.runtime.sample;

/** Hexadecimal blocks, as {@code -m bin} patterns and {@code bin()} are written. */
final class Hex {

    private Hex() {}

    /** The bytes of an even number of hexadecimal digits, one {@code char} per byte. */
    static String decode(String hex) {
        if (hex.length() % 2 != 0) {
            throw new IllegalArgumentException("'" + hex + "' is not an even number of hexadecimal digits");
        }
        char[] out = new char[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(hex.charAt(2 * i), 16);
            int lo = Character.digit(hex.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0 || hex.charAt(2 * i) > 127 || hex.charAt(2 * i + 1) > 127) {
                throw new IllegalArgumentException("'" + hex + "' is not hexadecimal");
            }
            out[i] = (char) (hi << 4 | lo);
        }
        return new String(out);
    }

    /** Upper-case hexadecimal of bytes, as HAProxy's {@code hex} converter writes it. */
    static String encode(String bytes) {
        StringBuilder b = new StringBuilder(bytes.length() * 2);
        for (int i = 0; i < bytes.length(); i++) {
            int c = bytes.charAt(i) & 0xff;
            b.append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
            b.append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
        }
        return b.toString();
    }
}
