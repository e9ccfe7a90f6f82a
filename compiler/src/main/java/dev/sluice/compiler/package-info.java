/**
 * Semantic validation of parsed configurations (the keyword catalog, inheritance of
 * {@code defaults}, cross references) and compilation into the immutable plan the runtime loads.
 */
package dev.sluice.compiler;
