using System.Diagnostics;

namespace Combigrad.Solvers;

/// <summary>
/// Thread-safe counters of solver work that <see cref="BatchSolver"/> adds to when given one: batches, instances solved,
/// summed per-instance solver time (over all threads, so it can exceed the wall time) and summed batch wall time.
/// One object can collect a whole training run; <see cref="Reset"/> starts over (for example per epoch).
/// </summary>
/// <remarks>Timing uses <see cref="Stopwatch"/> timestamps: about 20 ns per instance, negligible next to a solve.
/// Instances that throw are not counted; a cancelled or failed batch still adds the instances it finished.</remarks>
public sealed class SolverStatistics
{
    private long _batches;
    private long _instances;
    private long _solverTicks;
    private long _wallTicks;

    /// <summary>The number of <see cref="BatchSolver"/> batches recorded.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>The number of instances solved successfully.</summary>
    public long Instances => Interlocked.Read(ref _instances);

    /// <summary>The summed time spent inside <see cref="ISolver.Solve"/> over all threads (solver CPU time).</summary>
    public TimeSpan SolverTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _solverTicks));

    /// <summary>The summed wall-clock time of the recorded batches.</summary>
    public TimeSpan WallTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _wallTicks));

    /// <summary>The mean solver time per instance, or zero before the first instance.</summary>
    public TimeSpan MeanSolverTimePerInstance
    {
        get
        {
            var instances = Instances;
            return instances == 0 ? TimeSpan.Zero : SolverTime / instances;
        }
    }

    /// <summary>Sets every counter back to zero.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _batches, 0);
        Interlocked.Exchange(ref _instances, 0);
        Interlocked.Exchange(ref _solverTicks, 0);
        Interlocked.Exchange(ref _wallTicks, 0);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Batches} batches, {Instances} instances, solver time {SolverTime.TotalMilliseconds:F1} ms " +
        $"({MeanSolverTimePerInstance.TotalMicroseconds:F1} us per instance), wall time {WallTime.TotalMilliseconds:F1} ms";

    internal void AddInstances(long instances, long solverTicks)
    {
        Interlocked.Add(ref _instances, instances);
        Interlocked.Add(ref _solverTicks, solverTicks);
    }

    internal void AddBatch(long wallTicks)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _wallTicks, wallTicks);
    }
}
