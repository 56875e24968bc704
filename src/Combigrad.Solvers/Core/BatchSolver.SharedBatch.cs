namespace Combigrad.Solvers;

public static partial class BatchSolver
{
    /// <summary>
    /// One batch solved by the calling thread and helper threads (<see cref="HelperThreads"/>) that claim chunks of instances from a shared
    /// counter. The caller returns once every chunk is claimed and every claimed chunk is finished; a helper that
    /// starts later finds nothing left and touches neither costs nor solutions.
    /// </summary>
    private sealed class SharedBatch(
        ISolver solver,
        ReadOnlyMemory<float> costs,
        Memory<float> solutions,
        int count,
        int chunkSize,
        FirstFailure failure,
        SolverStatistics? statistics,
        CancellationToken cancellationToken)
    {
        private int _nextInstance;
        private int _busyHelpers;

        /// <summary>Asks for <paramref name="helpers"/> helpers, solves chunks on the calling thread until none is
        /// left, then waits (polling, never sleeping a scheduler tick) for the chunks helpers are still solving.</summary>
        public void Run(int helpers)
        {
            HelperThreads.Post(this, helpers);
            SolveChunks();
            var spinner = new SpinWait();
            while (Volatile.Read(ref _busyHelpers) > 0) spinner.SpinOnce(sleep1Threshold: -1);
        }

        /// <summary>Solves chunks on a helper thread until none is left.</summary>
        public void HelpOnce()
        {
            Interlocked.Increment(ref _busyHelpers);
            try
            {
                SolveChunks();
            }
            finally
            {
                Interlocked.Decrement(ref _busyHelpers);
            }
        }

        /// <summary>Claims and solves chunks in increasing order until all are claimed. Claims are monotone, so every
        /// instance below the lowest failure is still attempted and the reported failure stays deterministic.</summary>
        private void SolveChunks()
        {
            while (true)
            {
                var from = Interlocked.Add(ref _nextInstance, chunkSize) - chunkSize;
                if (from >= count) return;
                SolveRange(solver, costs, solutions, from, Math.Min(from + chunkSize, count), failure, statistics,
                    cancellationToken);
            }
        }
    }
}
