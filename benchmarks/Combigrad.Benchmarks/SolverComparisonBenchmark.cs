using BenchmarkDotNet.Attributes;
using Combigrad.Experiments.Benchmarks;

namespace Combigrad.Benchmarks;

/// <summary>
/// One <see cref="ISolverBenchmarkCase"/> as a BenchmarkDotNet class: the reference is the baseline, and each
/// operation solves every instance of the case once (so times are per case, divide by the instance count).
/// </summary>
[MemoryDiagnoser]
public abstract class SolverComparisonBenchmark
{
    private ISolverBenchmarkCase? _case;

    /// <summary>The case measured by this class.</summary>
    protected abstract ISolverBenchmarkCase CreateCase();

    /// <summary>Builds the seeded instances and checks that both sides agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _case = CreateCase();
        _case.Prepare(SolverBenchmarkRunner.DefaultSeed);
        _case.Verify();
    }

    /// <summary>The reference solves every instance once.</summary>
    [Benchmark(Baseline = true)]
    public void Reference()
    {
        for (var i = 0; i < _case!.InstanceCount; i++) _case.RunReference(i);
    }

    /// <summary>Combigrad solves every instance once.</summary>
    [Benchmark]
    public void Combigrad()
    {
        for (var i = 0; i < _case!.InstanceCount; i++) _case.RunVariant(i);
    }
}
