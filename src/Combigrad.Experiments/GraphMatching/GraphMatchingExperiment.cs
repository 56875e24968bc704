using Combigrad.Data.Fetching;
using Combigrad.Data.KeypointMatching;
using Combigrad.Experiments.Catalog;
using Combigrad.Experiments.Training;
using Combigrad.Losses;
using Combigrad.Solvers;
using TorchSharp;
using static TorchSharp.torch;

namespace Combigrad.Experiments.GraphMatching;

/// <summary>
/// Deep keypoint graph matching (paper Sec. 4.2, Table 2; Rolínek et al. 2020b): a CNN computes vertex and edge costs
/// from two images and their keypoints, the graph-matching solver (eq. 16) matches the Delaunay graphs, and a Hamming
/// loss compares the matched vertices and edges with the truth. Metric: matching accuracy.
/// </summary>
/// <remarks>Data substitution: Pascal VOC keypoints and SPair-71k are not obtainable here, so the pairs are rendered
/// Warcraft terrain maps (Debian freeciv-data tiles) under seeded random affine warps with outlier keypoints and
/// occluders (<see cref="KeypointPairGenerator"/>): the correspondence is known exactly, and generation takes
/// milliseconds, so pairs are made on the fly and never cached.</remarks>
public sealed class GraphMatchingExperiment : IExperiment
{
    private const ulong ValidationSeedOffset = 500_009;
    private const ulong TestSeedOffset = 1_000_003;

    /// <inheritdoc />
    public string Name => "graph-matching";

    /// <inheritdoc />
    public Type OptionsType => typeof(KeypointMatchingOptions);

    /// <inheritdoc />
    public IExperimentOptions DefaultOptions => new KeypointMatchingOptions();

    /// <inheritdoc />
    public string HeadlineMetric => MetricNames.MatchingAccuracy;

    /// <inheritdoc />
    public TrainingProblem Build(IExperimentOptions options)
    {
        var o = (KeypointMatchingOptions)options;
        o.Validate();
        var images = WarcraftSourceImages.Load(new DataCache(o.DataDirectory), o.MapSize);
        return Build(o, images.Render, images.Side);
    }

    /// <summary>Builds the problem with source images from <paramref name="sourceImage"/> (seed to a <c>[3, side, side]</c>
    /// image; tests use synthetic ones).</summary>
    public static TrainingProblem Build(KeypointMatchingOptions o, Func<ulong, byte[]> sourceImage, int side)
    {
        ArgumentNullException.ThrowIfNull(o);
        o.Validate();
        var dataSeed = (ulong)(uint)o.DataSeed;
        var pairs = KeypointPairSet.Generate(sourceImage, side, o.TrainCount, o.Pairs, dataSeed)
            .Concat(KeypointPairSet.Generate(sourceImage, side, o.ValidationCount, o.Pairs, dataSeed + ValidationSeedOffset))
            .Concat(KeypointPairSet.Generate(sourceImage, side, o.TestCount, o.Pairs, dataSeed + TestSeedOffset))
            .ToArray();
        var n = o.Pairs.KeypointCount;
        var m = n + o.Pairs.OutlierCount;
        var padded = new PaddedGraphMatchingSolver(n, m,
            o.Solver == KeypointMatchingOptions.ExactSolver ? GraphMatchingAlgorithm.Exact : GraphMatchingAlgorithm.Approximate,
            new Solvers.GraphMatchingOptions { Restarts = o.SolverRestarts, Seed = o.Training.Seed });
        var solver = new CountingSolver(padded);
        var method = MethodSelection.Create(o.Method, o.MethodOptions, o.BlackboxLambda, o.Training.Seed);
        using (var seedScope = NewDisposeScope())
        {
            // Module initialization draws from torch's generator: seed it for this run (the one place global state is touched).
            manual_seed(o.Training.Seed);
        }
        var device = o.Training.TorchDevice();
        return new TrainingProblem
        {
            Backbone = new KeypointMatchingNetwork(new KeypointPairTensors(pairs, device)).to(device),
            Solver = solver,
            Method = method,
            Layer = MethodSelection.CreateLayer(method, solver, o.EffectiveProjection, o.Training, zeroCostsArePadding: true),
            // The Hamming distance per pair (entries summed, pairs averaged), as in Rolínek et al. 2020b.
            Loss = HammingLoss.Compute,
            Train = Split(padded, pairs, 0, o.TrainCount, device),
            Validation = Split(padded, pairs, o.TrainCount, o.ValidationCount, device),
            Test = Split(padded, pairs, o.TrainCount + o.ValidationCount, o.TestCount, device),
            LabelCorruptionScale = n,
            EarlyStoppingMetric = MetricNames.MatchingAccuracy,
            ExtraMetrics = MatchingAccuracy.AsMetric(n, m),
        };
    }

    /// <summary>The ground-truth solution of <paramref name="pair"/> in the layout of <paramref name="solver"/>: the true
    /// vertex matching and the edge matching it implies between the two Delaunay graphs.</summary>
    public static float[] TargetSolution(PaddedGraphMatchingSolver solver, KeypointPair pair)
    {
        ArgumentNullException.ThrowIfNull(solver);
        ArgumentNullException.ThrowIfNull(pair);
        var target = new float[solver.Dimension];
        for (var i = 0; i < pair.Correspondence.Count; i++) target[solver.VertexPairIndex(i, pair.Correspondence[i])] = 1f;
        var edges = pair.EdgeCorrespondence();
        for (var k = 0; k < edges.Length; k++)
        {
            if (edges[k] < 0) continue;
            var (u, v) = pair.SourceGraph.GetEdge(k);
            var (a, b) = pair.TargetGraph.GetEdge(edges[k]);
            target[solver.EdgePairIndex(u, v, a, b)] = 1f;
        }
        return target;
    }

    private static LabeledSplit Split(PaddedGraphMatchingSolver solver, KeypointPair[] pairs, int start, int count, Device device)
    {
        var targets = new float[count * solver.Dimension];
        for (var i = 0; i < count; i++)
            TargetSolution(solver, pairs[start + i]).CopyTo(targets, i * solver.Dimension);
        return new LabeledSplit(
            tensor(Enumerable.Range(start, count).Select(i => (long)i).ToArray(), device: device),
            tensor(targets, [count, solver.Dimension], device: device));
    }
}
