package dev.sluice.cli.render;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.InterpreterFactory;
import com.hubspot.jinjava.interpret.InvalidInputException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.util.ScopeMap;
import java.util.Optional;

/**
 * Jinjava's interpreter, telling the {@link RenderSession} which variables an expression found
 * undefined and which template file each error belongs to.
 */
final class RenderInterpreter extends JinjavaInterpreter {

    private final RenderSession session;

    RenderInterpreter(Jinjava application, Context context, JinjavaConfig config, RenderSession session) {
        super(application, context, config);
        this.session = session;
    }

    RenderInterpreter(JinjavaInterpreter original, RenderSession session) {
        super(original);
        this.session = session;
    }

    RenderSession session() {
        return session;
    }

    /** Makes every interpreter of a rendering, nested ones too, report to {@code session}. */
    static InterpreterFactory factory(RenderSession session) {
        return new InterpreterFactory() {
            @Override
            public JinjavaInterpreter newInstance(JinjavaInterpreter original) {
                return new RenderInterpreter(original, session);
            }

            @Override
            public JinjavaInterpreter newInstance(Jinjava application, Context context, JinjavaConfig config) {
                return new RenderInterpreter(application, context, config, session);
            }
        };
    }

    /** The resource name of the template being rendered; empty for the main template. */
    Optional<String> currentResource() {
        return getContext().getCurrentPathStack().peek();
    }

    @Override
    public Object retraceVariable(String variable, int lineNumber, int startPosition) {
        Object value = super.retraceVariable(variable, lineNumber, startPosition);
        if (value == null && variable != null && !variable.isBlank() && !defined(root(variable))) {
            session.undefinedVariable(root(variable));
        }
        return value;
    }

    @Override
    public Object resolveELExpression(String expression, int lineNumber) {
        session.enter(expression == null ? "" : expression);
        try {
            return super.resolveELExpression(expression, lineNumber);
        } finally {
            session.exit(currentResource(), lineNumber);
        }
    }

    @Override
    public void addError(TemplateError templateError) {
        super.addError(templateError);
        if (templateError != null) {
            session.jinjavaError(templateError, currentResource());
        }
    }

    @Override
    public String render(Node root, boolean processExtendRoots) {
        try {
            return super.render(root, processExtendRoots);
        } catch (RuntimeException e) {
            // the innermost template being rendered is the one the error is in
            session.exception(e, currentResource(), lineOf(e, getLineNumber()));
            throw e;
        }
    }

    /** The template line an exception of Jinjava's names, else {@code otherwise}. */
    static int lineOf(RuntimeException e, int otherwise) {
        if (e instanceof InterpretException i) {
            return i.getLineNumber();
        }
        if (e instanceof InvalidInputException i) {
            return i.getLineNumber();
        }
        return otherwise;
    }

    private static String root(String variable) {
        int end = variable.length();
        for (int i = 0; i < variable.length(); i++) {
            char c = variable.charAt(i);
            if (c == '.' || c == '[') {
                end = i;
                break;
            }
        }
        return variable.substring(0, end);
    }

    /** True when some scope holds {@code name}, even with a null value. */
    private boolean defined(String name) {
        for (ScopeMap<String, Object> scope = getContext(); scope != null; scope = scope.getParent()) {
            if (scope.getScope().containsKey(name)) {
                return true;
            }
        }
        return false;
    }
}
