using System.Collections.Concurrent;

namespace Combigrad.Solvers.Tests;

/// <summary>
/// A test double: copies costs to the solution, records the calling threads, and throws the scripted exception
/// for every instance whose first cost equals <see cref="FailMarker"/>.
/// </summary>
internal sealed class ScriptedSolver(int dimension, Func<Exception> failure) : ISolver
{
    public const float FailMarker = -1f;

    private readonly ConcurrentDictionary<int, bool> _threads = new();

    public string Name => "Scripted";

    public IReadOnlyList<int> InstanceShape => [dimension];

    public int Dimension => dimension;

    public SolutionSetFacts Facts { get; } = new(HasConstantSum: false, RequiresNonNegativeCosts: false);

    public int[] ThreadIds => [.. _threads.Keys];

    public void Solve(ReadOnlySpan<float> costs, Span<float> solution)
    {
        _threads.TryAdd(Environment.CurrentManagedThreadId, true);
        if (costs[0] == FailMarker) throw failure();
        costs.CopyTo(solution);
    }
}
