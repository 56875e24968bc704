using System.Diagnostics;
using Combigrad.Data.ShortestPath;
using Combigrad.Experiments.Metrics;
using Combigrad.Layers;
using Combigrad.Solvers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Combigrad.Experiments.Demo;

/// <summary>
/// The end-to-end toy behind <c>combigrad demo</c>: a linear model maps features to non-negative vertex costs
/// (softplus), the grid shortest-path solver turns them into a path, and a Hamming (L1) loss to the true path trains
/// the model through the solver with the chosen gradient method. Test metrics are decision quality under the true
/// costs: normalized regret and exact path accuracy.
/// </summary>
public sealed class ShortestPathDemoExperiment : IDisposable
{
    private const int TestSeedOffset = 1_000_003;
    private const float InitialWeightScale = 0.1f;

    private readonly ShortestPathDemoOptions _options;
    private readonly ShortestPathDataset _train;
    private readonly ShortestPathDataset _test;

    /// <summary>Generates the train and test splits from the options' seed.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public ShortestPathDemoExperiment(ShortestPathDemoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        var generator = new SyntheticShortestPathGenerator(new SyntheticShortestPathOptions
        {
            GridSize = options.GridSize,
            FeatureCount = options.FeatureCount,
            PolynomialDegree = options.PolynomialDegree,
            NoiseHalfWidth = options.NoiseHalfWidth,
            MapSeed = options.Seed,
        });
        _train = generator.Generate(options.TrainCount, options.Seed);
        _test = generator.Generate(options.TestCount, options.Seed + TestSeedOffset);
    }

    /// <summary>Trains a fresh model (same initial weights for every method) and evaluates it on the test split.</summary>
    public DemoMethodResult Run(IGradientMethod method, IProgress<DemoProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        var k = _options.GridSize;
        var solver = new CountingSolver(new GridShortestPathSolver(k));
        using var model = CreateModel();
        using var layer = new SolverLayer(solver, method, new SolverLayerOptions
        {
            NoiseMagnitude = _options.NoiseMagnitude,
            NoiseSeed = (ulong)_options.Seed,
        });
        using var optimizer = optim.Adam(model.parameters(), lr: _options.LearningRate);

        var untrained = Evaluate(model, layer);
        solver.Reset();
        var stopwatch = Stopwatch.StartNew();
        var order = new Random(_options.Seed);
        var lastLoss = double.NaN;
        for (var epoch = 1; epoch <= _options.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            model.train();
            layer.train();
            lastLoss = TrainEpoch(model, layer, optimizer, order, cancellationToken);
            progress?.Report(new DemoProgress(method.Name, epoch, _options.Epochs, lastLoss));
        }
        stopwatch.Stop();
        var calls = solver.Calls;
        return new DemoMethodResult(method.Name, untrained, Evaluate(model, layer), lastLoss, calls, stopwatch.Elapsed);
    }

    private double TrainEpoch(Sequential model, SolverLayer layer, optim.Optimizer optimizer, Random order, CancellationToken cancellationToken)
    {
        var count = (int)_train.Count;
        var permutation = Enumerable.Range(0, count).OrderBy(_ => order.Next()).Select(i => (long)i).ToArray();
        var lossSum = 0.0;
        var batches = 0;
        for (var start = 0; start < count; start += _options.BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var index = tensor(permutation.AsSpan(start, Math.Min(_options.BatchSize, count - start)).ToArray());
            var features = _train.Features.index_select(0, index);
            var truePaths = _train.Paths.index_select(0, index);
            optimizer.zero_grad();
            var paths = layer.call(PredictCosts(model, features));
            var loss = (paths - truePaths).abs().mean();
            loss.backward();
            optimizer.step();
            lossSum += loss.item<float>();
            batches++;
        }
        return lossSum / batches;
    }

    private ShortestPathMetrics Evaluate(Sequential model, SolverLayer layer)
    {
        model.eval();
        layer.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var paths = layer.call(PredictCosts(model, _test.Features));
        return ShortestPathMetrics.Compute(_test.Costs, paths, _test.Paths);
    }

    private Tensor PredictCosts(Sequential model, Tensor features) =>
        model.call(features).reshape(-1, _options.GridSize, _options.GridSize);

    /// <summary>Linear map to k*k values, then softplus for the non-negative costs Dijkstra needs. Weights come from the seed, not global state.</summary>
    private Sequential CreateModel()
    {
        var outputs = _options.GridSize * _options.GridSize;
        var linear = nn.Linear(_options.FeatureCount, outputs);
        var random = new Random(_options.Seed);
        using (no_grad())
        {
            var weights = Enumerable.Range(0, outputs * _options.FeatureCount).Select(_ => (float)((random.NextDouble() * 2 - 1) * InitialWeightScale)).ToArray();
            var biases = Enumerable.Range(0, outputs).Select(_ => (float)((random.NextDouble() * 2 - 1) * InitialWeightScale)).ToArray();
            using var weightValues = tensor(weights, [outputs, _options.FeatureCount]);
            using var biasValues = tensor(biases, [outputs]);
            linear.weight!.copy_(weightValues);
            linear.bias!.copy_(biasValues);
        }
        return nn.Sequential(("linear", linear), ("softplus", nn.Softplus()));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _train.Dispose();
        _test.Dispose();
    }
}
