using System.Text.Json.Serialization;

namespace Combigrad.Experiments.Benchmarks;

/// <summary>One line of <c>combigrad bench solvers --json</c>: medians of per-instance call times of a variant and
/// its reference, measured interleaved in one process on the same instances.</summary>
/// <param name="Solver">The measured variant.</param>
/// <param name="Size">The instance size.</param>
/// <param name="MedianMicroseconds">Median time of one variant call, in microseconds.</param>
/// <param name="Reference">The reference it is compared with.</param>
/// <param name="ReferenceMedianMicroseconds">Median time of one reference call, in microseconds.</param>
/// <param name="Check">What was verified about the two outputs (e.g. identical optimal lengths).</param>
/// <param name="MeanGap">For an approximate variant (<see cref="IApproximationBenchmarkCase"/>): its mean relative gap
/// to the optimum; null (and not written) otherwise.</param>
public sealed record SolverBenchmarkResult(
    [property: JsonPropertyName("solver")] string Solver,
    [property: JsonPropertyName("size")] string Size,
    [property: JsonPropertyName("median_us")] double MedianMicroseconds,
    [property: JsonPropertyName("reference")] string Reference,
    [property: JsonPropertyName("reference_median_us")] double ReferenceMedianMicroseconds,
    [property: JsonPropertyName("check"), JsonPropertyOrder(2)] string Check,
    [property: JsonPropertyName("mean_gap"), JsonPropertyOrder(3), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? MeanGap = null)
{
    /// <summary><c>reference_median_us / median_us</c>: how many times faster the variant is.</summary>
    [JsonPropertyName("ratio")]
    [JsonPropertyOrder(1)]
    public double Ratio => ReferenceMedianMicroseconds / MedianMicroseconds;
}
