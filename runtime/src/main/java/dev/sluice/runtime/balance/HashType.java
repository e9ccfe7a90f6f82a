package dev.sluice.runtime.balance;

import java.util.ArrayList;
import java.util.List;

/**
 * A backend's {@code hash-type}: how a hash picks a server, which function computes it, and
 * whether the {@code avalanche} modifier mixes it first.
 *
 * <p>Without a {@code hash-type} line HAProxy uses {@code map-based sdbm}; {@code consistent}
 * without a function means {@code consistent sdbm avalanche}.
 *
 * @param consistent true for {@code consistent} (a ring of weighted points), false for
 *     {@code map-based} (the hash modulo the total weight, over a table of the servers)
 * @param function the hash function
 * @param avalanche whether {@link HashFunction#avalanche} is applied to the hash
 * @param warnings what was written but is not implemented (e.g. {@code wt6}), as sentences
 */
public record HashType(boolean consistent, HashFunction function, boolean avalanche, List<String> warnings) {

    /** HAProxy's default: {@code map-based sdbm}. */
    public static final HashType DEFAULT = new HashType(false, HashFunction.SDBM, false, List.of());

    public HashType {
        warnings = List.copyOf(warnings);
    }

    /**
     * Reads the words after {@code hash-type} as the plan keeps them (e.g. {@code "consistent djb2
     * avalanche"}); null or blank gives {@link #DEFAULT}. Words the checker would have refused are
     * reported in {@link #warnings()} and the default used in their place.
     */
    public static HashType parse(String words) {
        if (words == null || words.isBlank()) {
            return DEFAULT;
        }
        String[] w = words.trim().split("\\s+");
        List<String> warnings = new ArrayList<>();
        boolean consistent = switch (w[0]) {
            case "consistent" -> true;
            case "map-based" -> false;
            default -> {
                warnings.add("hash-type '" + w[0] + "' is not known; map-based is used");
                yield false;
            }
        };
        if (w.length == 1) {
            return new HashType(consistent, HashFunction.SDBM, consistent, warnings);
        }
        HashFunction f = HashFunction.of(w[1]);
        if (f == null) {
            warnings.add("hash function '" + w[1] + "' is not implemented; sdbm is used");
            f = HashFunction.SDBM;
        }
        boolean avalanche = w.length > 2 && w[2].equals("avalanche");
        if (w.length > 2 && !avalanche) {
            warnings.add("hash modifier '" + w[2] + "' is not known; none is applied");
        }
        return new HashType(consistent, f, avalanche, warnings);
    }

    /** The hash of the characters {@code [from, to)} of {@code s}, the modifier applied. */
    int hash(CharSequence s, int from, int to) {
        int h = function.hash(s, from, to);
        return avalanche ? HashFunction.avalanche(h) : h;
    }
}
