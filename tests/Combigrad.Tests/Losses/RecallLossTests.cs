using Combigrad.Layers;
using Combigrad.Losses;
using Combigrad.Projections;
using Combigrad.Solvers;
using static Combigrad.Tests.LayerTesting;
using static TorchSharp.torch;

namespace Combigrad.Tests.Losses;

public sealed class RecallLossTests
{
    private const int Digits = 6;

    [Fact]
    public void FromRanks_HandExample_MatchesEquation21()
    {
        // Ranks [2, 5, 1, 4, 3], relevant {1, 3, 4}: in rank order the relevant items are 4 (rank 3), 3 (rank 4), 1 (rank 5),
        // so rk+ = 3, 2, 1 for items 1, 3, 4 and L = (log(1 + 5 - 3) + log(1 + 4 - 2) + log(1 + 3 - 1)) / 3.
        using var scope = NewDisposeScope();
        var ranks = tensor(new[] { 2f, 5f, 1f, 4f, 3f });
        var relevance = tensor(new[] { 0f, 1f, 0f, 1f, 1f });

        var loss = RecallLoss.FromRanks(ranks, relevance);

        Assert.Equal((Math.Log(3) + Math.Log(3) + Math.Log(3)) / 3, loss.item<float>(), Digits);
    }

    [Fact]
    public void Forward_BlackboxTinyCase_GradientMovesTheRelevantItemUpAndTheIrrelevantItemAboveItDown()
    {
        // Scores [0.3, 0.2, 0.1], only item 2 relevant: rk = [1, 2, 3], rk+_2 = 1, L = log 3, dL/drk_2 = 1/3.
        // BB with lambda 0.5: y(omega + lambda dL/dy) ranks omega_2 + 1/6 = 0.267 second: y_lambda = [1, 3, 2], and
        // dL/domega = -(y_lambda - y) / lambda = [0, -2, 2]: gradient descent raises item 2 and lowers item 1 (the dense
        // gradient of paper Fig. 7). Identity instead gives -dL/dy = [0, 0, -1/3]: only the relevant item moves.
        using var blackbox = new SolverLayer(new RankingSolver(3), new BlackboxMethod(0.5), new SolverLayerOptions { Projection = CostProjection.None });
        using var identity = new SolverLayer(new RankingSolver(3), new IdentityMethod(), new SolverLayerOptions { Projection = CostProjection.None });
        using var scope = NewDisposeScope();
        var relevance = tensor(new[] { 0f, 0f, 1f });

        double[] Gradient(SolverLayer layer)
        {
            var scores = tensor(new[] { 0.3f, 0.2f, 0.1f }).requires_grad_(true);
            using var recall = new RecallLoss(layer);
            var loss = recall.call(scores, relevance);
            Assert.Equal(Math.Log(3), loss.item<float>(), Digits);
            loss.backward();
            return ToDoubles(scores.grad!);
        }

        var bb = Gradient(blackbox);
        var id = Gradient(identity);

        double[] expectedBlackbox = [0, 2, -2];
        double[] expectedIdentity = [0, 0, -1.0 / 3];
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(expectedBlackbox[i], bb[i], Digits);
            Assert.Equal(expectedIdentity[i], id[i], Digits);
        }
    }

    [Fact]
    public void Forward_IdentityGradientStep_LowersTheLossOnATinyBatch()
    {
        // Two queries of five items; gradient descent on the scores with Identity must sort every relevant item to the top.
        // The loss is piecewise constant in the scores, so the steps must be large enough to change ranks.
        using var ranking = new SolverLayer(new RankingSolver(5), new IdentityMethod(), new SolverLayerOptions { Projection = CostProjection.None });
        using var recall = new RecallLoss(ranking);
        using var scope = NewDisposeScope();
        var scores = tensor(new[] { 0.9f, 0.1f, 0.5f, 0.7f, 0.3f, 0.2f, 0.8f, 0.4f, 0.6f, 0.0f }, [2, 5]).requires_grad_(true);
        var relevance = tensor(new[] { 0f, 1f, 1f, 0f, 0f, 1f, 0f, 0f, 0f, 1f }, [2, 5]);
        const float stepSize = 2f;
        var initial = recall.call(scores, relevance).item<float>();

        for (var step = 0; step < 10; step++)
        {
            scores.grad?.zero_();
            recall.call(scores, relevance).backward();
            using (no_grad()) scores.sub_(scores.grad! * stepSize);
        }

        Assert.True(initial > 0);
        Assert.Equal(0.0, recall.call(scores, relevance).item<float>(), Digits);
    }

    [Fact]
    public void Forward_MarginNoiseSwapsRelevantItems_LossStaysFiniteAndNonNegative()
    {
        // Two relevant items with nearly equal scores at the top: noise of 0.5 reorders them often. rk+ is read off the noisy
        // ranks, so 1 + rk - rk+ >= 1 and the loss is finite (ranking the clean scores again gave log(0) here).
        using var ranking = new SolverLayer(new RankingSolver(4), new IdentityMethod(),
            new SolverLayerOptions { Projection = CostProjection.None, NoiseMagnitude = 0.5, NoiseSeed = 3 });
        using var recall = new RecallLoss(ranking);
        recall.train();
        using var scope = NewDisposeScope();
        var scores = tensor(Enumerable.Repeat(new[] { 0.50f, 0.51f, 0.0f, -0.1f }, 64).SelectMany(r => r).ToArray(), [64, 4]);
        var relevance = tensor(Enumerable.Repeat(new[] { 1f, 1f, 0f, 0f }, 64).SelectMany(r => r).ToArray(), [64, 4]);

        var loss = recall.call(scores, relevance).item<float>();

        Assert.True(float.IsFinite(loss) && loss >= 0, $"loss {loss}");
    }

    [Fact]
    public void FromRanks_ShapesDiffer_ThrowsArgumentException()
    {
        using var ranks = tensor(new[] { 1f, 2f });
        using var relevance = tensor(new[] { 1f, 0f, 0f });
        Assert.Throws<ArgumentException>(() => RecallLoss.FromRanks(ranks, relevance));
    }
}
