using System.Collections.Concurrent;

namespace Combigrad.Solvers;

public static partial class BatchSolver
{
    /// <summary>
    /// Process-wide background threads (one per core beyond the first) that help callers of
    /// <see cref="SolveBatch(ISolver, ReadOnlyMemory{float}, Memory{float}, int, SolverStatistics?, CancellationToken)"/>.
    /// </summary>
    /// <remarks><para>Dedicated threads rather than the thread pool: a pool work item waits for the pool to wake or
    /// inject a worker, which on this project's 2-core test machine left the helper out of a 2 ms batch now and then
    /// (1.0-1.4x instead of 1.7-1.9x on two threads in 5 of 16 runs of <c>combigrad bench solvers --only batch</c>).
    /// An idle helper blocks on a semaphore (which spins briefly first), so it costs nothing between batches.</para>
    /// <para>Every posted request is one queue entry plus one semaphore count, the entry queued before the count is
    /// released, so a helper that takes a count always finds an entry. A request for a batch that has already
    /// finished finds no chunk left and returns at once.</para></remarks>
    private static class HelperThreads
    {
        private static readonly ConcurrentQueue<SharedBatch> Requests = new();
        private static readonly SemaphoreSlim Pending = new(0);
        private static readonly Lock StartGate = new();
        private static int _started;

        /// <summary>Asks <paramref name="helpers"/> helper threads to join <paramref name="batch"/>.</summary>
        public static void Post(SharedBatch batch, int helpers)
        {
            EnsureStarted(helpers);
            for (var h = 0; h < helpers; h++) Requests.Enqueue(batch);
            Pending.Release(helpers);
        }

        private static void EnsureStarted(int helpers)
        {
            if (Volatile.Read(ref _started) >= helpers) return;
            lock (StartGate)
            {
                while (_started < helpers)
                {
                    var thread = new Thread(Serve)
                    {
                        IsBackground = true,
                        Name = $"Combigrad batch helper {_started + 1}",
                    };
                    thread.Start();
                    Volatile.Write(ref _started, _started + 1);
                }
            }
        }

        private static void Serve()
        {
            while (true)
            {
                Pending.Wait();
                if (Requests.TryDequeue(out var batch)) batch.HelpOnce();
            }
        }
    }
}
