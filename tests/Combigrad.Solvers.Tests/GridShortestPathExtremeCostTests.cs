using Combigrad.Testing;
using CsCheck;

namespace Combigrad.Solvers.Tests;

/// <summary>
/// <see cref="GridShortestPathSolver"/> is exact at any cost magnitudes: non-negative big-M cells 1e6 to 1e15 (and up
/// to 1e36) times the others, sometimes on the start cell or on a whole row (so every path pays them), subnormals;
/// every output's exact cost equals the exact optimum of a BigInteger Bellman–Ford (<see cref="ExactObjectives"/>).
/// </summary>
public sealed class GridShortestPathExtremeCostTests
{
    private const int Seed = 1820;

    [Fact]
    public void Solve_BigMStartCellAndFineCosts_ExactOptimum()
    {
        // Every path pays the 1e15 start cell; in double 1e15 + 2^-19 and 1e15 + 2^-20 round to the same sum, so a
        // double Dijkstra ties cells 1 and 4 and takes cell 1 (lower index); exactly, cell 4 is cheaper.
        float[] costs = [1e15f, MathF.ScaleB(1f, -19), 1f, 1f, MathF.ScaleB(1f, -20), 0f];

        var path = new GridShortestPathSolver(2, 3).SolveToArray(costs);

        Assert.Equal(ExactObjectives.OptimalGridPath(2, 3, costs), ExactObjectives.Objective(path, costs));
        Assert.Equal([1f, 0f, 0f, 0f, 1f, 1f], path);
    }

    [Fact]
    public void Solve_ThousandsOfBigMGrids_ExactOptimum()
    {
        const int Instances = 2500;
        const int MaxSide = 7;
        var gen =
            from rows in Gen.Int[1, MaxSide]
            from cols in Gen.Int[1, MaxSide]
            from costs in ExtremeCostGens.WithBigM(rows * cols)
            from wall in Gen.Int[0, 3]
            from wallRow in Gen.Int[0, rows - 1]
            select (rows, cols, Place(costs, cols, wall, wallRow));

        SeededProperty.Check(gen, sample =>
        {
            var (rows, cols, costs) = sample;
            var path = new GridShortestPathSolver(rows, cols).SolveToArray(costs);
            var defect = GridPaths.DescribePathDefect(rows, cols, path);
            if (defect is not null) throw new InvalidOperationException($"{rows}x{cols}: not a path: {defect}");
            var got = ExactObjectives.Objective(path, costs);
            var optimum = ExactObjectives.OptimalGridPath(rows, cols, costs);
            if (got != optimum)
                throw new InvalidOperationException(
                    $"{rows}x{cols}: cost {ExactObjectives.ToDouble(got):R}, exact optimum {ExactObjectives.ToDouble(optimum):R} " +
                    $"(costs {string.Join(", ", costs.Select(c => c.ToString("R")))})");
        }, seed: Seed, Instances);
    }

    /// <summary>Non-negative costs (absolute values); wall kind 0 puts the largest cost on the start cell as well, kind 1
    /// fills row <paramref name="wallRow"/> with it (every path crosses that row), otherwise the costs stay as drawn.</summary>
    private static float[] Place(float[] costs, int cols, int wall, int wallRow)
    {
        var result = costs.Select(MathF.Abs).ToArray();
        var largest = result.Max();
        if (wall == 0) result[0] = largest;
        if (wall == 1) Array.Fill(result, largest, wallRow * cols, cols);
        return result;
    }
}
