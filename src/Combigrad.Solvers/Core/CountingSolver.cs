namespace Combigrad.Solvers;

/// <summary>Wraps a solver and counts its calls (thread-safe), for reports that compare methods by solver work.</summary>
public sealed class CountingSolver : ISolver
{
    private readonly ISolver _inner;
    private long _calls;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public CountingSolver(ISolver inner) => _inner = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <summary>The number of instances solved so far.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <inheritdoc />
    public string Name => _inner.Name;

    /// <inheritdoc />
    public IReadOnlyList<int> InstanceShape => _inner.InstanceShape;

    /// <inheritdoc />
    public int Dimension => _inner.Dimension;

    /// <inheritdoc />
    public SolutionSetFacts Facts => _inner.Facts;

    /// <inheritdoc />
    public void Solve(ReadOnlySpan<float> costs, Span<float> solution)
    {
        Interlocked.Increment(ref _calls);
        _inner.Solve(costs, solution);
    }

    /// <summary>Sets the count back to zero.</summary>
    public void Reset() => Interlocked.Exchange(ref _calls, 0);
}
