using Combigrad.Layers;
using Combigrad.Losses;
using Combigrad.Methods;
using Combigrad.Solvers;
using TorchSharp;
using static TorchSharp.torch;

namespace Combigrad.Tests.Methods;

public sealed class TrainingMethodLeakTests
{
    private const int WarmUpSteps = 10;
    private const int Steps = 60;

    public static TheoryData<string> NewMethods => new() { "imle", "dpo", "fy", "spo+", "ste", "gumbel" };

    [Theory]
    [MemberData(nameof(NewMethods))]
    public void Training_ManySteps_LiveTensorCountDoesNotGrow(string name)
    {
        const int k = 4;
        var random = new Random(1);
        Tensor Random(params long[] shape) =>
            tensor(Enumerable.Range(0, (int)shape.Aggregate(1L, (a, b) => a * b)).Select(_ => (float)random.NextDouble()).ToArray(), shape);
        using var method = GradientMethods.Create(name, new GradientMethodOptions { Seed = 2 });
        using var layer = method.CreateLayer(new GridShortestPathSolver(k), new SolverLayerOptions { NoiseMagnitude = 0.1, NoiseSeed = 2 });
        using var network = nn.Sequential(nn.Linear(8, k * k), nn.Softplus());
        using var optimizer = optim.Adam(network.parameters(), lr: 1e-3);
        using var hamming = new HammingLoss();
        using var features = Random(16, 8);
        using var targets = (Random(16, k, k) > 0.5).to(ScalarType.Float32);
        using var trueCosts = Random(16, k, k);

        long liveAfterWarmUp = 0;
        for (var step = 0; step < Steps; step++)
        {
            using (var scope = NewDisposeScope())
            {
                optimizer.zero_grad();
                var costs = network.call(features).reshape(-1, k, k);
                var loss = method.Loss(layer, costs, new TrainingContext(targets, trueCosts), paths => hamming.call(paths, targets));
                loss.backward();
                optimizer.step();
            }
            if (step == WarmUpSteps - 1) liveAfterWarmUp = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        }
        var liveAtEnd = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        Assert.True(liveAtEnd <= liveAfterWarmUp, $"{name}: live tensors grew from {liveAfterWarmUp} to {liveAtEnd} over {Steps - WarmUpSteps} steps");
    }
}
