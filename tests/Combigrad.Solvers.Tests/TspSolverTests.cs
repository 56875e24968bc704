using Combigrad.Testing;

namespace Combigrad.Solvers.Tests;

public sealed class TspSolverTests
{
    private const int Seed = 2024;
    private const int IntegerCostMax = 3;
    private const float SignedCostRange = 10f;
    private const int SphereIntegerScale = 1000;

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Constructor_CityCountBelowOne_ThrowsArgumentOutOfRange(int k) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TspSolver(k));

    [Fact]
    public void Constructor_NonPositiveTimeLimit_ThrowsArgumentOutOfRange() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TspSolver(5, TimeSpan.Zero));

    [Fact]
    public void Constructor_Valid_HasShapeLimitAndDeclaredFacts()
    {
        var solver = new TspSolver(7);

        Assert.Equal([7, 7], solver.InstanceShape);
        Assert.Equal(49, solver.Dimension);
        Assert.Equal(7, solver.CityCount);
        Assert.Equal(TspSolver.DefaultTimeLimit, solver.TimeLimit);
        Assert.Equal(new SolutionSetFacts(HasConstantSum: true, RequiresNonNegativeCosts: false), solver.Facts);
    }

    [Fact]
    public void Solve_OneCity_EmptyTour() => Assert.Equal([0f], new TspSolver(1).SolveToArray([5f]));

    [Fact]
    public void Solve_TwoCities_BothDirectionsOfTheOnlyEdge() =>
        Assert.Equal([0f, 1f, 1f, 0f], new TspSolver(2).SolveToArray([9f, -2f, -2f, 9f]));

    [Fact]
    public void Solve_ThreeCities_Triangle() =>
        Assert.Equal([0f, 1f, 1f, 1f, 0f, 1f, 1f, 1f, 0f], new TspSolver(3).SolveToArray([0f, 1f, 2f, 1f, 0f, 3f, 2f, 3f, 0f]));

    [Fact]
    public void Solve_AllCostsEqual_VisitsCitiesInIndexOrder()
    {
        const int K = 6;
        var costs = TspOracles.SymmetricCosts(K, () => 2.5f);

        var tour = new TspSolver(K).SolveToArray(costs);

        for (var i = 0; i < K; i++)
            Assert.Equal(1f, tour[i * K + (i + 1) % K]);
    }

    [Fact]
    public void Solve_PointsOnACircle_ReturnsTheCircle()
    {
        const int K = 9;
        var order = new[] { 4, 0, 7, 2, 8, 5, 1, 6, 3 };
        var costs = new float[K * K];
        for (var a = 0; a < K; a++)
            for (var b = 0; b < K; b++)
            {
                var steps = Math.Abs(a - b);
                costs[order[a] * K + order[b]] = MathF.Sin(MathF.PI * Math.Min(steps, K - steps) / K);
            }

        var tour = new TspSolver(K).SolveToArray(costs);

        for (var a = 0; a < K; a++)
            Assert.Equal(1f, tour[order[a] * K + order[(a + 1) % K]]);
    }

    [Fact]
    public void Solve_SmallRandomInstances_ValidToursOfBruteForceLength()
    {
        const int Instances = 2400;
        var random = new Random(Seed);

        for (var instance = 0; instance < Instances; instance++)
        {
            var k = random.Next(4, 9);
            var costs = RandomInstance(random, k, instance);
            var solver = new TspSolver(k);

            var tour = solver.SolveToArray(costs);

            AssertValidTour(k, tour, $"instance {instance}");
            var expected = TspOracles.BruteForceLength(k, costs);
            var actual = TspOracles.TourLength(k, tour, costs);
            Assert.True(Tolerances.ObjectivesAgree(expected, actual), $"instance {instance}, k={k}: length {actual}, brute force {expected}");
            Assert.True(Tolerances.ObjectivesAgree(2 * expected, BruteForce.Objective(tour, costs)), "<w, y> is twice the tour length");
        }
    }

    [Fact]
    public void Solve_ModerateSizes_SameLengthAsCpSatCircuit()
    {
        const int Instances = 30;
        var random = new Random(Seed + 1);

        for (var instance = 0; instance < Instances; instance++)
        {
            var k = 10 + instance % 6;
            var costs = instance % 2 == 0
                ? TspOracles.SphereCosts(random, k).Select(c => MathF.Round(c * SphereIntegerScale)).ToArray()
                : TspOracles.SymmetricCosts(k, () => random.Next(-20, 100));

            var tour = new TspSolver(k).SolveToArray(costs);

            AssertValidTour(k, tour, $"instance {instance}");
            Assert.Equal(TspOracles.CpSatLength(k, costs), TspOracles.TourLength(k, tour, costs));
        }
    }

    [Fact]
    public void Solve_GlobeSizes_ValidToursWithConstantSum()
    {
        const int Instances = 40;
        var random = new Random(Seed + 2);

        for (var instance = 0; instance < Instances; instance++)
        {
            var k = random.Next(16, 31);
            var tour = new TspSolver(k).SolveToArray(TspOracles.SphereCosts(random, k));

            AssertValidTour(k, tour, $"instance {instance}, k={k}");
        }
    }

    [Fact]
    public void Solve_ScaledContinuousCosts_SameTour()
    {
        const int Instances = 400;
        var random = new Random(Seed + 3);

        for (var instance = 0; instance < Instances; instance++)
        {
            var k = random.Next(4, 16);
            var costs = random.Next(2) == 0
                ? TspOracles.SphereCosts(random, k)
                : TspOracles.SymmetricCosts(k, () => (float)(random.NextDouble() * 2 - 1) * SignedCostRange);
            var scale = (float)Math.Exp(random.NextDouble() * 9.2 - 4.6);
            var solver = new TspSolver(k);

            Assert.Equal(solver.SolveToArray(costs), solver.SolveToArray(costs.Select(c => c * scale).ToArray()));
        }
    }

    [Fact]
    public void Solve_TiedIntegerCostsScaledByPowerOfTwo_SameTour()
    {
        // The search has no absolute constants, so even ties between tours are broken identically.
        const int Instances = 400;
        var random = new Random(Seed + 4);

        for (var instance = 0; instance < Instances; instance++)
        {
            var k = random.Next(4, 13);
            var costs = TspOracles.SymmetricCosts(k, () => random.Next(-IntegerCostMax, IntegerCostMax + 1));
            var scale = MathF.ScaleB(1f, random.Next(-8, 9));
            var solver = new TspSolver(k);

            Assert.Equal(solver.SolveToArray(costs), solver.SolveToArray(costs.Select(c => c * scale).ToArray()));
        }
    }

    [Fact]
    public void Solve_ConstantAddedToEveryCost_OptimalLengthUnchanged()
    {
        // Plane-projection invariance (HasConstantSum): every tour has k edges, so shifting all costs shifts all tours.
        const int Instances = 400;
        var random = new Random(Seed + 5);

        for (var instance = 0; instance < Instances; instance++)
        {
            var k = random.Next(4, 12);
            var costs = TspOracles.SymmetricCosts(k, () => random.Next(0, 20));
            var shift = random.Next(-50, 50);
            var solver = new TspSolver(k);

            var shifted = solver.SolveToArray(costs.Select(c => c + shift).ToArray());

            AssertValidTour(k, shifted, $"instance {instance}");
            Assert.Equal(TspOracles.TourLength(k, solver.SolveToArray(costs), costs), TspOracles.TourLength(k, shifted, costs));
        }
    }

    [Fact]
    public void Solve_DiagonalChanged_SameTour()
    {
        const int K = 12;
        var random = new Random(Seed + 6);
        var costs = TspOracles.SphereCosts(random, K);
        var solver = new TspSolver(K);
        var expected = solver.SolveToArray(costs);

        for (var i = 0; i < K; i++) costs[i * K + i] = (float)(random.NextDouble() * 2000 - 1000);

        Assert.Equal(expected, solver.SolveToArray(costs));
    }

    [Fact]
    public void SolveBatch_ParallelAndSequential_SameToursAsSingleCalls()
    {
        const int K = 14;
        const int Batch = 24;
        var random = new Random(Seed + 7);
        var solver = new TspSolver(K);
        var costs = Enumerable.Range(0, Batch).SelectMany(_ => TspOracles.SphereCosts(random, K)).ToArray();
        var parallel = new float[costs.Length];
        var sequential = new float[costs.Length];

        solver.SolveBatch(costs, parallel);
        solver.SolveBatch(costs, sequential, maxDegreeOfParallelism: 1);

        Assert.Equal(sequential, parallel);
        Assert.Equal(solver.SolveToArray(costs.AsSpan(0, K * K)), sequential.AsSpan(0, K * K).ToArray());
    }

    [Fact]
    public void Solve_DirtySolutionBuffer_FullyOverwritten()
    {
        const int K = 5;
        var costs = TspOracles.SymmetricCosts(K, () => 1f);
        var solution = Enumerable.Repeat(7f, K * K).ToArray();

        new TspSolver(K).Solve(costs, solution);

        AssertValidTour(K, solution, "dirty buffer");
    }

    [Fact]
    public void Solve_TinyTimeLimit_ThrowsSolverTimeLimitExceptionNamingTheLimit()
    {
        const int K = 30;
        var solver = new TspSolver(K, TimeSpan.FromTicks(1));
        var costs = TspOracles.SphereCosts(new Random(Seed), K);

        var ex = Assert.Throws<SolverTimeLimitException>(() => solver.SolveToArray(costs));

        Assert.Equal(solver.Name, ex.SolverName);
        Assert.Equal(TimeSpan.FromTicks(1), ex.TimeLimit);
        Assert.Contains("time limit", ex.Message);
        Assert.True(ex.LowerBound <= ex.BestObjective);
        Assert.IsAssignableFrom<TimeoutException>(ex);
    }

    [Fact]
    public void Solve_AsymmetricCosts_MinimisesInnerProductOverAllTours()
    {
        var random = new Random(31);
        for (var trial = 0; trial < 300; trial++)
        {
            var k = 4 + trial % 4;
            var costs = Enumerable.Range(0, k * k).Select(_ => (float)(random.NextDouble() * 10 - 3)).ToArray();
            var solution = new TspSolver(k).SolveToArray(costs);
            var best = AllTours(k).Min(tour => Inner(costs, tour));
            Assert.Equal(best, Inner(costs, solution), 1e-3);
        }
    }

    private static double Inner(float[] costs, float[] tour) => costs.Zip(tour, (w, y) => (double)w * y).Sum();

    /// <summary>Adjacency matrices of all tours through city 0 (each undirected tour appears twice; harmless for a minimum).</summary>
    private static IEnumerable<float[]> AllTours(int k)
    {
        static IEnumerable<int[]> Permutations(int[] items)
        {
            if (items.Length <= 1) { yield return items; yield break; }
            for (var i = 0; i < items.Length; i++)
                foreach (var tail in Permutations([.. items[..i], .. items[(i + 1)..]]))
                    yield return [items[i], .. tail];
        }
        foreach (var order in Permutations([.. Enumerable.Range(1, k - 1)]))
        {
            var cycle = new[] { 0 }.Concat(order).ToArray();
            var adjacency = new float[k * k];
            for (var i = 0; i < k; i++)
            {
                var a = cycle[i];
                var b = cycle[(i + 1) % k];
                adjacency[a * k + b] = adjacency[b * k + a] = 1f;
            }
            yield return adjacency;
        }
    }

    [Theory]
    [InlineData(float.NaN, 6, "NaN")]
    [InlineData(float.PositiveInfinity, 1, "infinite")]
    [InlineData(float.NegativeInfinity, 6, "infinite")]
    [InlineData(float.NaN, 0, "NaN")]
    public void Solve_InvalidCost_ThrowsArgumentExceptionNamingIndex(float bad, int index, string defect)
    {
        const int K = 4;
        var costs = TspOracles.SymmetricCosts(K, () => 1f);
        costs[index] = bad;

        var ex = Assert.Throws<ArgumentException>(() => new TspSolver(K).SolveToArray(costs));

        Assert.Contains($"index {index}", ex.Message);
        Assert.Contains(defect, ex.Message);
    }

    [Theory]
    [InlineData(15, 16)]
    [InlineData(16, 15)]
    public void Solve_WrongSpanLength_ThrowsArgumentException(int costsLength, int solutionLength) =>
        Assert.Throws<ArgumentException>(() => new TspSolver(4).Solve(new float[costsLength], new float[solutionLength]));

    private static float[] RandomInstance(Random random, int k, int instance) => (instance % 3) switch
    {
        0 => TspOracles.SymmetricCosts(k, () => random.Next(0, IntegerCostMax + 1)),
        1 => TspOracles.SymmetricCosts(k, () => (float)(random.NextDouble() * 2 - 1) * SignedCostRange),
        _ => TspOracles.SphereCosts(random, k),
    };

    private static void AssertValidTour(int k, float[] tour, string context)
    {
        var defect = TspOracles.DescribeTourDefect(k, tour);
        Assert.True(defect is null, $"{context}: {defect}");
        Assert.Equal(2 * k, tour.Sum());
    }
}
