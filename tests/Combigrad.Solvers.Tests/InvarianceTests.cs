using Combigrad.Testing;

namespace Combigrad.Solvers.Tests;

/// <summary>
/// The projections of paper Sec. 3.4 are exact: <c>y(c w) = y(w)</c> for every <c>c &gt; 0</c> (all solvers), and
/// <c>y(w - mean(w)) = y(w)</c> for solvers declaring <see cref="SolutionSetFacts.HasConstantSum"/>.
/// </summary>
public sealed class InvarianceTests
{
    private const int Seed = 314;
    private const int Instances = 500;
    private const double MinLogScale = -4.6; // c >= e^-4.6 ~ 0.01
    private const double MaxLogScale = 4.6;  // c <= e^4.6 ~ 100
    private const int MaxPowerOfTwoExponent = 8;
    private const float SeparatedOffsetRange = 20f;
    private const float SeparationGap = 0.75f;
    private const int IntegerCostRange = 3;

    [Theory]
    [InlineData(2, 2)]
    [InlineData(4, 4)]
    [InlineData(3, 4)]
    [InlineData(12, 12)]
    public void Solve_GridScaledContinuousCosts_SameSolution(int rows, int cols)
    {
        var solver = new GridShortestPathSolver(rows, cols);
        var random = new Random(Seed);

        for (var instance = 0; instance < Instances; instance++)
        {
            var costs = RandomCosts.Uniform(random, solver.Dimension, 0f, 10f);
            var scale = RandomScale(random);

            Assert.Equal(solver.SolveToArray(costs), solver.SolveToArray(Scaled(costs, scale)));
        }
    }

    [Theory]
    [InlineData(4, 4)]
    [InlineData(12, 12)]
    public void Solve_GridScaledTiedIntegerCostsByPowerOfTwo_SameSolution(int rows, int cols)
    {
        // Scaling by a power of two is exact, so even exact ties between paths are broken the same way.
        var solver = new GridShortestPathSolver(rows, cols);
        var random = new Random(Seed);

        for (var instance = 0; instance < Instances; instance++)
        {
            var costs = RandomCosts.SmallIntegers(random, solver.Dimension, 0, IntegerCostRange);
            var scale = MathF.ScaleB(1f, random.Next(-MaxPowerOfTwoExponent, MaxPowerOfTwoExponent + 1));

            Assert.Equal(solver.SolveToArray(costs), solver.SolveToArray(Scaled(costs, scale)));
        }
    }

    [Theory]
    [InlineData("ranking")]
    [InlineData("topk")]
    public void Solve_OrderSolverScaledCosts_SameSolution(string kind)
    {
        var random = new Random(Seed);

        for (var instance = 0; instance < Instances; instance++)
        {
            var solver = RandomOrderSolver(kind, random);
            var costs = OrderPreservingCosts(random, solver.Dimension);
            var scale = RandomScale(random);

            Assert.Equal(solver.SolveToArray(costs), solver.SolveToArray(Scaled(costs, scale)));
        }
    }

    [Theory]
    [InlineData("ranking")]
    [InlineData("topk")]
    public void Solve_OrderSolverMeanSubtracted_SameSolution(string kind)
    {
        var random = new Random(Seed + 1);

        for (var instance = 0; instance < Instances; instance++)
        {
            var solver = RandomOrderSolver(kind, random);
            Assert.True(solver.Facts.HasConstantSum);
            var costs = OrderPreservingCosts(random, solver.Dimension);
            var mean = costs.Average(c => (double)c);
            var centred = costs.Select(c => (float)(c - mean)).ToArray();

            Assert.Equal(solver.SolveToArray(costs), solver.SolveToArray(centred));
        }
    }

    private static float RandomScale(Random random) =>
        (float)Math.Exp(MinLogScale + random.NextDouble() * (MaxLogScale - MinLogScale));

    private static float[] Scaled(float[] costs, float scale) => costs.Select(c => c * scale).ToArray();

    private static ISolver RandomOrderSolver(string kind, Random random)
    {
        const int MaxDimension = 50;
        var n = random.Next(1, MaxDimension + 1);
        return kind == "ranking" ? new RankingSolver(n) : new TopKSolver(n, random.Next(1, n + 1));
    }

    /// <summary>Well-separated distinct costs or small integers (exact ties): order survives scaling and shifts.</summary>
    private static float[] OrderPreservingCosts(Random random, int n) =>
        random.Next(2) == 0
            ? RandomCosts.WellSeparated(random, n, (float)(random.NextDouble() * 2 - 1) * SeparatedOffsetRange, SeparationGap)
            : RandomCosts.SmallIntegers(random, n, -IntegerCostRange, IntegerCostRange);
}
