package dev.sluice.runtime.sample;

/** Receives the values a fetch offers an ACL, one after another, until it accepts one. */
@FunctionalInterface
interface ValueSink {

    /** True to stop: the value matched. */
    boolean accept(SampleValue value, Exchange exchange);
}
