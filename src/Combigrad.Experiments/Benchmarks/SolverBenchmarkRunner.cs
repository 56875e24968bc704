using System.Diagnostics;

namespace Combigrad.Experiments.Benchmarks;

/// <summary>
/// Measures <see cref="ISolverBenchmarkCase"/>s: per instance, the variant and the reference calls alternate (this
/// machine's speed drifts within minutes, so both sides see the same drift), every call is timed on its own, and the
/// medians are reported.
/// </summary>
public static class SolverBenchmarkRunner
{
    /// <summary>The seed of the benchmark instances unless another is given.</summary>
    public const int DefaultSeed = 20240;

    /// <summary>How long each side is run untimed before measuring, so the JIT has promoted the hot code to its
    /// optimised tier (tiered compilation waits about 100 ms of quiet and 30 calls).</summary>
    public static readonly TimeSpan WarmUpTime = TimeSpan.FromMilliseconds(400);

    /// <summary>The fewest untimed calls of each side in the warm-up.</summary>
    public const int MinimumWarmUpCalls = 60;

    /// <summary>Prepares, measures and verifies one case.</summary>
    /// <exception cref="InvalidOperationException">The variant and the reference disagree.</exception>
    public static SolverBenchmarkResult Run(ISolverBenchmarkCase benchmark, int seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        benchmark.Prepare(seed);
        WarmUp(benchmark.RunVariant, benchmark.InstanceCount);
        WarmUp(benchmark.RunReference, benchmark.InstanceCount);
        var variantTimes = new List<double>();
        var referenceTimes = new List<double>();
        var rounds = Math.Max(benchmark.VariantRepetitions, benchmark.ReferenceRepetitions);
        for (var round = 0; round < rounds; round++)
        {
            for (var instance = 0; instance < benchmark.InstanceCount; instance++)
            {
                var variantFirst = (round + instance) % 2 == 0;
                if (variantFirst && round < benchmark.VariantRepetitions)
                    variantTimes.Add(Time(benchmark.RunVariant, instance));
                if (round < benchmark.ReferenceRepetitions)
                    referenceTimes.Add(Time(benchmark.RunReference, instance));
                if (!variantFirst && round < benchmark.VariantRepetitions)
                    variantTimes.Add(Time(benchmark.RunVariant, instance));
            }
        }
        var check = benchmark.Verify();
        return new SolverBenchmarkResult(benchmark.Solver, benchmark.Size, Median(variantTimes), benchmark.Reference,
            Median(referenceTimes), check, (benchmark as IApproximationBenchmarkCase)?.MeanRelativeGap);
    }

    /// <summary>Calls <paramref name="call"/> round-robin over the instances for <see cref="WarmUpTime"/> and at least
    /// <see cref="MinimumWarmUpCalls"/> calls (slow references stop at the time limit after one call).</summary>
    private static void WarmUp(Action<int> call, int instanceCount)
    {
        var start = Stopwatch.GetTimestamp();
        for (var calls = 0; ; calls++)
        {
            var elapsed = Stopwatch.GetElapsedTime(start);
            if (calls > 0 && elapsed >= WarmUpTime && (calls >= MinimumWarmUpCalls || elapsed >= 2 * WarmUpTime)) return;
            call(calls % instanceCount);
        }
    }

    private static double Time(Action<int> call, int instance)
    {
        var start = Stopwatch.GetTimestamp();
        call(instance);
        return Stopwatch.GetElapsedTime(start).TotalMicroseconds;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
