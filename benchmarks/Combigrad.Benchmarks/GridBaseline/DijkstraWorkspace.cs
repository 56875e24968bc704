using System.Runtime.Intrinsics;

namespace Combigrad.Benchmarks.GridBaseline;

/// <summary>
/// Per-thread buffers of <see cref="GridShortestPathSolver"/> on a grid padded with a one-cell border, so that the
/// eight neighbours of every real cell are at fixed index offsets and no relaxation needs a border test. Unreached
/// cells hold distance <see cref="double.PositiveInfinity"/> and border cells <see cref="double.NegativeInfinity"/>,
/// so "not reached yet" is one comparison that is false on the border. Grow-only: steady state allocates nothing.
/// </summary>
internal sealed class DijkstraWorkspace
{
    /// <summary>The predecessor of the start cell.</summary>
    public const int NoPredecessor = -1;

    /// <summary>Entries after the padded grid, so that a vector load starting at any cell stays inside the array.</summary>
    private static readonly int VectorSlack = Vector256<double>.Count;

    [ThreadStatic]
    private static DijkstraWorkspace? t_current;

    private DijkstraWorkspace() { }

    /// <summary>Costs of the padded grid (border entries are never read).</summary>
    public double[] Cost { get; private set; } = [];

    /// <summary>Distances of the padded grid (sums in double, exact enough for float costs).</summary>
    public double[] Distance { get; private set; } = [];

    /// <summary>Predecessor (padded index) of each reached cell on its shortest path.</summary>
    public int[] Predecessor { get; private set; } = [];

    /// <summary>The priority queue.</summary>
    public MonotoneBucketQueue Queue { get; } = new();

    /// <summary>The calling thread's workspace, reset for a <paramref name="rows"/> x <paramref name="columns"/> grid
    /// with <paramref name="costs"/> (row-major, unpadded) copied in.</summary>
    public static DijkstraWorkspace ForCurrentThread(int rows, int columns, ReadOnlySpan<float> costs)
    {
        var workspace = t_current ??= new DijkstraWorkspace();
        workspace.Reset(rows, columns, costs);
        return workspace;
    }

    private void Reset(int rows, int columns, ReadOnlySpan<float> costs)
    {
        var width = columns + 2;
        var paddedCount = (rows + 2) * width;
        if (Cost.Length < paddedCount)
        {
            Cost = new double[paddedCount];
            Distance = new double[paddedCount + VectorSlack];
            Predecessor = new int[paddedCount];
        }
        var distance = Distance.AsSpan(0, paddedCount);
        var cost = Cost.AsSpan(0, paddedCount);
        distance.Fill(double.NegativeInfinity);
        for (var row = 0; row < rows; row++)
        {
            var rowStart = (row + 1) * width + 1;
            distance.Slice(rowStart, columns).Fill(double.PositiveInfinity);
            var source = costs.Slice(row * columns, columns);
            var target = cost.Slice(rowStart, source.Length);
            for (var col = 0; col < source.Length; col++) target[col] = source[col];
        }
    }
}
