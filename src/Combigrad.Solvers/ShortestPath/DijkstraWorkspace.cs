namespace Combigrad.Solvers;

/// <summary>Per-thread buffers of <see cref="GridShortestPathSolver"/>; they only grow, so steady state allocates nothing.</summary>
internal sealed class DijkstraWorkspace
{
    /// <summary>The predecessor of the start cell and of unreached cells.</summary>
    public const int NoPredecessor = -1;

    /// <summary>Each settled cell pushes at most one entry per neighbour, plus the start entry.</summary>
    private const int MaxNeighbours = 8;

    [ThreadStatic]
    private static DijkstraWorkspace? t_current;

    private DijkstraWorkspace() { }

    /// <summary>Tentative distances (sums in double, exact enough for float costs).</summary>
    public double[] Distance { get; private set; } = [];

    /// <summary>Predecessor of each cell on its shortest path.</summary>
    public int[] Predecessor { get; private set; } = [];

    /// <summary>The priority queue.</summary>
    public LazyMinHeap Heap { get; } = new();

    /// <summary>The calling thread's workspace, reset for <paramref name="vertexCount"/> cells.</summary>
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
        Heap.Reset(MaxNeighbours * vertexCount + 1);
    }
}
