using System.Diagnostics;
using Combigrad.Testing;

namespace Combigrad.Solvers.Tests;

public sealed class SolverStatisticsTests
{
    private const int Seed = 11;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void SolveBatch_WithStatistics_CountsInstancesBatchesAndTime(int degree)
    {
        var solver = new GridShortestPathSolver(12);
        var random = new Random(Seed);
        const int Batch = 64;
        var costs = RandomCosts.Uniform(random, Batch * solver.Dimension, 0f, 1f);
        var solutions = new float[costs.Length];
        var expected = new float[costs.Length];
        var statistics = new SolverStatistics();

        solver.SolveBatch(costs, expected);
        solver.SolveBatch(costs, solutions, degree, statistics);
        solver.SolveBatch(costs, solutions, degree, statistics);

        Assert.Equal(expected, solutions);
        Assert.Equal(2, statistics.Batches);
        Assert.Equal(2 * Batch, statistics.Instances);
        Assert.True(statistics.SolverTime > TimeSpan.Zero);
        Assert.True(statistics.WallTime > TimeSpan.Zero);
        Assert.True(statistics.MeanSolverTimePerInstance > TimeSpan.Zero);
        Assert.Contains("128 instances", statistics.ToString());

        statistics.Reset();
        Assert.Equal(0, statistics.Instances);
        Assert.Equal(TimeSpan.Zero, statistics.SolverTime);
    }

    [Fact]
    public void SolveBatch_SharedStatisticsFromConcurrentBatches_CountsEveryInstance()
    {
        var solver = new RankingSolver(50);
        var statistics = new SolverStatistics();
        const int Batches = 16;
        const int Batch = 40;

        Parallel.For(0, Batches, b =>
        {
            var costs = RandomCosts.Uniform(new Random(Seed + b), Batch * solver.Dimension, -1f, 1f);
            solver.SolveBatch(costs, new float[costs.Length], BatchSolver.UnlimitedParallelism, statistics);
        });

        Assert.Equal(Batches, statistics.Batches);
        Assert.Equal(Batches * Batch, statistics.Instances);
    }

    [Fact]
    public void SolveBatch_FailingInstance_CountsOnlySolvedOnesAndStillThrows()
    {
        var solver = new ScriptedSolver(2, () => new InvalidOperationException("boom"));
        var costs = new float[] { 1f, 1f, 1f, 1f, ScriptedSolver.FailMarker, 1f };
        var statistics = new SolverStatistics();

        Assert.Throws<InvalidOperationException>(() => solver.SolveBatch(costs, new float[6], 1, statistics));

        Assert.Equal(2, statistics.Instances);
        Assert.Equal(1, statistics.Batches);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void SolveBatch_CancelledWhileRunning_ThrowsOperationCanceledPromptly(int degree)
    {
        const int Batch = 2000;
        var solver = new SleepingSolver(TimeSpan.FromMilliseconds(2));
        var costs = new float[Batch * solver.Dimension];
        using var cancellation = new CancellationTokenSource();
        var statistics = new SolverStatistics();
        // Cancel from a dedicated thread: a timer-based token fires on the thread pool, which the sleeping batch may starve.
        var canceller = new Thread(() =>
        {
            Thread.Sleep(100);
            cancellation.Cancel();
        });
        canceller.Start();

        Assert.ThrowsAny<OperationCanceledException>(
            () => solver.SolveBatch(costs, new float[costs.Length], degree, statistics, cancellation.Token));
        canceller.Join();

        // The whole batch takes at least 2 s per thread; cancellation stops it right after the running instances,
        // so far fewer than half of the instances run (no wall-clock assertion: this machine's speed drifts).
        Assert.True(statistics.Instances < Batch / 2, $"{statistics.Instances} of {Batch} instances ran before the batch stopped");
    }

    /// <summary>Sleeps per instance: a stand-in for a slow exact solver.</summary>
    private sealed class SleepingSolver(TimeSpan delay) : ISolver
    {
        public string Name => "Sleeping";

        public IReadOnlyList<int> InstanceShape => [Dimension];

        public int Dimension => 1024;

        public SolutionSetFacts Facts { get; } = new(HasConstantSum: false, RequiresNonNegativeCosts: false);

        public void Solve(ReadOnlySpan<float> costs, Span<float> solution)
        {
            Thread.Sleep(delay);
            costs.CopyTo(solution);
        }
    }
}
