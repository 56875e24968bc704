using System.Text.Json.Serialization;

namespace Combigrad.Experiments.Benchmarks;

/// <summary>One variant's line of <c>combigrad bench train --json</c>: the median time of a full training step.</summary>
/// <param name="Variant">identity, bb or noop (Identity over <see cref="NoOpSolver"/>: the floor).</param>
/// <param name="MedianMilliseconds">Median of the timed steps (forward, backward, optimizer step), in ms.</param>
/// <param name="RatioToFloor">The median over the no-op floor's median.</param>
/// <param name="LayerMedianMilliseconds">Median time of the solver layer alone (forward, loss, backward on fixed costs), in ms.</param>
/// <param name="Steps">Timed steps.</param>
/// <param name="BatchSize">Examples per step.</param>
public sealed record TrainingStepResult(
    [property: JsonPropertyName("variant")] string Variant,
    [property: JsonPropertyName("median_ms")] double MedianMilliseconds,
    [property: JsonPropertyName("ratio_to_noop")] double RatioToFloor,
    [property: JsonPropertyName("layer_median_ms")] double LayerMedianMilliseconds,
    [property: JsonPropertyName("steps")] int Steps,
    [property: JsonPropertyName("batch")] int BatchSize);
