using Combigrad.Layers;
using Combigrad.Losses;
using Combigrad.Metrics;
using Combigrad.Projections;
using Combigrad.Solvers;
using static Combigrad.Tests.LayerTesting;
using static TorchSharp.torch;

namespace Combigrad.Tests.Losses;

public sealed class SolutionLossTests
{
    [Fact]
    public void HammingAndSquared_ZeroOneSolutions_MeasureMismatchAndPointFromTargetToSolution()
    {
        using var hamming = new HammingLoss();
        using var squared = new SquaredLoss();
        using var scope = NewDisposeScope();
        var y = tensor(new[] { 1f, 0f, 1f, 0f }).requires_grad_(true);
        var target = tensor(new[] { 1f, 1f, 0f, 0f });
        var h = hamming.call(y, target);
        Assert.Equal(2.0, h.item<float>(), 6);
        h.backward();
        Assert.Equal([0.0, -1.0, 1.0, 0.0], ToDoubles(y.grad!));
        y.grad!.zero_();
        var s = squared.call(y, target);
        Assert.Equal(0.5, s.item<float>(), 6);
        s.backward();
        Assert.Equal([0.0, -0.5, 0.5, 0.0], ToDoubles(y.grad!));
    }

    [Fact]
    public void Hamming_Batch_IsTheMeanOverInstancesOfTheHammingDistanceAsInBlackboxBackprop()
    {
        using var scope = NewDisposeScope();
        // Two 2x2 instances with Hamming distances 3 and 1: loss 2; each entry's gradient is sign(y - y*) / batch.
        var y = tensor(new[] { 1f, 0f, 1f, 1f, 0f, 0f, 1f, 0f }, [2, 2, 2]).requires_grad_(true);
        var target = tensor(new[] { 0f, 1f, 0f, 1f, 0f, 0f, 0f, 0f }, [2, 2, 2]);
        var loss = HammingLoss.Compute(y, target);
        Assert.Equal(2.0, loss.item<float>(), 6);
        loss.backward();
        Assert.Equal([0.5, -0.5, 0.5, 0.0, 0.0, 0.0, 0.5, 0.0], ToDoubles(y.grad!));
    }

    [Fact]
    public void RegretLossAndMetrics_HandExample_MatchDefinitions()
    {
        // Two instances: costs c, prediction y_hat, optimum y*.
        using var scope = NewDisposeScope();
        var c = tensor(new[] { 1f, 2f, 3f, 4f, 1f, 1f }, [2, 3]);
        var predicted = tensor(new[] { 0f, 1f, 1f, 1f, 0f, 0f }, [2, 3]).requires_grad_(true);
        var optimal = tensor(new[] { 1f, 1f, 0f, 0f, 1f, 0f }, [2, 3]);
        // <c, y_hat> = 5, 4; <c, y*> = 3, 1; regrets 2, 3.
        Assert.Equal(2.5, DecisionMetrics.Regret(c, predicted, optimal), 10);
        Assert.Equal(5.0 / 4.0, DecisionMetrics.NormalizedRegret(c, predicted, optimal), 10);
        Assert.Equal(9.0 / 4.0, DecisionMetrics.CostRatio(c, predicted, optimal), 10);
        Assert.Equal(0.0, DecisionMetrics.ExactMatchAccuracy(predicted, optimal));
        Assert.Equal(0.5, DecisionMetrics.ExactMatchAccuracy(tensor(new[] { 1f, 1f, 0f, 1f, 0f, 0f }, [2, 3]), optimal));
        Assert.Equal(4.0 / 6.0, DecisionMetrics.Hamming(predicted, optimal), 10);

        using var regret = new RegretLoss();
        var value = regret.call(predicted, c, optimal);
        Assert.Equal(2.5, value.item<float>(), 6);
        value.backward();
        Assert.Equal([0.5, 1.0, 1.5, 2.0, 0.5, 0.5], ToDoubles(predicted.grad!));
        using var normalized = new RegretLoss(normalized: true);
        Assert.Equal(1.25, normalized.call(predicted, c, optimal).item<float>(), 6);
    }

    [Fact]
    public void RecallLoss_HandExample_MatchesEquation21AndIdentityGradientTouchesOnlyRelevantItems()
    {
        // Scores [0.9, 0.1, 0.5, 0.7, 0.3], relevant {1, 2}. rk = [1, 5, 3, 2, 4]; among the relevant, 0.5 ranks 1 and 0.1 ranks 2.
        // L = (log(1 + 5 - 2) + log(1 + 3 - 1)) / 2. With Identity (no projection) dL/domega_i = -1 / (|rel| (1 + rk_i - rk+_i)).
        using var ranking = new SolverLayer(new RankingSolver(5), new IdentityMethod(), new SolverLayerOptions { Projection = CostProjection.None });
        using var recall = new RecallLoss(ranking);
        using var scope = NewDisposeScope();
        var scores = tensor(new[] { 0.9f, 0.1f, 0.5f, 0.7f, 0.3f }).requires_grad_(true);
        var relevance = tensor(new[] { 0f, 1f, 1f, 0f, 0f });
        var loss = recall.call(scores, relevance);
        Assert.Equal((Math.Log(4) + Math.Log(3)) / 2, loss.item<float>(), 5);
        loss.backward();
        var gradient = ToDoubles(scores.grad!);
        double[] expected = [0, -1.0 / 8, -1.0 / 6, 0, 0];
        for (var i = 0; i < 5; i++) Assert.Equal(expected[i], gradient[i], 6);

        var perfect = recall.call(tensor(new[] { 0.1f, 0.9f, 0.5f, 0.2f, 0.3f }), relevance);
        Assert.Equal(0.0, perfect.item<float>(), 6);
    }

    [Fact]
    public void RecallLoss_RowWithoutRelevantItems_IsLeftOut()
    {
        using var ranking = new SolverLayer(new RankingSolver(3), new BlackboxMethod(0.5), new SolverLayerOptions { Projection = CostProjection.None });
        using var recall = new RecallLoss(ranking);
        using var scope = NewDisposeScope();
        var scores = tensor(new[] { 0.9f, 0.1f, 0.5f, 0.2f, 0.3f, 0.1f }, [2, 3]);
        var relevance = tensor(new[] { 0f, 1f, 0f, 0f, 0f, 0f }, [2, 3]);
        Assert.Equal(Math.Log(1 + 3 - 1), recall.call(scores, relevance).item<float>(), 5);
    }

    [Fact]
    public void RecallLoss_MaximizingRankingLayer_Throws()
    {
        using var ranking = new SolverLayer(new RankingSolver(3), new IdentityMethod(), new SolverLayerOptions { Sense = ObjectiveSense.Maximize });
        Assert.Throws<ArgumentException>(() => new RecallLoss(ranking));
    }
}
