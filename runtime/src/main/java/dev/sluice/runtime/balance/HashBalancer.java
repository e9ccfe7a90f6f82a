package dev.sluice.runtime.balance;

import dev.sluice.compiler.plan.Balance;
import java.util.List;
import java.util.function.Predicate;

/**
 * The hashing algorithms: {@code source}, {@code uri}, {@code url_param} and {@code hdr(name)}. The
 * key read from the request is hashed as {@code hash-type} says and looked up in the weighted map
 * ({@code map-based}) or on the ring ({@code consistent}); without a key the request goes round
 * robin over the same table. The keys are HAProxy's:
 *
 * <ul>
 *   <li>{@code source}: the client address's 32-bit words XORed (network order), not passed through
 *       the hash function; {@code avalanche} applies when set.
 *   <li>{@code uri}: the request target up to {@code ?} (all of it with {@code whole}), at most
 *       {@code len} characters, stopping before the slash that would start level {@code depth + 1};
 *       {@code path-only} starts at the path of an absolute URI.
 *   <li>{@code url_param NAME}: the value after {@code NAME=} in the query, up to {@code &}.
 *       {@code check_post} (a parameter in the body) is not implemented.
 *   <li>{@code hdr(NAME)}: the header's first comma-separated value, trimmed; with
 *       {@code use_domain_only}, the label before the last dot ({@code 1wt} of {@code haproxy.1wt.eu}).
 * </ul>
 *
 * <p>A map-based table ignores runtime weight changes other than to and from 0. Where HAProxy's
 * map-based lookup would return the avoided server of a retry, this one takes the next entry of
 * the table that is not avoided. Lock-free except for the round-robin fallback.
 */
final class HashBalancer extends Balancer {

    private enum Key { SOURCE, URI, URL_PARAM, HDR }

    private final Key key;
    private final HashType hashType;
    private final int gcd;
    private final int[] cursor = new int[1];
    // uri
    private final boolean whole;
    private final boolean pathOnly;
    private final int maxLength;
    private final int depth;
    // url_param, hdr
    private final String name;
    private final boolean domainOnly;

    private volatile Built built;

    private record Built(BackendState.Group group, ServerState[] map, ConsistentRing ring) {}

    HashBalancer(BackendState backend, Balance balance, HashType hashType, List<String> warnings) {
        super(backend, balance, warnings);
        this.hashType = hashType;
        this.gcd = WeightedMap.gcd(backend.servers());
        List<String> args = balance.args();
        boolean w = false;
        boolean p = false;
        int len = 0;
        int dep = 0;
        String n = null;
        boolean dom = false;
        switch (balance.algorithm()) {
            case SOURCE -> key = Key.SOURCE;
            case URI -> {
                key = Key.URI;
                for (int i = 0; i < args.size(); i++) {
                    switch (args.get(i)) {
                        case "whole" -> w = true;
                        case "path-only" -> p = true;
                        case "len" -> len = number(args, ++i, warnings);
                        case "depth" -> dep = number(args, ++i, warnings);
                        default -> warnings.add("balance uri: '" + args.get(i) + "' is not known; ignored");
                    }
                }
            }
            case URL_PARAM -> {
                key = Key.URL_PARAM;
                n = args.isEmpty() ? "" : args.get(0);
                if (args.contains("check_post")) {
                    warnings.add("balance url_param check_post is not implemented: parameters are looked up"
                            + " in the query string only");
                }
            }
            case HDR -> {
                key = Key.HDR;
                n = args.isEmpty() ? "" : args.get(0);
                dom = args.size() > 1 && args.get(1).equals("use_domain_only");
            }
            default -> throw new IllegalArgumentException("not a hashing algorithm: " + balance.algorithm());
        }
        this.whole = w;
        this.pathOnly = p;
        this.maxLength = len;
        this.depth = dep;
        this.name = n;
        this.domainOnly = dom;
    }

    private static int number(List<String> args, int i, List<String> warnings) {
        try {
            return i < args.size() ? Math.max(0, Integer.parseInt(args.get(i))) : 0;
        } catch (NumberFormatException e) {
            warnings.add("balance uri: '" + args.get(i) + "' is not a number; ignored");
            return 0;
        }
    }

    @Override
    ServerState choose(BackendState.Group g, BalanceInput input, Predicate<? super ServerState> avoid) {
        Built b = built;
        if (b == null || b.group != g) {
            b = hashType.consistent()
                    ? new Built(g, null, ConsistentRing.build(g.members, g.weights))
                    : new Built(g, WeightedMap.build(g.members, WeightedMap.weights(g.members, gcd)), null);
            built = b;
        }
        long h = hash(input);
        if (h < 0) {
            synchronized (cursor) {
                return b.ring != null ? b.ring.next(cursor, avoid) : walk(b.map, cursor, avoid);
            }
        }
        if (b.ring != null) {
            return b.ring.lookup((int) h, avoid);
        }
        ServerState[] map = b.map;
        if (map.length == 0) {
            return null;
        }
        int i = Integer.remainderUnsigned((int) h, map.length);
        ServerState s = map[i];
        for (int step = 1; step < map.length && avoided(avoid, s); step++) {
            s = map[(i + step) % map.length];
        }
        return s;
    }

    /** The request's hash as an unsigned 32-bit value, or -1 when the request has no key. */
    long hash(BalanceInput input) {
        return switch (key) {
            case SOURCE -> sourceHash(input.clientAddress());
            case URI -> uriHash(input.uri());
            case URL_PARAM -> paramHash(input.uri());
            case HDR -> headerHash(input.header(name));
        };
    }

    private long unsigned(int h) {
        return h & 0xFFFFFFFFL;
    }

    private long sourceHash(byte[] address) {
        if (address == null) {
            return -1;
        }
        int h = 0;
        for (int l = 0; l + 4 <= address.length; l += 4) {
            h ^= (address[l] & 0xFF) << 24 | (address[l + 1] & 0xFF) << 16 | (address[l + 2] & 0xFF) << 8
                    | address[l + 3] & 0xFF;
        }
        return unsigned(hashType.avalanche() ? HashFunction.avalanche(h) : h);
    }

    private long uriHash(CharSequence uri) {
        if (uri == null) {
            return -1;
        }
        int start = pathOnly ? pathStart(uri) : 0;
        int limit = uri.length();
        if (pathOnly && start == limit) {
            return unsigned(hashType.hash(uri, 0, 0));
        }
        if (maxLength > 0) {
            limit = Math.min(limit, start + maxLength);
        }
        int end = start;
        int slashes = 0;
        while (end < limit) {
            char c = uri.charAt(end);
            if (c == '/') {
                slashes++;
                if (depth > 0 && slashes == depth + 1) {
                    break;
                }
            } else if (c == '?' && !whole) {
                break;
            }
            end++;
        }
        return unsigned(hashType.hash(uri, start, end));
    }

    /** Where the path of {@code uri} starts: 0 for origin form, after the authority of an absolute URI. */
    static int pathStart(CharSequence uri) {
        int n = uri.length();
        if (n == 0 || uri.charAt(0) == '/') {
            return 0;
        }
        int scheme = indexOf(uri, "://", 0);
        if (scheme < 0) {
            return n; // authority form or '*': no path
        }
        for (int i = scheme + 3; i < n; i++) {
            char c = uri.charAt(i);
            if (c == '/') {
                return i;
            }
            if (c == '?' || c == '#') {
                return n;
            }
        }
        return n;
    }

    private static int indexOf(CharSequence s, String what, int from) {
        outer:
        for (int i = from; i + what.length() <= s.length(); i++) {
            for (int j = 0; j < what.length(); j++) {
                if (s.charAt(i + j) != what.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private long paramHash(CharSequence uri) {
        if (uri == null) {
            return -1;
        }
        int n = uri.length();
        int q = 0;
        while (q < n && uri.charAt(q) != '?') {
            q++;
        }
        int plen = name.length();
        int params = q + 1;
        while (n - params > plen) {
            if (uri.charAt(params + plen) == '=' && regionEquals(uri, params, name)) {
                int start = params + plen + 1;
                int end = start;
                while (end < n && uri.charAt(end) != '&') {
                    end++;
                }
                return unsigned(hashType.hash(uri, start, end));
            }
            int amp = params;
            while (amp < n && uri.charAt(amp) != '&') {
                amp++;
            }
            if (amp >= n) {
                return -1;
            }
            params = amp + 1;
        }
        return -1;
    }

    private static boolean regionEquals(CharSequence s, int from, String what) {
        for (int i = 0; i < what.length(); i++) {
            if (s.charAt(from + i) != what.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private long headerHash(CharSequence value) {
        if (value == null) {
            return -1;
        }
        int start = 0;
        int end = 0;
        while (end < value.length() && value.charAt(end) != ',') {
            end++;
        }
        while (start < end && isSpace(value.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(value.charAt(end - 1))) {
            end--;
        }
        if (start == end) {
            return -1;
        }
        if (domainOnly) {
            // From the end: the label before the last dot; all of the value without a dot.
            int p = end;
            int stop = end;
            boolean inDomain = false;
            for (int left = end - start; left > 0; left--, p--) {
                if (inDomain) {
                    if (value.charAt(p - 1) == '.') {
                        break;
                    }
                } else if (p < end && value.charAt(p) == '.') {
                    stop = p;
                    inDomain = true;
                }
            }
            start = p;
            end = stop;
        }
        return unsigned(hashType.hash(value, start, end));
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    @Override
    public boolean dynamicWeights() {
        return hashType.consistent();
    }
}
