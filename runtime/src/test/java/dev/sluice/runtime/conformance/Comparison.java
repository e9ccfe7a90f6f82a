package dev.sluice.runtime.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The differences between the reference's observations and Sluice's, request by request, as
 * normalized lines; empty when they agree.
 *
 * @param rotation the round-robin order to compare modulo, or null
 * @param rotationOffset how many servers further along the rotation Sluice picks, when not 0
 */
record Comparison(List<String> differences, List<String> rotation, Optional<Integer> rotationOffset) {

    static Comparison of(List<Observation> expected, List<Observation> actual, List<String> rotation) {
        UnaryOperator<String> renaming = UnaryOperator.identity();
        Optional<Integer> offset = Optional.empty();
        if (rotation != null) {
            int k = rotationOffset(rotation, servers(expected), servers(actual));
            if (k > 0) {
                int n = rotation.size();
                renaming = s -> rotation.contains(s) ? rotation.get((rotation.indexOf(s) - k + n) % n) : s;
                offset = Optional.of(k);
            }
        }
        List<String> report = new ArrayList<>();
        int n = Math.max(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            List<String> a = i < expected.size()
                    ? Normalizer.lines(i + 1, expected.get(i), UnaryOperator.identity()) : List.of();
            List<String> b = i < actual.size() ? Normalizer.lines(i + 1, actual.get(i), renaming) : List.of();
            if (!a.equals(b)) {
                report.addAll(Diff.lines(a, b));
            }
        }
        return new Comparison(List.copyOf(report), rotation, offset);
    }

    String rotationNote(String reference) {
        return "round robin: Sluice picks " + rotationOffset.orElse(0) + " server(s) further along " + rotation
                + " than " + reference + " at every request; compared after renaming Sluice's servers back";
    }

    private static List<String> servers(List<Observation> os) {
        return os.stream().map(o -> o.server().orElse("-")).toList();
    }

    /** The k in 1..n-1 such that each of {@code b}'s servers is {@code a}'s k places on in the rotation; else 0. */
    private static int rotationOffset(List<String> rotation, List<String> a, List<String> b) {
        if (a.size() != b.size() || a.equals(b)) {
            return 0;
        }
        int n = rotation.size();
        for (int k = 1; k < n; k++) {
            boolean all = true;
            for (int i = 0; i < a.size() && all; i++) {
                int at = rotation.indexOf(a.get(i));
                all = at < 0 ? a.get(i).equals(b.get(i)) : rotation.get((at + k) % n).equals(b.get(i));
            }
            if (all) {
                return k;
            }
        }
        return 0;
    }
}
