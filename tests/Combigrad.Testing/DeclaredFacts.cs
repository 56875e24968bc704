using Combigrad.Solvers;

namespace Combigrad.Testing;

/// <summary>Checks that the <see cref="SolutionSetFacts"/> a solver declares (used by <c>Projection.Auto</c>) hold on
/// an instance, and that positive scaling of the costs leaves the argmin unchanged.</summary>
public static class DeclaredFacts
{
    /// <summary>The smallest and largest cost scale of <see cref="AssertScalingKeepsOptimum"/>'s callers (paper Sec. 3.4:
    /// <c>y(c w)</c> is optimal for <c>w</c> for every <c>c &gt; 0</c>).</summary>
    public const double MinScale = 0.01;

    /// <summary>See <see cref="MinScale"/>.</summary>
    public const double MaxScale = 100;

    /// <summary>Asserts, for <paramref name="solution"/> = the solver's output on <paramref name="costs"/>: entries are
    /// non-negative integers; with <see cref="SolutionSetFacts.HasConstantSum"/>, the optimum for the negated costs
    /// (another point of the solution set) has the same coordinate sum; with
    /// <see cref="SolutionSetFacts.RequiresNonNegativeCosts"/>, a negative cost is rejected, and otherwise accepted.</summary>
    public static void AssertHold(ISolver solver, float[] costs, float[] solution)
    {
        ArgumentNullException.ThrowIfNull(solver);
        ArgumentNullException.ThrowIfNull(costs);
        ArgumentNullException.ThrowIfNull(solution);
        if (!solution.All(y => y >= 0f && y == MathF.Round(y)))
            throw new InvalidOperationException($"{solver.Name}: entries are not non-negative integers: [{string.Join(", ", solution)}]");
        var negated = costs.Select(c => -c).ToArray();
        if (solver.Facts.RequiresNonNegativeCosts)
        {
            if (costs.Any(c => c != 0f) && !ThrowsArgumentException(solver, negated))
                throw new InvalidOperationException($"{solver.Name} declares RequiresNonNegativeCosts but accepted negative costs.");
            return;
        }
        var other = solver.SolveToArray(negated);
        if (solver.Facts.HasConstantSum && Sum(other) != Sum(solution))
            throw new InvalidOperationException($"{solver.Name} declares HasConstantSum, but sums {Sum(solution)} and {Sum(other)} differ.");
    }

    /// <summary>Asserts that the solver's output for <paramref name="costs"/> times <paramref name="scale"/> &gt; 0 is
    /// still optimal for <paramref name="costs"/> (up to the float rounding of the scaled costs), and identical when the
    /// scale is a power of two (exact scaling, so even ties must be broken the same way).</summary>
    public static void AssertScalingKeepsOptimum(ISolver solver, float[] costs, float scale)
    {
        ArgumentNullException.ThrowIfNull(solver);
        ArgumentNullException.ThrowIfNull(costs);
        var solution = solver.SolveToArray(costs);
        var scaledSolution = solver.SolveToArray(costs.Select(c => c * scale).ToArray());
        if (float.IsPow2(scale) ? !solution.SequenceEqual(scaledSolution) : !Tolerances.ObjectivesAgreeAfterFloatRounding(
                BruteForce.Objective(solution, costs), BruteForce.Objective(scaledSolution, costs), costs))
            throw new InvalidOperationException($"{solver.Name}: scaling the costs by {scale} changed the optimum.");
    }

    private static double Sum(float[] solution) => solution.Sum(y => (double)y);

    private static bool ThrowsArgumentException(ISolver solver, float[] costs)
    {
        try
        {
            solver.SolveToArray(costs);
            return false;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
