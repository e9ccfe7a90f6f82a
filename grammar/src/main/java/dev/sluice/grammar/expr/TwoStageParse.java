package dev.sluice.grammar.expr;

import java.util.function.Function;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Runs an ANTLR parser the usual two-stage way: SLL prediction with bail-out first, which is fast
 * and enough for nearly every input, then full LL only when that failed. In the second stage the
 * first syntax error is turned into an {@link ExprSyntaxException} by a grammar-specific mapper;
 * ANTLR never recovers, never invents a token and never prints anything.
 */
final class TwoStageParse {

    /** Words the first syntax error the way HAProxy would. */
    @FunctionalInterface
    interface ErrorMapper {
        /**
         * @param parser the parser, its context being the rule that failed
         * @param offending the token at which no alternative matched
         */
        ExprSyntaxException map(Parser parser, Token offending);
    }

    private TwoStageParse() {}

    static <P extends Parser, C extends ParserRuleContext> C run(
            P parser, Function<P, C> startRule, ErrorMapper mapper) {
        parser.removeErrorListeners();
        parser.setBuildParseTree(true);
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            return startRule.apply(parser);
        } catch (ParseCancellationException sllFailed) {
            parser.reset();
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            parser.setErrorHandler(new Throwing(mapper));
            return startRule.apply(parser);
        }
    }

    /** Throws the mapped exception at the first error instead of reporting and recovering. */
    private static final class Throwing extends DefaultErrorStrategy {

        private final ErrorMapper mapper;

        Throwing(ErrorMapper mapper) {
            this.mapper = mapper;
        }

        @Override
        public void reportError(Parser recognizer, RecognitionException e) {
            throw mapper.map(recognizer, e.getOffendingToken());
        }

        @Override
        public void recover(Parser recognizer, RecognitionException e) {
            throw mapper.map(recognizer, e.getOffendingToken());
        }

        @Override
        public Token recoverInline(Parser recognizer) {
            throw mapper.map(recognizer, recognizer.getCurrentToken());
        }

        @Override
        public void sync(Parser recognizer) {
            // Loops simply exit; the next match fails and reports the error at the right token.
        }
    }
}
