using Combigrad.Testing;
using CsCheck;

namespace Combigrad.Solvers.Tests;

public sealed class GridShortestPathSolverTests
{
    private const int InvalidIndex = 5;

    [Theory]
    [InlineData(0, 3)]
    [InlineData(3, 0)]
    [InlineData(-1, 1)]
    public void Constructor_NonPositiveSize_ThrowsArgumentOutOfRange(int rows, int cols) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GridShortestPathSolver(rows, cols));

    [Fact]
    public void Constructor_Square_HasSquareShapeAndDeclaredFacts()
    {
        var solver = new GridShortestPathSolver(12);

        Assert.Equal([12, 12], solver.InstanceShape);
        Assert.Equal(144, solver.Dimension);
        Assert.Equal(new SolutionSetFacts(HasConstantSum: false, RequiresNonNegativeCosts: true), solver.Facts);
    }

    [Fact]
    public void Constructor_Rectangular_ShapeIsRowsThenColumns()
    {
        var solver = new GridShortestPathSolver(3, 4);

        Assert.Equal([3, 4], solver.InstanceShape);
        Assert.Equal(12, solver.Dimension);
    }

    [Theory]
    [InlineData(1, 1, 50)]
    [InlineData(1, 4, 200)]
    [InlineData(4, 1, 200)]
    [InlineData(2, 2, 2000)]
    [InlineData(2, 4, 1000)]
    [InlineData(3, 3, 2000)]
    [InlineData(3, 4, 1500)]
    [InlineData(4, 3, 1500)]
    [InlineData(4, 4, 2000)]
    public void Solve_SmallGrid_ValidPathWithBruteForceMinimumCost(int rows, int cols, int instances)
    {
        var solver = new GridShortestPathSolver(rows, cols);
        var paths = BruteForce.EnumerateSimpleGridPaths(rows, cols);

        SeededProperty.Check(CostGens.NonNegative(solver.Dimension), costs =>
        {
            var solution = solver.SolveToArray(costs);

            Assert.Null(GridPaths.DescribePathDefect(rows, cols, solution));
            var (_, minimum) = BruteForce.ArgMin(paths, costs);
            var actual = BruteForce.Objective(solution, costs);
            Assert.True(Tolerances.ObjectivesAgree(minimum, actual), $"solver cost {actual}, brute-force minimum {minimum}");
        }, seed: (ulong)(rows * 10 + cols), instances);
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(3, 4)]
    [InlineData(4, 4)]
    public void Solve_IntegerCostsWithTies_DeterministicAndOptimal(int rows, int cols)
    {
        const int Instances = 300;
        const int MaxCost = 2;
        var paths = BruteForce.EnumerateSimpleGridPaths(rows, cols);
        var gen = Gen.Int[0, MaxCost].Select(c => (float)c).Array[rows * cols];

        SeededProperty.Check(gen, costs =>
        {
            var first = new GridShortestPathSolver(rows, cols).SolveToArray(costs);
            var second = new GridShortestPathSolver(rows, cols).SolveToArray(costs);

            Assert.Equal(first, second);
            Assert.Null(GridPaths.DescribePathDefect(rows, cols, first));
            Assert.Equal(BruteForce.ArgMin(paths, costs).Objective, BruteForce.Objective(first, costs));
        }, seed: (ulong)(100 + rows * 10 + cols), Instances);
    }

    [Fact]
    public void Solve_RandomGridsOfManyKinds_EqualsTextbookDijkstraWithDocumentedTieBreak()
    {
        // Exact labels, not only costs: ties, zeros, outliers (one bucket) and subnormal costs (scale overflow).
        const int Iterations = 3000;
        const int MaxSide = 16;
        var gen = Gen.Int[1, MaxSide].Select(Gen.Int[1, MaxSide])
            .SelectMany(size => CostGens.NonNegative(size.Item1 * size.Item2).Select(costs => (size.Item1, size.Item2, costs)));

        SeededProperty.Check(gen, instance =>
        {
            var (rows, cols, costs) = instance;
            var solution = new GridShortestPathSolver(rows, cols).SolveToArray(costs);
            Assert.Equal(GridPaths.ReferenceTieBrokenPath(rows, cols, costs), solution);
        }, seed: 1, Iterations);
    }

    [Fact]
    public void Solve_BenchmarkSizedGrids_EqualsTextbookDijkstraWithDocumentedTieBreak()
    {
        const int Iterations = 300;
        var gen = Gen.Int[0, 2].SelectMany(k => CostGens.NonNegative(new[] { 144, 900, 7 * 19 }[k]).Select(c => (k, c)));

        SeededProperty.Check(gen, instance =>
        {
            var (k, costs) = instance;
            var (rows, cols) = new[] { (12, 12), (30, 30), (7, 19) }[k];
            var solution = new GridShortestPathSolver(rows, cols).SolveToArray(costs);
            Assert.Equal(GridPaths.ReferenceTieBrokenPath(rows, cols, costs), solution);
        }, seed: 2, Iterations);
    }

    [Fact]
    public void Solve_LongThinGrids_EqualsTextbookDijkstraWithDocumentedTieBreak()
    {
        // Long paths: distances span many times the bucket ring, so it wraps around often; 1 x 9000 hits the ring-size cap.
        const int Iterations = 200;
        var shapes = new[] { (1, 300), (300, 1), (2, 150), (150, 2), (3, 100), (100, 3), (1, 9000) };
        var gen = Gen.Int[0, shapes.Length - 1]
            .SelectMany(k => CostGens.NonNegative(shapes[k].Item1 * shapes[k].Item2).Select(costs => (k, costs)));

        SeededProperty.Check(gen, instance =>
        {
            var (rows, cols) = shapes[instance.k];
            var solution = new GridShortestPathSolver(rows, cols).SolveToArray(instance.costs);
            Assert.Equal(GridPaths.ReferenceTieBrokenPath(rows, cols, instance.costs), solution);
        }, seed: 3, Iterations);
    }

    [Fact]
    public void Solve_CostsOfWidelyDifferentMagnitudes_EqualsTextbookDijkstraWithDocumentedTieBreak()
    {
        // Costs from 1e-30 to 1e30 (and zeros): nearly everything lands in the lowest bucket, a few far ahead.
        const int Iterations = 1000;
        const int MaxSide = 14;
        const int MaxExponent = 30;
        var cost = Gen.Int[-MaxExponent, MaxExponent].Select(Gen.Float[1f, 10f], Gen.Int[0, 9])
            .Select(p => p.Item3 == 0 ? 0f : p.Item2 * MathF.Pow(10f, p.Item1));
        var gen = Gen.Int[1, MaxSide].Select(Gen.Int[1, MaxSide])
            .SelectMany(size => cost.Array[size.Item1 * size.Item2].Select(costs => (size.Item1, size.Item2, costs)));

        SeededProperty.Check(gen, instance =>
        {
            var (rows, cols, costs) = instance;
            var solution = new GridShortestPathSolver(rows, cols).SolveToArray(costs);
            Assert.Equal(GridPaths.ReferenceTieBrokenPath(rows, cols, costs), solution);
        }, seed: 4, Iterations);
    }

    [Fact]
    public void Solve_SameSolverAfterLargerAndSmallerGrids_ReusesWorkspaceCorrectly()
    {
        // The per-thread workspace is grow-only and shared by all grid sizes: a small grid after a large one must not
        // see stale distances, bucket lists or ring slots.
        var sizes = new[] { (30, 30), (3, 3), (12, 12), (1, 5), (30, 30), (2, 2) };
        var gen = Gen.Int[0, sizes.Length - 1]
            .SelectMany(k => CostGens.NonNegative(sizes[k].Item1 * sizes[k].Item2).Select(costs => (k, costs)));

        SeededProperty.Check(gen, instance =>
        {
            var (rows, cols) = sizes[instance.k];
            var solution = new GridShortestPathSolver(rows, cols).SolveToArray(instance.costs);
            Assert.Equal(GridPaths.ReferenceTieBrokenPath(rows, cols, instance.costs), solution);
        }, seed: 5, iterations: 200);
    }

    [Fact]
    public void Solve_AllZeroCostsSquare_ReturnsMainDiagonal()
    {
        var solver = new GridShortestPathSolver(3);

        var solution = solver.SolveToArray(new float[9]);

        Assert.Equal([1f, 0f, 0f, 0f, 1f, 0f, 0f, 0f, 1f], solution);
    }

    [Fact]
    public void Solve_EqualCostsRectangular_FollowsDocumentedTieBreak()
    {
        // 3 x 4, all ones: cells settle in (distance, index) order; the end cell's first-settled neighbour at
        // distance 3 is cell 6, whose is cell 1, whose is cell 0.
        var solver = new GridShortestPathSolver(3, 4);
        var costs = Enumerable.Repeat(1f, 12).ToArray();

        var solution = solver.SolveToArray(costs);

        Assert.Equal([1f, 1f, 0f, 0f, 0f, 0f, 1f, 0f, 0f, 0f, 0f, 1f], solution);
    }

    [Fact]
    public void Solve_SingleCell_VisitsIt()
    {
        var solver = new GridShortestPathSolver(1);

        Assert.Equal([1f], solver.SolveToArray([0f]));
    }

    [Fact]
    public void Solve_CheapDetour_TakesDetour()
    {
        // The direct diagonal through the centre costs 100; going around the border is cheaper.
        var solver = new GridShortestPathSolver(3);
        float[] costs = [1f, 1f, 1f, 9f, 100f, 1f, 9f, 9f, 1f];

        var solution = solver.SolveToArray(costs);

        Assert.Equal([1f, 1f, 0f, 0f, 0f, 1f, 0f, 0f, 1f], solution);
    }

    [Theory]
    [InlineData(12, 12, 300)]
    [InlineData(30, 30, 100)]
    [InlineData(7, 19, 200)]
    public void Solve_LargerGrid_CostMatchesRelaxationReference(int rows, int cols, int instances)
    {
        var solver = new GridShortestPathSolver(rows, cols);

        SeededProperty.Check(CostGens.NonNegative(solver.Dimension), costs =>
        {
            var solution = solver.SolveToArray(costs);

            Assert.Null(GridPaths.DescribePathDefect(rows, cols, solution));
            var reference = GridPaths.ReferenceMinimumCost(rows, cols, costs);
            var actual = BruteForce.Objective(solution, costs);
            Assert.True(Tolerances.ObjectivesAgree(reference, actual), $"solver cost {actual}, reference {reference}");
        }, seed: (ulong)(rows * 100 + cols), instances);
    }

    [Fact]
    public void Solve_DirtySolutionBuffer_FullyOverwritten()
    {
        var solver = new GridShortestPathSolver(4);
        var costs = Gen.Float[0f, 1f].Array[solver.Dimension].Generate(new PCG(SeededProperty.Stream, 5), null, out _);
        var solution = Enumerable.Repeat(7f, solver.Dimension).ToArray();

        solver.Solve(costs, solution);

        Assert.Equal(solver.SolveToArray(costs), solution);
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "infinite")]
    [InlineData(float.NegativeInfinity, "infinite")]
    [InlineData(-1f, "negative")]
    [InlineData(-1e-30f, "negative")]
    public void Solve_InvalidCost_ThrowsArgumentExceptionNamingIndex(float bad, string defect)
    {
        var solver = new GridShortestPathSolver(3);
        var costs = new float[9];
        costs[InvalidIndex] = bad;

        var ex = Assert.Throws<ArgumentException>(() => solver.SolveToArray(costs));

        Assert.Contains($"index {InvalidIndex}", ex.Message);
        Assert.Contains(defect, ex.Message);
        Assert.Equal("costs", ex.ParamName);
    }

    [Theory]
    [InlineData(8, 9)]
    [InlineData(10, 9)]
    [InlineData(9, 8)]
    [InlineData(9, 10)]
    public void Solve_WrongSpanLength_ThrowsArgumentException(int costsLength, int solutionLength)
    {
        var solver = new GridShortestPathSolver(3);

        Assert.Throws<ArgumentException>(() => solver.Solve(new float[costsLength], new float[solutionLength]));
    }
}
