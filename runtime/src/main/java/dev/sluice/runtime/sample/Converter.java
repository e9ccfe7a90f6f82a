package dev.sluice.runtime.sample;

/** A compiled converter. Immutable and shared by every thread. */
@FunctionalInterface
interface Converter {

    /** The converted sample, or null when the conversion fails (HAProxy then has no sample). */
    SampleValue apply(SampleValue in, Exchange x);
}
