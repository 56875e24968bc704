using Combigrad.Layers;
using Combigrad.Solvers;
using TorchSharp;
using static TorchSharp.torch;

namespace Combigrad.Tests.Layers;

public sealed class TensorLeakTests
{
    private const int WarmUpSteps = 10;
    private const int Steps = 200;

    public static TheoryData<string> Methods => new() { "identity", "bb" };

    [Theory]
    [MemberData(nameof(Methods))]
    public void Training_200Steps_LiveTensorCountDoesNotGrow(string methodName)
    {
        manual_seed(1);
        const int k = 4;
        IGradientMethod method = methodName == "bb" ? new BlackboxMethod(10) : new IdentityMethod();
        using var network = nn.Sequential(nn.Linear(8, 32), nn.ReLU(), nn.Linear(32, k * k), nn.Softplus());
        using var layer = new SolverLayer(new GridShortestPathSolver(k), method, new SolverLayerOptions { NoiseMagnitude = 0.1, NoiseSeed = 2 });
        using var optimizer = optim.Adam(network.parameters(), lr: 1e-3);
        using var features = randn(16, 8);
        using var targets = (rand(16, k, k) > 0.5).to(ScalarType.Float32);

        long liveAfterWarmUp = 0;
        for (var step = 0; step < Steps; step++)
        {
            using (var scope = NewDisposeScope())
            {
                optimizer.zero_grad();
                var costs = network.call(features).reshape(-1, k, k);
                var paths = layer.call(costs);
                var loss = (paths - targets).abs().mean();
                loss.backward();
                optimizer.step();
            }
            if (step == WarmUpSteps - 1) liveAfterWarmUp = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        }
        var liveAtEnd = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        Assert.True(liveAtEnd <= liveAfterWarmUp, $"live tensors grew from {liveAfterWarmUp} to {liveAtEnd} over {Steps - WarmUpSteps} steps");
    }
}
