using Combigrad.Testing;

namespace Combigrad.Solvers.Tests;

/// <summary>The <see cref="DeclaredFacts"/> checks used by the property tests detect a solver whose declared facts are
/// wrong (so a passing property means something).</summary>
public sealed class DeclaredFactsTests
{
    [Fact]
    public void AssertHold_PathsDeclaredConstantSum_Throws()
    {
        // Selecting the costs below 1 picks one entry of (-1, 2, 3) and all three of (1, -2, -3).
        var solver = new FactsOverride(new BelowOneSolver(), new SolutionSetFacts(HasConstantSum: true, RequiresNonNegativeCosts: false));
        float[] costs = [-1f, 2f, 3f];

        Assert.Throws<InvalidOperationException>(() => DeclaredFacts.AssertHold(solver, costs, solver.SolveToArray(costs)));
    }

    [Fact]
    public void AssertHold_SignedSolverDeclaredNonNegativeCosts_Throws()
    {
        var solver = new FactsOverride(new TopKSolver(3, 1), new SolutionSetFacts(HasConstantSum: true, RequiresNonNegativeCosts: true));
        float[] costs = [1f, 2f, 3f];

        Assert.Throws<InvalidOperationException>(() => DeclaredFacts.AssertHold(solver, costs, solver.SolveToArray(costs)));
    }

    [Fact]
    public void AssertScalingKeepsOptimum_ScaleDependentSolver_Throws()
    {
        // Selects every cost below 1: not a linear argmin, so scaling by 4 changes the selection.
        var solver = new BelowOneSolver();
        float[] costs = [-1f, 0.5f, 3f];

        Assert.Throws<InvalidOperationException>(() => DeclaredFacts.AssertScalingKeepsOptimum(solver, costs, 4f));
    }

    [Fact]
    public void AssertHold_CorrectFacts_DoesNotThrow()
    {
        var solver = new TopKSolver(3, 2);
        float[] costs = [1f, -2f, 3f];

        DeclaredFacts.AssertHold(solver, costs, solver.SolveToArray(costs));
        DeclaredFacts.AssertScalingKeepsOptimum(solver, costs, 0.3f);
    }

    /// <summary>Selects the entries with cost below 1 (the count varies with the costs).</summary>
    private sealed class BelowOneSolver : ISolver
    {
        private const float Threshold = 1f;

        public string Name => "BelowOne";

        public IReadOnlyList<int> InstanceShape => [3];

        public int Dimension => 3;

        public SolutionSetFacts Facts { get; } = new(HasConstantSum: false, RequiresNonNegativeCosts: false);

        public void Solve(ReadOnlySpan<float> costs, Span<float> solution)
        {
            for (var i = 0; i < costs.Length; i++) solution[i] = costs[i] < Threshold ? 1f : 0f;
        }
    }

    /// <summary>A solver that declares other facts than the wrapped one.</summary>
    private sealed class FactsOverride(ISolver inner, SolutionSetFacts facts) : ISolver
    {
        public string Name => inner.Name;

        public IReadOnlyList<int> InstanceShape => inner.InstanceShape;

        public int Dimension => inner.Dimension;

        public SolutionSetFacts Facts => facts;

        public void Solve(ReadOnlySpan<float> costs, Span<float> solution) => inner.Solve(costs, solution);
    }
}
