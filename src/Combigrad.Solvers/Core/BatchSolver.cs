using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Combigrad.Solvers;

/// <summary>
/// Solves a batch of independent instances of one <see cref="ISolver"/>, in parallel across cores.
/// </summary>
/// <remarks>
/// <para>Layout: <c>costs</c> and <c>solutions</c> hold <c>B</c> instances back to back, each of
/// <see cref="ISolver.Dimension"/> entries (row-major over <see cref="ISolver.InstanceShape"/>), so
/// <c>B = costs.Length / Dimension</c>. Arrays convert implicitly to the memory parameters.</para>
/// <para>Scheduling: instances are claimed in increasing order, in chunks of at least
/// <see cref="MinimumCostEntriesPerRange"/> cost entries (so small problems are not dominated by claiming overhead),
/// by the calling thread and by up to <c>workers - 1</c> helper threads (process-wide background threads, one per
/// core beyond the first, blocked while idle), each taking the next chunk when it is
/// done with its last one (an atomic counter: no up-front partition, so a preempted or late thread delays nobody). The
/// calling thread never waits for a helper that has not started; it waits only for chunks a helper is already
/// solving. A batch that fits in one chunk, or a degree of parallelism of 1, runs sequentially on the calling
/// thread.</para>
/// <para>Errors: if instances fail, the one with the lowest index is reported (deterministically), as the same
/// exception kind with <c>"instance i of B: "</c> prepended to its message (<c>i</c> zero-based) and the original
/// as inner exception: an <see cref="ArgumentException"/> (or subclass) becomes an <see cref="ArgumentException"/>,
/// an <see cref="InfeasibleProblemException"/> stays one. Any other exception is rethrown unchanged (original
/// stack trace) with the index stored in <see cref="Exception.Data"/> under <see cref="InstanceIndexDataKey"/>.
/// Never an <see cref="AggregateException"/>. Solutions of instances other than the failing one may or may not
/// have been written.</para>
/// <para>Allocation: a few small objects per batch for the parallel loop; none per instance beyond the solver's.</para>
/// <para>Statistics: the overload taking a <see cref="SolverStatistics"/> adds the batch's wall time, the number of
/// instances solved and their summed solver time to it (thread-safe), for the trainer to report.</para>
/// <para>Cancellation: the token is checked before every instance on every thread, so a cancelled batch throws
/// <see cref="OperationCanceledException"/> as soon as the instances already running finish (a single
/// <see cref="ISolver.Solve"/> call is not interrupted).</para>
/// </remarks>
public static partial class BatchSolver
{
    /// <summary>The smallest amount of work, in cost entries, claimed at once by one thread.</summary>
    /// <remarks>About 1e3 to 1e5 ns of solver work for the solvers here, well above the ~1e2 ns a contended claim
    /// costs.</remarks>
    public const int MinimumCostEntriesPerRange = 512;

    /// <summary>The <see cref="Exception.Data"/> key holding the failing instance index of a rethrown exception.</summary>
    public const string InstanceIndexDataKey = "Combigrad.BatchInstanceIndex";

    /// <summary>The value of <c>maxDegreeOfParallelism</c> meaning "use every core".</summary>
    public const int UnlimitedParallelism = -1;

    /// <summary>Solves every instance of the batch, using all cores.</summary>
    /// <param name="solver">The solver applied to each instance.</param>
    /// <param name="costs">The <c>B x Dimension</c> costs, instance after instance.</param>
    /// <param name="solutions">Caller-owned output of the same length; fully overwritten on success.</param>
    /// <param name="cancellationToken">Stops scheduling further instances when cancelled.</param>
    /// <exception cref="ArgumentNullException"><paramref name="solver"/> is null.</exception>
    /// <exception cref="ArgumentException">Lengths differ or are not a multiple of the dimension, or an instance
    /// has invalid costs (message prefixed with its index).</exception>
    /// <exception cref="InfeasibleProblemException">An instance is infeasible (message prefixed with its index).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static void SolveBatch(
        this ISolver solver,
        ReadOnlyMemory<float> costs,
        Memory<float> solutions,
        CancellationToken cancellationToken = default)
        => SolveBatch(solver, costs, solutions, UnlimitedParallelism, cancellationToken);

    /// <summary>Solves every instance of the batch, using at most <paramref name="maxDegreeOfParallelism"/> threads.</summary>
    /// <param name="solver">The solver applied to each instance.</param>
    /// <param name="costs">The <c>B x Dimension</c> costs, instance after instance.</param>
    /// <param name="solutions">Caller-owned output of the same length; fully overwritten on success.</param>
    /// <param name="maxDegreeOfParallelism">At least 1, or <see cref="UnlimitedParallelism"/> for every core.</param>
    /// <param name="cancellationToken">Stops scheduling further instances when cancelled.</param>
    /// <exception cref="ArgumentNullException"><paramref name="solver"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is 0 or below -1.</exception>
    /// <exception cref="ArgumentException">Lengths differ or are not a multiple of the dimension, or an instance
    /// has invalid costs (message prefixed with its index).</exception>
    /// <exception cref="InfeasibleProblemException">An instance is infeasible (message prefixed with its index).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static void SolveBatch(
        this ISolver solver,
        ReadOnlyMemory<float> costs,
        Memory<float> solutions,
        int maxDegreeOfParallelism,
        CancellationToken cancellationToken = default)
        => SolveBatch(solver, costs, solutions, maxDegreeOfParallelism, statistics: null, cancellationToken);

    /// <summary>
    /// Solves every instance of the batch, using at most <paramref name="maxDegreeOfParallelism"/> threads, and adds the
    /// batch, the instances solved and their solver time to <paramref name="statistics"/>.
    /// </summary>
    /// <param name="solver">The solver applied to each instance.</param>
    /// <param name="costs">The <c>B x Dimension</c> costs, instance after instance.</param>
    /// <param name="solutions">Caller-owned output of the same length; fully overwritten on success.</param>
    /// <param name="maxDegreeOfParallelism">At least 1, or <see cref="UnlimitedParallelism"/> for every core.</param>
    /// <param name="statistics">Counters to add to (thread-safe, may be shared by concurrent batches); null for none.</param>
    /// <param name="cancellationToken">Checked before every instance: a cancelled batch stops after the instances
    /// already running and throws <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="solver"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is 0 or below -1.</exception>
    /// <exception cref="ArgumentException">Lengths differ or are not a multiple of the dimension, or an instance
    /// has invalid costs (message prefixed with its index).</exception>
    /// <exception cref="InfeasibleProblemException">An instance is infeasible (message prefixed with its index).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static void SolveBatch(
        this ISolver solver,
        ReadOnlyMemory<float> costs,
        Memory<float> solutions,
        int maxDegreeOfParallelism,
        SolverStatistics? statistics,
        CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            SolveBatchCore(solver, costs, solutions, maxDegreeOfParallelism, statistics, cancellationToken);
        }
        finally
        {
            statistics?.AddBatch(Stopwatch.GetTimestamp() - start);
        }
    }

    private static void SolveBatchCore(
        ISolver solver,
        ReadOnlyMemory<float> costs,
        Memory<float> solutions,
        int maxDegreeOfParallelism,
        SolverStatistics? statistics,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(solver);
        if (maxDegreeOfParallelism != UnlimitedParallelism && maxDegreeOfParallelism < 1)
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism,
                $"Must be at least 1, or {UnlimitedParallelism} for every core.");
        var count = CountInstances(solver, costs.Length, solutions.Length);
        cancellationToken.ThrowIfCancellationRequested();
        if (count == 0) return;

        var chunkSize = ChunkSize(solver.Dimension);
        var chunks = (count + chunkSize - 1) / chunkSize;
        var workers = Math.Min(chunks, maxDegreeOfParallelism == UnlimitedParallelism
            ? Environment.ProcessorCount
            : Math.Min(maxDegreeOfParallelism, Environment.ProcessorCount));
        var failure = new FirstFailure();

        if (workers <= 1)
            SolveRange(solver, costs, solutions, 0, count, failure, statistics, cancellationToken);
        else
            new SharedBatch(solver, costs, solutions, count, chunkSize, failure, statistics, cancellationToken).Run(workers - 1);

        cancellationToken.ThrowIfCancellationRequested();
        failure.ThrowIfAny(count);
    }

    private static int CountInstances(ISolver solver, int costsLength, int solutionsLength)
    {
        if (costsLength != solutionsLength)
            throw new ArgumentException(
                $"{solver.Name}: costs have {costsLength} entries but solutions have {solutionsLength}; they must match.",
                "solutions");
        var dimension = solver.Dimension;
        if (costsLength % dimension != 0)
            throw new ArgumentException(
                $"{solver.Name}: {costsLength} cost entries are not a whole number of instances of dimension {dimension}.",
                "costs");
        return costsLength / dimension;
    }

    private static int ChunkSize(int dimension) =>
        Math.Max(1, (MinimumCostEntriesPerRange + dimension - 1) / dimension);

    /// <summary>
    /// Solves instances <c>[from, to)</c>, stopping at cancellation, at its first failure, or at an instance above
    /// a failure already recorded. Every instance below the lowest failure is attempted, so the reported failure is
    /// deterministic.
    /// </summary>
    private static void SolveRange(
        ISolver solver,
        ReadOnlyMemory<float> costs,
        Memory<float> solutions,
        int fromInclusive,
        int toExclusive,
        FirstFailure failure,
        SolverStatistics? statistics,
        CancellationToken cancellationToken)
    {
        var dimension = solver.Dimension;
        var costSpan = costs.Span;
        var solutionSpan = solutions.Span;
        var solved = 0L;
        var solverTicks = 0L;
        try
        {
            for (var i = fromInclusive; i < toExclusive; i++)
            {
                if (cancellationToken.IsCancellationRequested || i > failure.LowestIndex) return;
                var offset = i * dimension;
                var start = Stopwatch.GetTimestamp();
                try
                {
                    solver.Solve(costSpan.Slice(offset, dimension), solutionSpan.Slice(offset, dimension));
                }
                catch (Exception ex)
                {
                    failure.Record(i, ex);
                    return;
                }
                solverTicks += Stopwatch.GetTimestamp() - start;
                solved++;
            }
        }
        finally
        {
            statistics?.AddInstances(solved, solverTicks);
        }
    }

    /// <summary>Keeps the failure with the lowest instance index, across threads.</summary>
    private sealed class FirstFailure
    {
        private readonly Lock _gate = new();
        private int _index = int.MaxValue;
        private Exception? _exception;

        /// <summary>The lowest failing index recorded so far, or <see cref="int.MaxValue"/>.</summary>
        public int LowestIndex => Volatile.Read(ref _index);

        public void Record(int index, Exception exception)
        {
            lock (_gate)
            {
                if (index >= _index) return;
                _exception = exception;
                Volatile.Write(ref _index, index);
            }
        }

        public void ThrowIfAny(int count)
        {
            if (_exception is null) return;
            var prefix = $"instance {_index} of {count}: ";
            switch (_exception)
            {
                case InfeasibleProblemException infeasible:
                    throw new InfeasibleProblemException(prefix + infeasible.Message, infeasible);
                case ArgumentException argument:
                    throw new ArgumentException(prefix + argument.Message, argument);
                default:
                    _exception.Data[InstanceIndexDataKey] = _index;
                    ExceptionDispatchInfo.Throw(_exception);
                    break;
            }
        }
    }
}
