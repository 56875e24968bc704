using Combigrad.Data.Fetching;
using Combigrad.Data.Warcraft;
using Combigrad.Experiments.Catalog;
using Combigrad.Experiments.Training;
using Combigrad.Losses;
using Combigrad.Solvers;
using TorchSharp;
using static TorchSharp.torch;

namespace Combigrad.Experiments.Warcraft;

/// <summary>
/// Warcraft shortest path (paper Table 6, appendix 6.2; Vlastelica et al. 2020): from the rendered image of a k x k
/// terrain map, <see cref="WarcraftCostNetwork"/> predicts non-negative vertex costs, the grid shortest-path solver
/// (8-neighbourhood, top-left to bottom-right) turns them into a path, and a Hamming (L1) loss to the true shortest
/// path trains the network through the solver. Metrics under the true costs: the cost ratio
/// <c>&lt;w*, y(w)&gt; / &lt;w*, y*&gt;</c> (Table 6 prints it x 100; 100 is perfect) and exact-path accuracy.
/// Data: maps rendered from the freeciv tiles (Debian package freeciv-data), built into the data cache on first use.
/// </summary>
public sealed class WarcraftExperiment : IExperiment
{
    /// <inheritdoc />
    public string Name => "warcraft";

    /// <inheritdoc />
    public Type OptionsType => typeof(WarcraftOptions);

    /// <inheritdoc />
    public IExperimentOptions DefaultOptions => new WarcraftOptions();

    /// <inheritdoc />
    public string HeadlineMetric => MetricNames.CostRatio;

    /// <inheritdoc />
    public TrainingProblem Build(IExperimentOptions options)
    {
        var o = (WarcraftOptions)options;
        o.Validate();
        var cache = new DataCache(o.DataDirectory);
        var (train, validation, test) = LoadSplits(cache, o);
        var renderer = new WarcraftMapRenderer(WarcraftData.LoadTileset(cache));
        return Build(o, renderer, train, validation, test);
    }

    /// <summary>Builds the problem over given splits (at least the option's counts of maps; tests generate them in memory).</summary>
    /// <exception cref="ArgumentException">A split has another k or fewer maps than the options ask for.</exception>
    public static TrainingProblem Build(WarcraftOptions o, WarcraftMapRenderer renderer, WarcraftDataset train, WarcraftDataset validation, WarcraftDataset test)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(renderer);
        o.Validate();
        var device = o.Training.TorchDevice();
        var trainSplit = ToSplit(train, renderer, o.K, o.TrainCount, device);
        var validationSplit = ToSplit(validation, renderer, o.K, o.ValidationCount, device);
        var testSplit = ToSplit(test, renderer, o.K, o.TestCount, device);
        var solver = new CountingSolver(new GridShortestPathSolver(o.K));
        var method = MethodSelection.Create(o.Method, o.MethodOptions, o.BlackboxLambda, o.Training.Seed);
        var (mean, std) = WarcraftCostNetwork.ChannelStatistics(trainSplit.Inputs);
        using (var seedScope = NewDisposeScope())
        {
            // Module initialization draws from torch's generator: seed it for this run (the one place global state is touched).
            manual_seed(o.Training.Seed);
        }
        return new TrainingProblem
        {
            Backbone = new WarcraftCostNetwork(o.K, mean, std).to(device),
            Solver = solver,
            Method = method,
            Layer = MethodSelection.CreateLayer(method, solver, o.Projection, o.Training),
            Loss = HammingLoss.Compute,
            Train = trainSplit,
            Validation = validationSplit,
            Test = testSplit,
            LabelCorruptionScale = o.K,
            EarlyStoppingMetric = MetricNames.CostRatio,
        };
    }

    /// <summary>
    /// Loads the three splits of (k, data seed) from the cache, building them first (tiles fetched if needed) when the
    /// cache holds fewer maps than asked for. A build never shrinks a cached split: the counts built are the larger of
    /// cached and asked, and maps are a prefix-stable function of their index, so smaller runs read a prefix.
    /// </summary>
    public static (WarcraftDataset Train, WarcraftDataset Validation, WarcraftDataset Test) LoadSplits(DataCache cache, WarcraftOptions o)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(o);
        var cached = WarcraftData.ReadManifest(cache, o.K, o.DataSeed);
        int Cached(WarcraftSplit split) =>
            cached is { FormatVersion: WarcraftDataset.FormatVersion, GeneratorVersion: WarcraftMapGenerator.Version }
                ? cached.Files.FirstOrDefault(f => f.Split == split.ToString().ToLowerInvariant())?.Count ?? 0
                : 0;
        var wanted = new WarcraftDatasetOptions
        {
            Size = o.K,
            Seed = o.DataSeed,
            TrainCount = Math.Max(o.TrainCount, Cached(WarcraftSplit.Train)),
            ValidationCount = Math.Max(o.ValidationCount, Cached(WarcraftSplit.Validation)),
            TestCount = Math.Max(o.TestCount, Cached(WarcraftSplit.Test)),
        };
        WarcraftData.Build(cache, wanted);
        return (WarcraftData.Load(cache, o.K, o.DataSeed, WarcraftSplit.Train),
            WarcraftData.Load(cache, o.K, o.DataSeed, WarcraftSplit.Validation),
            WarcraftData.Load(cache, o.K, o.DataSeed, WarcraftSplit.Test));
    }

    private static LabeledSplit ToSplit(WarcraftDataset dataset, WarcraftMapRenderer renderer, int size, int count, Device device)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.Size != size || dataset.Count < count)
            throw new ArgumentException($"The {dataset.Split.ToString().ToLowerInvariant()} split has {dataset.Count} maps of {dataset.Size}x{dataset.Size}; the options ask for {count} of {size}x{size}.");
        return new LabeledSplit(
            WarcraftImages.Render(dataset, renderer, count).MoveTo(device),
            WarcraftImages.Grids(dataset.Paths(), size, count, device),
            WarcraftImages.Grids(dataset.Costs(), size, count, device));
    }
}
