namespace Combigrad.Experiments.Benchmarks;

/// <summary>A benchmark case whose variant is an approximate solver: besides time, it reports how far from optimal the
/// variant's answers were (the <c>mean_gap</c> field of <c>combigrad bench solvers --json</c>).</summary>
public interface IApproximationBenchmarkCase : ISolverBenchmarkCase
{
    /// <summary>After <see cref="ISolverBenchmarkCase.Verify"/>: the mean over instances of
    /// <c>(variant objective - optimal objective) / |optimal objective|</c>.</summary>
    double MeanRelativeGap { get; }
}
