package dev.sluice.cli.render;

import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import java.util.List;
import java.util.Map;
import jinjava.javax.el.CompositeELResolver;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * Jinjava's property resolver, preceded by one that notes a lookup of a key a map does not have
 * ({@code server.port} on a server without a port) or of an item past the end of a list, for
 * strict mode, and resolves nothing itself.
 */
final class MissingKeyResolver extends ObservingResolver {

    private MissingKeyResolver() {}

    /** Jinjava's read-only resolver, with missing keys noted and Python's string methods. */
    static ELResolver create() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new MissingKeyResolver());
        resolver.add(new PythonStrings());
        resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        return resolver;
    }

    private static RenderSession session() {
        return JinjavaInterpreter.getCurrent() instanceof RenderInterpreter r ? r.session() : null;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        if (base instanceof List<?> list && property != null) {
            String index = property.toString();
            RenderSession session = session();
            if (session != null && index.matches("-?[0-9]+")) {
                long i = Long.parseLong(index);
                if (i >= list.size() || i < -list.size()) {
                    session.missingItem(index, list.size());
                }
            }
        }
        if (base instanceof Map<?, ?> map && property != null) {
            String key = property.toString();
            boolean present = map.containsKey(key) || map.keySet().stream().anyMatch(k -> String.valueOf(k).equals(key));
            RenderSession session = session();
            if (!present && session != null) {
                List<String> keys = map.keySet().stream().map(String::valueOf).toList();
                session.missingKey(key, keys);
            }
        }
        return null;
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        RenderSession session = session();
        if (base instanceof Map<?, ?> && method != null && session != null) {
            session.methodCalled(method.toString());
        }
        return null;
    }
}
