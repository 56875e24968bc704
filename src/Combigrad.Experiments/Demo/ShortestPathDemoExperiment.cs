using Combigrad.Data.ShortestPath;
using Combigrad.Experiments.Catalog;
using Combigrad.Experiments.Training;
using Combigrad.Layers;
using Combigrad.Losses;
using Combigrad.Methods;
using Combigrad.Projections;
using Combigrad.Solvers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Combigrad.Experiments.Demo;

/// <summary>
/// The end-to-end toy behind <c>combigrad demo</c>: a linear model maps features to non-negative vertex costs
/// (softplus), the grid shortest-path solver turns them into a path, and a Hamming (L1) loss to the true path trains
/// the model through the solver. Test metrics are decision quality under the true costs (normalized regret) and
/// exact path accuracy.
/// </summary>
public sealed class ShortestPathDemoExperiment : IExperiment
{
    private const int ValidationSeedOffset = 500_009;
    private const int TestSeedOffset = 1_000_003;
    private const float InitialWeightScale = 0.1f;

    /// <inheritdoc />
    public string Name => "shortest-path-demo";

    /// <inheritdoc />
    public Type OptionsType => typeof(ShortestPathDemoOptions);

    /// <inheritdoc />
    public IExperimentOptions DefaultOptions => new ShortestPathDemoOptions();

    /// <inheritdoc />
    public string HeadlineMetric => MetricNames.NormalizedRegret;

    /// <inheritdoc />
    public TrainingProblem Build(IExperimentOptions options)
    {
        var o = (ShortestPathDemoOptions)options;
        o.Validate();
        var generator = new SyntheticShortestPathGenerator(new SyntheticShortestPathOptions
        {
            GridSize = o.GridSize,
            FeatureCount = o.FeatureCount,
            PolynomialDegree = o.PolynomialDegree,
            NoiseHalfWidth = o.NoiseHalfWidth,
            MapSeed = o.DataSeed,
        });
        var solver = new CountingSolver(new GridShortestPathSolver(o.GridSize));
        var method = MethodSelection.Create(o.Method, o.MethodOptions, o.BlackboxLambda, o.Training.Seed);
        var device = o.Training.TorchDevice();
        return new TrainingProblem
        {
            Backbone = CreateModel(o).to(device),
            Solver = solver,
            Method = method,
            Layer = MethodSelection.CreateLayer(method, solver, o.Projection, o.Training),
            Loss = HammingLoss.Compute,
            Train = ToSplit(generator.Generate(o.TrainCount, o.DataSeed), device),
            Validation = ToSplit(generator.Generate(o.ValidationCount, o.DataSeed + ValidationSeedOffset), device),
            Test = ToSplit(generator.Generate(o.TestCount, o.DataSeed + TestSeedOffset), device),
            LabelCorruptionScale = o.GridSize,
            EarlyStoppingMetric = MetricNames.NormalizedRegret,
        };
    }

    /// <summary>The generator's CPU tensors, moved to <paramref name="device"/>.</summary>
    private static LabeledSplit ToSplit(ShortestPathDataset data, Device device) =>
        new(data.Features.MoveTo(device), data.Paths.MoveTo(device), data.Costs.MoveTo(device));

    /// <summary>Linear map to k*k values, then softplus (Dijkstra needs non-negative costs), reshaped to k x k.
    /// Weights come from the training seed, not from global state.</summary>
    private static nn.Module<Tensor, Tensor> CreateModel(ShortestPathDemoOptions o)
    {
        var outputs = o.GridSize * o.GridSize;
        var linear = nn.Linear(o.FeatureCount, outputs);
        var random = new Random(o.Training.Seed);
        using (no_grad())
        {
            var weights = Enumerable.Range(0, outputs * o.FeatureCount).Select(_ => (float)((random.NextDouble() * 2 - 1) * InitialWeightScale)).ToArray();
            var biases = Enumerable.Range(0, outputs).Select(_ => (float)((random.NextDouble() * 2 - 1) * InitialWeightScale)).ToArray();
            using var weightValues = tensor(weights, [outputs, o.FeatureCount], device: linear.weight!.device);
            using var biasValues = tensor(biases, [outputs], device: linear.weight!.device);
            linear.weight!.copy_(weightValues);
            linear.bias!.copy_(biasValues);
        }
        return nn.Sequential(("linear", linear), ("softplus", nn.Softplus()), ("grid", nn.Unflatten(1, [o.GridSize, o.GridSize])));
    }
}
