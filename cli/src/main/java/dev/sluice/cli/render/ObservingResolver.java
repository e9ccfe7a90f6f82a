package dev.sluice.cli.render;

import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;
import java.beans.FeatureDescriptor;
import java.util.Iterator;

/**
 * A resolver that resolves nothing itself: it only looks at what the template asks for (or
 * answers a few method calls), and leaves the rest to the resolvers after it. Subclasses override
 * {@code getValue} or {@code invoke}.
 */
abstract class ObservingResolver extends ELResolver {

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        // resolves nothing
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }
}
