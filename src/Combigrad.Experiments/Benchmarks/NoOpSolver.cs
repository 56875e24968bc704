using Combigrad.Solvers;

namespace Combigrad.Experiments.Benchmarks;

/// <summary>
/// A stand-in for a solver that solves nothing: it takes the shape and facts of the solver it replaces and writes
/// zeros. Inside an Identity layer it leaves every other part of a training step (network, projection, noise, copies
/// to and from the solver, loss, backward, optimizer) in place, so a step with it is the floor that no gradient method
/// can go below. Not a solver of any problem: only for timing.
/// </summary>
public sealed class NoOpSolver(ISolver replaced) : ISolver
{
    private readonly ISolver _replaced = replaced ?? throw new ArgumentNullException(nameof(replaced));

    /// <inheritdoc />
    public string Name => $"NoOp({_replaced.Name})";

    /// <inheritdoc />
    public IReadOnlyList<int> InstanceShape => _replaced.InstanceShape;

    /// <inheritdoc />
    public int Dimension => _replaced.Dimension;

    /// <inheritdoc />
    public SolutionSetFacts Facts => _replaced.Facts;

    /// <inheritdoc />
    public void Solve(ReadOnlySpan<float> costs, Span<float> solution)
    {
        if (costs.Length != Dimension || solution.Length != Dimension)
            throw new ArgumentException($"{Name}: expected {Dimension} costs and solution entries, got {costs.Length} and {solution.Length}.");
        solution.Clear();
    }
}
