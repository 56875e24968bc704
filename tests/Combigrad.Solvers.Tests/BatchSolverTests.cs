using Combigrad.Testing;

namespace Combigrad.Solvers.Tests;

public sealed class BatchSolverTests
{
    private const int Seed = 64;
    private const int BatchSize = 64;

    [Theory]
    [InlineData("grid12")]
    [InlineData("grid3x4")]
    [InlineData("grid30")]
    [InlineData("ranking100")]
    [InlineData("ranking5")]
    [InlineData("topk50")]
    public void SolveBatch_MixedInstances_EqualsSequentialSolves(string kind)
    {
        var solver = CreateSolver(kind);
        var costs = MixedBatch(solver, new Random(Seed));
        var expected = SolveSequentially(solver, costs);
        var parallel = new float[costs.Length];
        var serial = new float[costs.Length];

        solver.SolveBatch(costs, parallel);
        solver.SolveBatch(costs, serial, maxDegreeOfParallelism: 1);

        Assert.Equal(expected, parallel);
        Assert.Equal(expected, serial);
    }

    [Fact]
    public void SolveBatch_InvalidCostInOneInstance_ThrowsArgumentExceptionWithInstanceIndex()
    {
        var solver = new GridShortestPathSolver(12);
        var costs = MixedBatch(solver, new Random(Seed));
        costs[37 * solver.Dimension + 5] = float.NaN;

        var ex = Assert.Throws<ArgumentException>(() => solver.SolveBatch(costs, new float[costs.Length]));

        Assert.StartsWith($"instance 37 of {BatchSize}: ", ex.Message);
        Assert.Contains("index 5 is NaN", ex.Message);
        Assert.IsType<ArgumentException>(ex.InnerException);
    }

    [Fact]
    public void SolveBatch_SeveralInvalidInstances_ReportsLowestIndexEveryTime()
    {
        const int Repetitions = 20;
        var solver = new RankingSolver(100);
        var costs = MixedBatch(solver, new Random(Seed));
        foreach (var bad in new[] { 60, 5, 41 }) costs[bad * solver.Dimension] = float.PositiveInfinity;

        for (var repetition = 0; repetition < Repetitions; repetition++)
        {
            var ex = Assert.Throws<ArgumentException>(() => solver.SolveBatch(costs, new float[costs.Length]));
            Assert.StartsWith($"instance 5 of {BatchSize}: ", ex.Message);
        }
    }

    [Fact]
    public void SolveBatch_InfeasibleInstance_ThrowsInfeasibleProblemExceptionWithInstanceIndex()
    {
        const int Dimension = 2048;
        var solver = new ScriptedSolver(Dimension, () => new InfeasibleProblemException("Scripted: no tour exists."));
        var costs = new float[8 * Dimension];
        costs[3 * Dimension] = ScriptedSolver.FailMarker;

        var ex = Assert.Throws<InfeasibleProblemException>(() => solver.SolveBatch(costs, new float[costs.Length]));

        Assert.Equal("instance 3 of 8: Scripted: no tour exists.", ex.Message);
        Assert.IsType<InfeasibleProblemException>(ex.InnerException);
    }

    [Fact]
    public void SolveBatch_OtherExceptionType_RethrownUnchangedWithIndexInData()
    {
        const int Dimension = 2048;
        var solver = new ScriptedSolver(Dimension, () => new InvalidOperationException("boom"));
        var costs = new float[8 * Dimension];
        costs[6 * Dimension] = ScriptedSolver.FailMarker;

        var ex = Assert.Throws<InvalidOperationException>(() => solver.SolveBatch(costs, new float[costs.Length]));

        Assert.Equal("boom", ex.Message);
        Assert.Equal(6, ex.Data[BatchSolver.InstanceIndexDataKey]);
    }

    [Fact]
    public void SolveBatch_SequentialPathFailure_ThrowsWithInstanceIndex()
    {
        var solver = new TopKSolver(4, 2);
        var costs = new float[3 * 4];
        costs[2 * 4 + 1] = float.NaN;

        var ex = Assert.Throws<ArgumentException>(
            () => solver.SolveBatch(costs, new float[costs.Length], maxDegreeOfParallelism: 1));

        Assert.StartsWith("instance 2 of 3: ", ex.Message);
    }

    [Fact]
    public void SolveBatch_SmallInstances_RunOnCallingThread()
    {
        // 100 instances of one entry are far less work than one range: no scheduling at all.
        var solver = new ScriptedSolver(1, () => new InvalidOperationException());
        var costs = Enumerable.Range(0, 100).Select(i => (float)i).ToArray();
        var solutions = new float[costs.Length];

        solver.SolveBatch(costs, solutions);

        Assert.Equal(costs, solutions);
        Assert.Equal([Environment.CurrentManagedThreadId], solver.ThreadIds);
    }

    [Fact]
    public void SolveBatch_SlowInstances_HelperThreadSolvesPartOfTheBatch()
    {
        // Every instance waits until a second thread has solved one, so the batch can only finish once a helper
        // thread has joined; on one core everything runs on the calling thread instead.
        const int Dimension = 2048;
        var solver = new RendezvousSolver(Dimension, Environment.ProcessorCount >= 2 ? 2 : 1);
        var costs = new float[8 * Dimension];

        solver.SolveBatch(costs, new float[costs.Length]);

        var helperNames = solver.Threads.Where(thread => thread.Key != Environment.CurrentManagedThreadId)
            .Select(thread => thread.Value).ToArray();
        Assert.Equal(Math.Min(2, Environment.ProcessorCount) - 1, helperNames.Length);
        Assert.All(helperNames, name => Assert.StartsWith("Combigrad batch helper", name));
    }

    [Fact]
    public void SolveBatch_ConcurrentCallersShareHelpers_EachGetsItsOwnSolutions()
    {
        const int Callers = 6;
        const int Repetitions = 15;
        var solver = new GridShortestPathSolver(16);
        var batches = Enumerable.Range(0, Callers).Select(c => MixedBatch(solver, new Random(Seed + c))).ToArray();
        var expected = batches.Select(costs => SolveSequentially(solver, costs)).ToArray();
        var mismatches = 0;

        Parallel.For(0, Callers, new ParallelOptions { MaxDegreeOfParallelism = Callers }, caller =>
        {
            var solutions = new float[batches[caller].Length];
            for (var repetition = 0; repetition < Repetitions; repetition++)
            {
                Array.Clear(solutions);
                solver.SolveBatch(batches[caller], solutions);
                if (!solutions.AsSpan().SequenceEqual(expected[caller])) Interlocked.Increment(ref mismatches);
            }
        });

        Assert.Equal(0, mismatches);
    }

    [Fact]
    public async Task SolveBatch_SolverThatSolvesBatchesItself_Completes()
    {
        // A batch whose instances run batches of their own (helpers busy with the outer batch): no deadlock.
        var inner = new GridShortestPathSolver(12);
        var innerCosts = MixedBatch(inner, new Random(Seed));
        var expected = SolveSequentially(inner, innerCosts);
        var outer = new NestedBatchSolver(inner, innerCosts, expected);
        var costs = new float[8 * outer.Dimension];

        var task = Task.Run(() => outer.SolveBatch(costs, new float[costs.Length]));

        var finished = await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.True(finished == task, "The nested batch did not finish within 60 s.");
        await task;
        Assert.Equal(8, outer.Calls);
    }

    [Fact]
    public void SolveBatch_CostsAndSolutionsLengthsDiffer_ThrowsArgumentException()
    {
        var solver = new RankingSolver(3);

        var ex = Assert.Throws<ArgumentException>(() => solver.SolveBatch(new float[6], new float[9]));

        Assert.Contains("6", ex.Message);
        Assert.Contains("9", ex.Message);
    }

    [Fact]
    public void SolveBatch_LengthNotMultipleOfDimension_ThrowsArgumentException()
    {
        var solver = new RankingSolver(3);

        var ex = Assert.Throws<ArgumentException>(() => solver.SolveBatch(new float[7], new float[7]));

        Assert.Contains("dimension 3", ex.Message);
    }

    [Fact]
    public void SolveBatch_EmptyBatch_DoesNothing()
    {
        var solver = new RankingSolver(3);

        solver.SolveBatch(ReadOnlyMemory<float>.Empty, Memory<float>.Empty);
    }

    [Fact]
    public void SolveBatch_NullSolver_ThrowsArgumentNullException() =>
        Assert.Throws<ArgumentNullException>(() => BatchSolver.SolveBatch(null!, new float[3], new float[3]));

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void SolveBatch_InvalidDegreeOfParallelism_ThrowsArgumentOutOfRange(int degree) =>
        Assert.Throws<ArgumentOutOfRangeException>(
            () => new RankingSolver(3).SolveBatch(new float[3], new float[3], degree));

    [Fact]
    public void SolveBatch_CancelledToken_ThrowsOperationCanceled()
    {
        var solver = new GridShortestPathSolver(12);
        var costs = new float[BatchSize * solver.Dimension];

        Assert.ThrowsAny<OperationCanceledException>(
            () => solver.SolveBatch(costs, new float[costs.Length], new CancellationToken(canceled: true)));
    }

    private static ISolver CreateSolver(string kind) => kind switch
    {
        "grid12" => new GridShortestPathSolver(12),
        "grid3x4" => new GridShortestPathSolver(3, 4),
        "grid30" => new GridShortestPathSolver(30),
        "ranking100" => new RankingSolver(100),
        "ranking5" => new RankingSolver(5),
        "topk50" => new TopKSolver(50, 7),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown solver kind."),
    };

    /// <summary>A batch of <see cref="BatchSize"/> instances whose cost distribution varies per instance.</summary>
    private static float[] MixedBatch(ISolver solver, Random random)
    {
        var n = solver.Dimension;
        var costs = new float[BatchSize * n];
        for (var b = 0; b < BatchSize; b++)
        {
            var instance = solver.Facts.RequiresNonNegativeCosts
                ? RandomCosts.MixedNonNegative(random, n)
                : RandomCosts.MixedSigned(random, n);
            instance.CopyTo(costs, b * n);
        }
        return costs;
    }

    private static float[] SolveSequentially(ISolver solver, float[] costs)
    {
        var n = solver.Dimension;
        var solutions = new float[costs.Length];
        for (var offset = 0; offset < costs.Length; offset += n)
            solver.Solve(costs.AsSpan(offset, n), solutions.AsSpan(offset, n));
        return solutions;
    }

    /// <summary>Copies costs to the solution once <c>threads</c> distinct threads have entered <see cref="Solve"/>
    /// (waiting at most 30 s), and records their names.</summary>
    private sealed class RendezvousSolver(int dimension, int threads) : ISolver
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> _names = new();

        public string Name => "Rendezvous";

        public IReadOnlyList<int> InstanceShape => [dimension];

        public int Dimension => dimension;

        public SolutionSetFacts Facts { get; } = new(HasConstantSum: false, RequiresNonNegativeCosts: false);

        public IReadOnlyDictionary<int, string> Threads => _names;

        public void Solve(ReadOnlySpan<float> costs, Span<float> solution)
        {
            _names.TryAdd(Environment.CurrentManagedThreadId, Thread.CurrentThread.Name ?? "");
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (_names.Count < threads && DateTime.UtcNow < deadline) Thread.Sleep(1);
            costs.CopyTo(solution);
        }
    }

    /// <summary>Every instance solves a whole inner batch (in parallel) and checks it.</summary>
    private sealed class NestedBatchSolver(ISolver inner, float[] innerCosts, float[] expected) : ISolver
    {
        private int _calls;

        public int Calls => _calls;

        public string Name => "Nested";

        public IReadOnlyList<int> InstanceShape => [Dimension];

        public int Dimension => 1024;

        public SolutionSetFacts Facts { get; } = new(HasConstantSum: false, RequiresNonNegativeCosts: false);

        public void Solve(ReadOnlySpan<float> costs, Span<float> solution)
        {
            var solutions = new float[innerCosts.Length];
            inner.SolveBatch(innerCosts, solutions);
            if (!solutions.AsSpan().SequenceEqual(expected)) throw new InvalidOperationException("Inner batch differs.");
            Interlocked.Increment(ref _calls);
            costs.CopyTo(solution);
        }
    }
}
