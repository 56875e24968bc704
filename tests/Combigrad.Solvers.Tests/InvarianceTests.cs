using Combigrad.Testing;
using CsCheck;

namespace Combigrad.Solvers.Tests;

/// <summary>
/// Properties every solver declares, on CsCheck samples over all solver kinds (<see cref="SolverCaseGens"/>): outputs
/// are fully written non-negative integers; the declared <see cref="SolutionSetFacts"/> hold on every output; the projections of
/// paper Sec. 3.4 are exact (<c>y(c w)</c> optimal for <c>w</c> for every <c>c &gt; 0</c>, identical for powers of two;
/// <c>y(w - mean(w))</c> optimal when <see cref="SolutionSetFacts.HasConstantSum"/> is declared).
/// </summary>
public sealed class InvarianceTests
{
    private const int Iterations = 2000;
    private const double MinLogScale = -4.6; // c >= e^-4.6 ~ 0.01
    private const double MaxLogScale = 4.6;  // c <= e^4.6 ~ 100
    private const int MaxPowerOfTwoExponent = 8;

    [Fact]
    public void Solve_AnySolver_OutputIsZeroOneAndDeclaredFactsHold()
    {
        SeededProperty.Check(SolverCaseGens.Any, sample =>
        {
            var (solver, costs) = sample;
            var solution = Enumerable.Repeat(7.5f, solver.Dimension).ToArray();
            solver.Solve(costs, solution);
            // Fully overwritten, and entries are non-negative integers (0/1 indicators; ranks for the ranking solver).
            Assert.Equal(solver.SolveToArray(costs), solution);
            Assert.True(solution.All(y => y >= 0f && y == MathF.Round(y)), $"{solver.Name}: [{string.Join(", ", solution)}]");

            if (solver.Facts.HasConstantSum)
            {
                // Another optimum of the same solution set (reversed costs) has the same coordinate sum.
                var reversed = costs.Select(c => -c).ToArray();
                Assert.Equal(solution.Sum(), solver.SolveToArray(reversed).Sum());
            }
            if (solver.Facts.RequiresNonNegativeCosts)
            {
                var negative = (float[])costs.Clone();
                negative[^1] = -1f;
                Assert.Throws<ArgumentException>(() => solver.SolveToArray(negative));
            }
        }, seed: 1, Iterations);
    }

    [Fact]
    public void Solve_AnySolverCostsScaledByPowerOfTwo_SameSolution()
    {
        // Scaling by a power of two is exact, so even exact ties are broken the same way.
        var gen = SolverCaseGens.Any.Select(Gen.Int[-MaxPowerOfTwoExponent, MaxPowerOfTwoExponent]);

        SeededProperty.Check(gen, sample =>
        {
            var ((solver, costs), exponent) = sample;
            var scaled = costs.Select(c => MathF.ScaleB(c, exponent)).ToArray();
            Assert.Equal(solver.SolveToArray(costs), solver.SolveToArray(scaled));
        }, seed: 2, Iterations);
    }

    [Fact]
    public void Solve_AnySolverCostsScaledByPositiveFactor_SolutionStaysOptimal()
    {
        var gen = SolverCaseGens.Any.Select(Gen.Double[MinLogScale, MaxLogScale]);

        SeededProperty.Check(gen, sample =>
        {
            var ((solver, costs), logScale) = sample;
            var scale = (float)Math.Exp(logScale);
            var scaled = costs.Select(c => c * scale).ToArray();
            var expected = BruteForce.Objective(solver.SolveToArray(costs), costs);
            var actual = BruteForce.Objective(solver.SolveToArray(scaled), costs);
            Assert.True(Tolerances.ObjectivesAgreeAfterFloatRounding(expected, actual, costs), $"{solver.Name}: {actual} vs {expected}");
        }, seed: 3, Iterations);
    }

    [Fact]
    public void Solve_ConstantSumSolverMeanSubtracted_SolutionStaysOptimal()
    {
        var gen = SolverCaseGens.Any.Where(sample => sample.Solver.Facts.HasConstantSum);

        SeededProperty.Check(gen, sample =>
        {
            var (solver, costs) = sample;
            var mean = costs.Average(c => (double)c);
            var centred = costs.Select(c => (float)(c - mean)).ToArray();
            var expected = BruteForce.Objective(solver.SolveToArray(costs), costs);
            var actual = BruteForce.Objective(solver.SolveToArray(centred), costs);
            Assert.True(Tolerances.ObjectivesAgreeAfterFloatRounding(expected, actual, costs), $"{solver.Name}: {actual} vs {expected}");
        }, seed: 4, Iterations);
    }
}
