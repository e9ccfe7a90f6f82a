package dev.sluice.compiler.plan;

import java.util.List;

/**
 * An {@code option} of a proxy.
 *
 * @param enabled true for {@code option X}, false for {@code no option X} (which also cancels one
 *     inherited from defaults)
 * @param args the words after the option's name
 */
public record ProxyOption(boolean enabled, List<String> args) {

    public ProxyOption {
        args = List.copyOf(args);
    }
}
