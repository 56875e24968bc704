namespace Combigrad.Solvers;

/// <summary>
/// Per-thread scratch memory for <see cref="GridShortestPathSolver"/>: distances, predecessors and the heap.
/// Grow-only, so repeated calls of the same (or a smaller) size allocate nothing.
/// </summary>
internal sealed class DijkstraWorkspace
{
    /// <summary>Predecessor of the start cell (and of cells not reached yet).</summary>
    public const int NoPredecessor = -1;

    [ThreadStatic]
    private static DijkstraWorkspace? t_current;

    private DijkstraWorkspace() { }

    /// <summary>Best known path cost from the start to each cell, including both end cells.</summary>
    public double[] Distance { get; private set; } = [];

    /// <summary>The cell from which each cell's best label was set, or <see cref="NoPredecessor"/>.</summary>
    public int[] Predecessor { get; private set; } = [];

    /// <summary>The priority queue of reached, unsettled cells.</summary>
    public IndexedMinHeap Heap { get; } = new();

    /// <summary>Returns this thread's workspace, reset for <paramref name="vertexCount"/> cells.</summary>
    public static DijkstraWorkspace ForCurrentThread(int vertexCount)
    {
        var workspace = t_current ??= new DijkstraWorkspace();
        workspace.Reset(vertexCount);
        return workspace;
    }

    private void Reset(int vertexCount)
    {
        if (Distance.Length < vertexCount)
        {
            Distance = new double[vertexCount];
            Predecessor = new int[vertexCount];
        }
        Distance.AsSpan(0, vertexCount).Fill(double.PositiveInfinity);
        Predecessor.AsSpan(0, vertexCount).Fill(NoPredecessor);
        Heap.Reset(vertexCount, Distance);
    }
}
