/** The Netty proxy that runs a compiled plan, swaps plans on reload and serves the runtime API. */
package dev.sluice.runtime;
