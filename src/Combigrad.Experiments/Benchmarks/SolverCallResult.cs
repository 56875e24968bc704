using System.Text.Json.Serialization;

namespace Combigrad.Experiments.Benchmarks;

/// <summary>The last line of <c>combigrad bench train --json</c>: what BB's extra cost per step is made of.</summary>
/// <param name="SolverBatchMilliseconds">Median time of one batched solver call on a batch of the model's costs (measured on its own), in ms.</param>
/// <param name="BlackboxExtraMilliseconds">BB's median step minus Identity's, in ms: BB's backward solves once more.</param>
/// <param name="IdentityExtraMilliseconds">Identity's median step minus the no-op floor's, in ms: the forward solve.</param>
/// <param name="BlackboxLayerExtraMilliseconds">BB's median solver-layer pass minus Identity's, in ms (no network noise).</param>
/// <param name="IdentityLayerExtraMilliseconds">Identity's median solver-layer pass minus the floor's, in ms.</param>
/// <param name="Calls">Timed solver calls.</param>
/// <param name="BatchSize">Instances per call.</param>
public sealed record SolverCallResult(
    [property: JsonPropertyName("solver_batch_ms")] double SolverBatchMilliseconds,
    [property: JsonPropertyName("bb_extra_ms")] double BlackboxExtraMilliseconds,
    [property: JsonPropertyName("identity_extra_ms")] double IdentityExtraMilliseconds,
    [property: JsonPropertyName("bb_layer_extra_ms")] double BlackboxLayerExtraMilliseconds,
    [property: JsonPropertyName("identity_layer_extra_ms")] double IdentityLayerExtraMilliseconds,
    [property: JsonPropertyName("calls")] int Calls,
    [property: JsonPropertyName("batch")] int BatchSize)
{
    /// <summary>BB's extra time per step in units of one batched solver call (1 = exactly one more call).</summary>
    [JsonPropertyName("bb_extra_over_solver_batch")]
    public double BlackboxExtraOverSolverBatch => BlackboxExtraMilliseconds / SolverBatchMilliseconds;

    /// <summary>BB's extra time per solver-layer pass in units of one batched solver call.</summary>
    [JsonPropertyName("bb_layer_extra_over_solver_batch")]
    public double BlackboxLayerExtraOverSolverBatch => BlackboxLayerExtraMilliseconds / SolverBatchMilliseconds;
}
