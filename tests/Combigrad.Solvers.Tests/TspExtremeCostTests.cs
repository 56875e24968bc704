using Combigrad.Testing;
using CsCheck;
using Xunit.Abstractions;

namespace Combigrad.Solvers.Tests;

/// <summary>
/// <see cref="TspSolver"/> is exact at any cost magnitudes: big-M entries 1e6 to 1e15 (and up to 1e36) times the
/// other costs, mixed signs, subnormals, asymmetric matrices; every output's exact objective equals the exact
/// Held–Karp optimum (<see cref="ExactObjectives"/>, BigInteger sums), on all three integer widths of the solver.
/// </summary>
public sealed class TspExtremeCostTests(ITestOutputHelper output)
{
    private const int Seed = 1818;

    [Fact]
    public void Solve_Issue18BigMReproducer_Objective18()
    {
        // Issue 18: one 1e12 entry (a forbidden edge) among costs 0-3 gave a tour of cost <w, y> = 20; the optimum is 18.
        float[] costs = [0, 2, 2, 3, 1, 2, 0, 1, 1e12f, 3, 2, 1, 0, 2, 1, 3, 1e12f, 2, 0, 3, 1, 3, 1, 3, 0];

        var tour = new TspSolver(5).SolveToArray(costs);

        Assert.Null(TspOracles.DescribeTourDefect(5, tour));
        Assert.Equal(18.0, BruteForce.Objective(tour, costs));
        Assert.Equal(ExactObjectives.OptimalTour(5, costs), ExactObjectives.Objective(tour, costs));
    }

    [Fact]
    public void Solve_ThousandsOfBigMInstances_ExactOptimumOnEveryWidth()
    {
        const int Instances = 2500;
        var widths = new Dictionary<ExactIntegerWidth, int>();
        var gen = Gen.Int[4, 8].SelectMany(k => ExtremeCostGens.Tsp(k).Select(costs => (k, costs)));

        SeededProperty.Check(gen, sample =>
        {
            var (k, costs) = sample;
            var solver = new TspSolver(k);
            var width = solver.Arithmetic(costs).Width;
            widths[width] = widths.GetValueOrDefault(width) + 1;

            AssertExactOptimum(solver, costs);
        }, seed: Seed, Instances);

        output.WriteLine(string.Join(", ", widths.OrderBy(w => w.Key).Select(w => $"{w.Key}: {w.Value}")));
        Assert.True(widths.GetValueOrDefault(ExactIntegerWidth.Int64) > 200, "too few instances on the long path");
        Assert.True(widths.GetValueOrDefault(ExactIntegerWidth.Int128) > 200, "too few instances on the Int128 path");
        Assert.True(widths.GetValueOrDefault(ExactIntegerWidth.Big) > 50, "too few instances on the BigInteger path");
    }

    [Fact]
    public void Solve_LargerBigMInstances_ExactOptimum()
    {
        const int Instances = 60;
        var gen = Gen.Int[9, 10].SelectMany(k => ExtremeCostGens.Tsp(k).Select(costs => (k, costs)));

        SeededProperty.Check(gen, sample => AssertExactOptimum(new TspSolver(sample.k), sample.costs), seed: Seed + 1, Instances);
    }

    [Fact]
    public void Solve_WellScaledIntegerCosts_StayOnTheLongPath()
    {
        var costs = new float[20 * 20];
        var random = new Random(Seed);
        for (var i = 0; i < costs.Length; i++) costs[i] = random.Next(0, 31416);

        Assert.Equal(ExactIntegerWidth.Int64, new TspSolver(20).Arithmetic(costs).Width);
    }

    [Fact]
    public void Solve_HugeDiagonal_IgnoredAndStaysOnTheLongPath()
    {
        // A "forbidden self-loop" diagonal of 1e30 must neither change the tour nor widen the arithmetic.
        float[] costs = [1e30f, 1, 2, 3, 1, 1e30f, 1, 2, 2, 1, 1e30f, 1, 3, 2, 1, 1e30f];
        var solver = new TspSolver(4);

        Assert.Equal(ExactIntegerWidth.Int64, solver.Arithmetic(costs).Width);
        Assert.Equal(ExactObjectives.OptimalTour(4, costs), ExactObjectives.Objective(solver.SolveToArray(costs), costs));
    }

    private static void AssertExactOptimum(TspSolver solver, float[] costs)
    {
        var k = solver.CityCount;
        var tour = solver.SolveToArray(costs);
        var defect = TspOracles.DescribeTourDefect(k, tour);
        if (defect is not null) throw new InvalidOperationException($"k={k}: not a tour: {defect}");
        var got = ExactObjectives.Objective(tour, costs);
        var optimum = ExactObjectives.OptimalTour(k, costs);
        if (got != optimum)
            throw new InvalidOperationException(
                $"k={k}: objective {ExactObjectives.ToDouble(got):R}, exact optimum {ExactObjectives.ToDouble(optimum):R} " +
                $"(costs {string.Join(", ", costs.Select(c => c.ToString("R")))})");
    }
}
