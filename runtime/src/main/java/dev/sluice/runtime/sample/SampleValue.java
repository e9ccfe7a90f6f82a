package dev.sluice.runtime.sample;

import java.util.Arrays;
import java.util.Objects;

/**
 * A typed sample: what a fetch returns and a converter transforms. Immutable. "No sample" is not a
 * value: evaluation returns {@code null} for it.
 *
 * <p>Strings and binary blocks are byte strings: each {@code char} is one byte (0 to 255), the way
 * an HTTP codec decodes header bytes as ISO-8859-1. Lengths, case folding and matching work on
 * those bytes, as HAProxy's do.
 */
public final class SampleValue {

    /** The boolean true. */
    public static final SampleValue TRUE = new SampleValue(SampleType.BOOL, 1, null, null);
    /** The boolean false. */
    public static final SampleValue FALSE = new SampleValue(SampleType.BOOL, 0, null, null);

    private final SampleType type;
    private final long number;
    private final String text;
    private final byte[] address;

    private SampleValue(SampleType type, long number, String text, byte[] address) {
        this.type = type;
        this.number = number;
        this.text = text;
        this.address = address;
    }

    /** A string sample. */
    public static SampleValue ofString(String s) {
        return new SampleValue(SampleType.STR, 0, Objects.requireNonNull(s, "s"), null);
    }

    /** A binary sample, one {@code char} per byte. */
    public static SampleValue ofBinary(String bytes) {
        return new SampleValue(SampleType.BIN, 0, Objects.requireNonNull(bytes, "bytes"), null);
    }

    /** A binary sample. */
    public static SampleValue ofBinary(byte[] bytes) {
        return ofBinary(Bytes.latin1(bytes));
    }

    /** An integer sample. */
    public static SampleValue ofInt(long v) {
        return new SampleValue(SampleType.SINT, v, null, null);
    }

    /** A boolean sample. */
    public static SampleValue ofBool(boolean b) {
        return b ? TRUE : FALSE;
    }

    /** An HTTP method, e.g. {@code GET}. */
    public static SampleValue ofMethod(String method) {
        return new SampleValue(SampleType.METH, 0, Objects.requireNonNull(method, "method"), null);
    }

    /** An IPv4 (4 bytes) or IPv6 (16 bytes) address, in network order. */
    public static SampleValue ofAddress(byte[] address) {
        if (address.length == 4) {
            return new SampleValue(SampleType.IPV4, 0, null, address.clone());
        }
        if (address.length == 16) {
            return new SampleValue(SampleType.IPV6, 0, null, address.clone());
        }
        throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + address.length);
    }

    /** Wraps an array this class now owns. */
    static SampleValue ofAddressNoCopy(byte[] address) {
        return new SampleValue(address.length == 4 ? SampleType.IPV4 : SampleType.IPV6, 0, null, address);
    }

    public SampleType type() {
        return type;
    }

    /** The integer value of a {@code SINT} or {@code BOOL} sample (1 or 0). */
    public long longValue() {
        if (type != SampleType.SINT && type != SampleType.BOOL) {
            throw new IllegalStateException("not an integer: " + type);
        }
        return number;
    }

    /** True for a true boolean or a non-zero integer. */
    public boolean booleanValue() {
        return longValue() != 0;
    }

    /** The bytes of a {@code STR}, {@code BIN} or {@code METH} sample, one {@code char} per byte. */
    public String stringValue() {
        if (text == null) {
            throw new IllegalStateException("not a string: " + type);
        }
        return text;
    }

    /** The address of an {@code IPV4} or {@code IPV6} sample. */
    public byte[] address() {
        if (address == null) {
            throw new IllegalStateException("not an address: " + type);
        }
        return address.clone();
    }

    /** The address without a copy, for this package's readers that never write it. */
    byte[] addressUnsafe() {
        return address;
    }

    /**
     * The sample as a string, as HAProxy converts it: integers in decimal, booleans as {@code 1} or
     * {@code 0}, addresses as {@code inet_ntop} prints them, methods by name.
     */
    public String asString() {
        switch (type) {
            case BOOL:
            case SINT:
                return Long.toString(number);
            case IPV4:
                return Addresses.formatV4(address);
            case IPV6:
                return Addresses.formatV6(address);
            default:
                return text;
        }
    }

    /** This sample converted to {@code target} as HAProxy casts samples; null when it cannot be. */
    public SampleValue castTo(SampleType target) {
        if (target == type) {
            return this;
        }
        switch (target) {
            case STR:
                return type == SampleType.STR ? this : ofString(asString());
            case BIN:
                switch (type) {
                    case STR:
                    case METH:
                        return ofBinary(text);
                    case SINT:
                    case BOOL:
                        return ofBinary(Bytes.latin1(java.nio.ByteBuffer.allocate(8).putLong(number).array()));
                    case IPV4:
                    case IPV6:
                        return ofBinary(Bytes.latin1(address));
                    default:
                        return null;
                }
            case SINT:
                switch (type) {
                    case BOOL:
                        return ofInt(number);
                    case STR:
                    case BIN:
                        return text.isEmpty() ? null : ofInt(Numbers.readInt64(text, 0, text.length()));
                    case IPV4:
                        return ofInt(Addresses.toInt(address) & 0xFFFFFFFFL);
                    default:
                        return null;
                }
            case BOOL:
                switch (type) {
                    case SINT:
                        return ofBool(number != 0);
                    case STR:
                    case BIN:
                        return text.isEmpty() ? null : ofBool(Numbers.readInt64(text, 0, text.length()) != 0);
                    default:
                        return null;
                }
            case IPV4:
                switch (type) {
                    case IPV6: {
                        byte[] v4 = Addresses.v6ToV4(address);
                        return v4 == null ? null : ofAddressNoCopy(v4);
                    }
                    case SINT:
                        return ofAddressNoCopy(Addresses.fromInt((int) number));
                    case STR:
                    case BIN: {
                        byte[] v4 = new byte[4];
                        return Addresses.parseV4Prefix(text, v4) > 0 ? ofAddressNoCopy(v4) : null;
                    }
                    default:
                        return null;
                }
            case IPV6:
                switch (type) {
                    case IPV4:
                        return ofAddressNoCopy(Addresses.v4ToV6(address));
                    case SINT:
                        return ofAddressNoCopy(Addresses.v4ToV6(Addresses.fromInt((int) number)));
                    case STR:
                    case BIN: {
                        byte[] v6 = Addresses.parseV6(text);
                        return v6 == null ? null : ofAddressNoCopy(v6);
                    }
                    default:
                        return null;
                }
            case METH:
                return type == SampleType.STR ? ofMethod(text) : null;
            default:
                return null;
        }
    }

    /**
     * This sample as an address (IPv4 or IPv6), as HAProxy converts a sample for IP matching: a
     * string is read as IPv4 ({@code 10.0.0.1} at its start) or else as IPv6; null otherwise.
     */
    public SampleValue castToAddress() {
        if (type == SampleType.IPV4 || type == SampleType.IPV6) {
            return this;
        }
        if (type == SampleType.SINT) {
            return castTo(SampleType.IPV4);
        }
        if (type == SampleType.STR || type == SampleType.BIN) {
            SampleValue v4 = castTo(SampleType.IPV4);
            return v4 != null ? v4 : castTo(SampleType.IPV6);
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SampleValue v && v.type == type && v.number == number && Objects.equals(v.text, text)
                && Arrays.equals(v.address, address);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, number, text, Arrays.hashCode(address));
    }

    @Override
    public String toString() {
        return type.name().toLowerCase(java.util.Locale.ROOT) + "(" + asString() + ")";
    }
}
