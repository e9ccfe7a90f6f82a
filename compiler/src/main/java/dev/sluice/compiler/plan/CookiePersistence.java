package dev.sluice.compiler.plan;

import java.util.List;
import java.util.Objects;

/**
 * A backend's {@code cookie} line: cookie-based persistence.
 *
 * @param name the cookie's name
 * @param mode {@code insert}, {@code rewrite}, {@code prefix}, or {@code passive} when none is given
 *     (the cookie is only read)
 * @param indirect {@code indirect}
 * @param nocache {@code nocache}
 * @param postonly {@code postonly}
 * @param preserve {@code preserve}
 * @param httponly {@code httponly}
 * @param secure {@code secure}
 * @param dynamic {@code dynamic}
 * @param domains the {@code domain} values, in order
 * @param maxIdleMs {@code maxidle}, or null
 * @param maxLifeMs {@code maxlife}, or null
 * @param attrs the {@code attr} values, in order
 */
public record CookiePersistence(String name, String mode, boolean indirect, boolean nocache, boolean postonly,
        boolean preserve, boolean httponly, boolean secure, boolean dynamic, List<String> domains, Long maxIdleMs,
        Long maxLifeMs, List<String> attrs) {

    public CookiePersistence {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        domains = List.copyOf(domains);
        attrs = List.copyOf(attrs);
    }
}
