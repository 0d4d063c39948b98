package snnc.ir.expand;

import snnc.ir.ProjectionId;

/**
 * What expanding one projection produced: the number of synapses, the {@link ExpansionDigest}
 * ({@code sha256:<hex>}), the smallest and largest delay in steps (0 and 0 without synapses) and the
 * largest number of synapses onto one post neuron.
 */
public record ProjectionExpansion(ProjectionId projection, long synapses, String digest,
    int minDelaySteps, int maxDelaySteps, int maxFanIn) {}
