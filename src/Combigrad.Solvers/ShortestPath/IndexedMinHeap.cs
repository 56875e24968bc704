namespace Combigrad.Solvers;

/// <summary>
/// A binary min-heap of vertex ids keyed by an external distance array, with decrease-key.
/// Order is lexicographic on <c>(distance, vertex id)</c>, so equal distances pop the lower id first.
/// </summary>
/// <remarks>Grow-only storage: <see cref="Reset"/> reuses the arrays when they are large enough.</remarks>
internal sealed class IndexedMinHeap
{
    /// <summary>Marks a vertex that has never been pushed since the last reset.</summary>
    public const int Unreached = -1;

    /// <summary>Marks a vertex that has been popped (settled) since the last reset.</summary>
    public const int Popped = -2;

    private int[] _heap = [];
    private int[] _position = [];
    private double[] _distance = [];
    private int _count;

    /// <summary>The number of vertices currently in the heap.</summary>
    public int Count => _count;

    /// <summary>Empties the heap for <paramref name="vertexCount"/> vertices keyed by <paramref name="distance"/>.</summary>
    public void Reset(int vertexCount, double[] distance)
    {
        if (_heap.Length < vertexCount)
        {
            _heap = new int[vertexCount];
            _position = new int[vertexCount];
        }
        _position.AsSpan(0, vertexCount).Fill(Unreached);
        _distance = distance;
        _count = 0;
    }

    /// <summary>Whether <paramref name="vertex"/> has already been popped.</summary>
    public bool IsPopped(int vertex) => _position[vertex] == Popped;

    /// <summary>Inserts <paramref name="vertex"/>, or restores heap order after its distance decreased.</summary>
    public void PushOrDecrease(int vertex)
    {
        var at = _position[vertex];
        if (at == Unreached)
        {
            at = _count++;
            _heap[at] = vertex;
            _position[vertex] = at;
        }
        SiftUp(at);
    }

    /// <summary>Removes and returns the vertex with the smallest <c>(distance, id)</c>.</summary>
    public int Pop()
    {
        var top = _heap[0];
        _position[top] = Popped;
        _count--;
        if (_count > 0)
        {
            var last = _heap[_count];
            _heap[0] = last;
            _position[last] = 0;
            SiftDown(0);
        }
        return top;
    }

    private bool Precedes(int a, int b)
    {
        var da = _distance[a];
        var db = _distance[b];
        return da < db || (da == db && a < b);
    }

    private void SiftUp(int at)
    {
        var vertex = _heap[at];
        while (at > 0)
        {
            var parentAt = (at - 1) >> 1;
            var parent = _heap[parentAt];
            if (!Precedes(vertex, parent)) break;
            _heap[at] = parent;
            _position[parent] = at;
            at = parentAt;
        }
        _heap[at] = vertex;
        _position[vertex] = at;
    }

    private void SiftDown(int at)
    {
        var vertex = _heap[at];
        while (true)
        {
            var childAt = (at << 1) + 1;
            if (childAt >= _count) break;
            var rightAt = childAt + 1;
            if (rightAt < _count && Precedes(_heap[rightAt], _heap[childAt])) childAt = rightAt;
            var child = _heap[childAt];
            if (!Precedes(child, vertex)) break;
            _heap[at] = child;
            _position[child] = at;
            at = childAt;
        }
        _heap[at] = vertex;
        _position[vertex] = at;
    }
}
