namespace Combigrad.Solvers;

/// <summary>
/// Wraps a solver and counts its calls and their summed compute time (thread-safe), for reports that compare methods
/// by solver work. Times of instances solved in parallel add up, so <see cref="Elapsed"/> is solver CPU time.
/// </summary>
public sealed class CountingSolver : ISolver
{
    private readonly ISolver _inner;
    private readonly object _busyLock = new();
    private long _calls;
    private long _elapsedTicks;
    private int _active;
    private long _busyStart;
    private long _busyTicks;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public CountingSolver(ISolver inner) => _inner = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <summary>The number of instances solved so far.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>The summed time spent inside the wrapped solver, over all threads.</summary>
    public TimeSpan Elapsed => TimeSpan.FromSeconds(Interlocked.Read(ref _elapsedTicks) / (double)System.Diagnostics.Stopwatch.Frequency);

    /// <summary>Wall-clock time during which at least one call was running (parallel calls overlap, so this is
    /// at most the real time spent solving; the rest of a training step is network time).</summary>
    public TimeSpan BusyTime
    {
        get
        {
            lock (_busyLock)
            {
                var ticks = _busyTicks + (_active > 0 ? System.Diagnostics.Stopwatch.GetTimestamp() - _busyStart : 0);
                return TimeSpan.FromSeconds(ticks / (double)System.Diagnostics.Stopwatch.Frequency);
            }
        }
    }

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
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        lock (_busyLock)
        {
            if (_active++ == 0) _busyStart = start;
        }
        try
        {
            _inner.Solve(costs, solution);
        }
        finally
        {
            var end = System.Diagnostics.Stopwatch.GetTimestamp();
            Interlocked.Add(ref _elapsedTicks, end - start);
            Interlocked.Increment(ref _calls);
            lock (_busyLock)
            {
                if (--_active == 0) _busyTicks += end - _busyStart;
            }
        }
    }

    /// <summary>Sets the count and the time back to zero.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _calls, 0);
        Interlocked.Exchange(ref _elapsedTicks, 0);
        lock (_busyLock)
        {
            _busyTicks = 0;
            _busyStart = System.Diagnostics.Stopwatch.GetTimestamp();
        }
    }
}
