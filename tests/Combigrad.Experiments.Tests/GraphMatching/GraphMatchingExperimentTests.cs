using Combigrad.Experiments.Catalog;
using Combigrad.Experiments.GraphMatching;
using Combigrad.Experiments.Training;
using Combigrad.Layers;
using Combigrad.Projections;
using Combigrad.Solvers;
using static TorchSharp.torch;

namespace Combigrad.Experiments.Tests.GraphMatching;

public sealed class GraphMatchingExperimentTests
{
    private const float PixelTolerance = 1e-4f;
    private const float CosineTolerance = 1e-5f;

    [Fact]
    public void ToGrid_PixelCentres_SampleExactlyThatPixel()
    {
        using var scope = NewDisposeScope();
        const int Side = 8;
        var values = Enumerable.Range(0, Side * Side).Select(i => (float)(i % Side + 10 * (i / Side))).ToArray(); // x + 10 y
        var image = tensor(values, [1, 1, Side, Side]);
        var points = new[] { (3.0, 5.0), (0.0, 7.0), (2.5, 4.0) };
        var grid = tensor(points.SelectMany(p => new[] { KeypointPairTensors.ToGrid(p.Item1, Side), KeypointPairTensors.ToGrid(p.Item2, Side) }).ToArray(), [1, 1, 3, 2]);
        var sampled = nn.functional.grid_sample(image, grid, align_corners: false).flatten().data<float>().ToArray();
        Assert.Equal(53f, sampled[0], PixelTolerance);
        Assert.Equal(70f, sampled[1], PixelTolerance);
        Assert.Equal(42.5f, sampled[2], PixelTolerance); // bilinear between x = 2 and x = 3
    }

    [Fact]
    public void Network_Forward_GivesPaddedLayoutWithZerosOffTheDelaunayEdges()
    {
        using var scope = NewDisposeScope();
        var pairs = TinyKeypointData.Generate(3, 4);
        var padded = new PaddedGraphMatchingSolver(6, 7, GraphMatchingAlgorithm.Approximate);
        using var network = new KeypointMatchingNetwork(new KeypointPairTensors(pairs, CPU));

        var features = network.SampleFeatures(randn(2, 3, TinyKeypointData.Side, TinyKeypointData.Side), zeros(2, 5, 2));
        Assert.Equal([2L, 5, 96], features.shape);

        var costs = network.call(tensor(new long[] { 2, 0 }));
        Assert.Equal([2L, padded.Dimension], costs.shape);
        var row = costs[0].data<float>().ToArray();
        var pair = pairs[2];
        var delaunay = new HashSet<int>();
        for (var k = 0; k < pair.SourceGraph.EdgeCount; k++)
            for (var l = 0; l < pair.TargetGraph.EdgeCount; l++)
            {
                var (u, v) = pair.SourceGraph.GetEdge(k);
                var (a, b) = pair.TargetGraph.GetEdge(l);
                delaunay.Add(padded.EdgePairIndex(u, v, a, b));
            }
        for (var i = padded.VertexPairCount; i < row.Length; i++)
            Assert.Equal(delaunay.Contains(i), row[i] != 0f);
        Assert.All(row.Take(padded.VertexPairCount), c => Assert.NotEqual(0f, c));
    }

    [Fact]
    public void Network_Forward_CostsAreCosinesUnchangedByScalingTheEmbeddings()
    {
        // Costs on a fixed scale (entries in [-1, 1]) so the paper's absolute margin noise means the same thing at
        // every point of training: scaling the last layer of both embeddings must not change them.
        using var scope = NewDisposeScope();
        var pairs = TinyKeypointData.Generate(3, 4);
        using var network = new KeypointMatchingNetwork(new KeypointPairTensors(pairs, CPU));
        var index = tensor(new long[] { 0, 1, 2 });
        var before = network.call(index).detach().clone();

        using (no_grad())
        {
            foreach (var (name, parameter) in network.named_parameters())
                if (name.StartsWith("vertexEmbedding.", StringComparison.Ordinal) || name.StartsWith("edgeEmbedding.fc2.", StringComparison.Ordinal))
                    parameter.mul_(25);
        }
        var after = network.call(index).detach();

        Assert.True(before.abs().max().item<float>() <= 1f + CosineTolerance);
        Assert.True(before.abs().max().item<float>() > 0.01f, "costs should not all be (near) zero");
        Assert.True(allclose(before, after, rtol: 0, atol: CosineTolerance), "costs changed when the embeddings were scaled");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Layer_MarginNoise_KeepsPaddingOnlyWhenZeroCostsArePadding(bool zeroCostsArePadding)
    {
        using var scope = NewDisposeScope();
        var pairs = TinyKeypointData.Generate(4, 6);
        var padded = new PaddedGraphMatchingSolver(6, 7, GraphMatchingAlgorithm.Approximate);
        using var network = new KeypointMatchingNetwork(new KeypointPairTensors(pairs, CPU));
        using var layer = new SolverLayer(padded, new IdentityMethod(), new SolverLayerOptions
        {
            Projection = CostProjection.Sphere,
            NoiseMagnitude = 0.5,
            NoiseSeed = 1,
            ZeroCostsArePadding = zeroCostsArePadding,
        });
        layer.train();
        var costs = network.call(tensor(new long[] { 0, 1, 2, 3 }));
        var solutions = layer.call(costs);
        var offSupport = solutions.masked_select(costs.detach().eq(0)).sum().item<float>();
        if (zeroCostsArePadding) Assert.Equal(0f, offSupport);
        else Assert.True(offSupport > 0, "unmasked noise makes the padding look like edges");

        // Identity with P_sphere: gradients reach the network through the vertex and Delaunay-edge costs.
        solutions.sum().backward();
        Assert.Contains(network.parameters(), p => p.grad is { } g && g.abs().sum().item<float>() > 0);
    }

    [Theory]
    [InlineData("identity")]
    [InlineData("bb")]
    public void Run_TwoEpochsOnEightPairs_TrainsAndReportsMatchingAccuracy(string method)
    {
        var options = TinyKeypointData.Options(method);
        using var problem = GraphMatchingExperiment.Build(options, TinyKeypointData.Image, TinyKeypointData.Side);
        var result = new Trainer(options.Training).Run(problem);

        Assert.Equal(3, result.Epochs.Count);
        Assert.Equal(method == "bb" ? 16 : 8, result.Epochs[1].SolverCalls);
        Assert.All(result.Epochs.Skip(1), e => Assert.True(double.IsFinite(e.TrainLoss)));
        Assert.All(result.Epochs, e => Assert.InRange(e.Test[MetricNames.MatchingAccuracy], 0, 1));
        Assert.Equal([false, true, false], result.Epochs.Select(e => e.NoiseOn));
        Assert.Equal(method == "identity" ? "sphere" : "none", problem.Layer.Projection.Name);
    }

    [Fact]
    public void MatchingAccuracy_CountsSourceKeypointsMatchedToTheirPartner()
    {
        using var scope = NewDisposeScope();
        // Two pairs of 2 x 3 vertices (+ 1 edge entry): the first fully right, the second with one of two right.
        var targets = tensor(new float[] { 1, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1 }, [2, 7]);
        var predicted = tensor(new float[] { 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0 }, [2, 7]);
        Assert.Equal(0.75, MatchingAccuracy.Compute(predicted, targets, 2, 3), 1e-12);
        Assert.Throws<ArgumentException>(() => MatchingAccuracy.Compute(predicted, targets.narrow(1, 0, 5), 2, 3));
    }

    [Fact]
    public void Options_PlaneProjectionOrUnknownSolver_AreRejected()
    {
        Assert.Contains("projection", Assert.Throws<ArgumentException>(() => new KeypointMatchingOptions { Projection = "plane" }.Validate()).Message);
        Assert.Contains("solver", Assert.Throws<ArgumentException>(() => new KeypointMatchingOptions { Solver = "greedy" }.Validate()).Message);
        Assert.Contains("pairs", Assert.Throws<ArgumentException>(() => new KeypointMatchingOptions { Pairs = new() { KeypointCount = 1 } }.Validate()).Message);
        Assert.Equal("graph-matching", ExperimentCatalog.Get("graph-matching").Name);
    }
}
