using Combigrad.Layers;
using Combigrad.Projections;
using Combigrad.Solvers;
using static Combigrad.Tests.LayerTesting;

namespace Combigrad.Tests.Layers;

/// <summary>The one sign flip: a maximising layer on scores s behaves as the minimising layer on costs -s, with the gradient negated.</summary>
public sealed class SenseConventionTests
{
    public static TheoryData<string> Methods => new() { "identity", "bb", "ste" };

    [Theory]
    [MemberData(nameof(Methods))]
    public void Maximize_ScoresS_EqualsMinimizeOnMinusSWithNegatedGradient(string name)
    {
        IGradientMethod Create() => name switch
        {
            "bb" => new BlackboxMethod(0.8),
            "ste" => new StraightThroughMethod(),
            _ => new IdentityMethod(),
        };
        const int n = 5;
        var random = new Random(23);
        var solver = new RankingSolver(n);
        using var minimizing = new SolverLayer(solver, Create(), new SolverLayerOptions { Projection = CostProjection.None });
        using var maximizing = new SolverLayer(solver, Create(), new SolverLayerOptions { Projection = CostProjection.None, Sense = ObjectiveSense.Maximize });
        for (var trial = 0; trial < 30; trial++)
        {
            var scores = RandomVector(random, n);
            var g = RandomVector(random, n);
            var (maxSolution, maxGradient) = ForwardBackward(maximizing, scores, g, [n]);
            var (minSolution, minGradient) = ForwardBackward(minimizing, scores.Select(s => -s).ToArray(), g, [n]);
            Assert.Equal(minSolution, maxSolution);
            for (var i = 0; i < n; i++) Assert.Equal(-minGradient[i], maxGradient[i], GradientTolerance);
        }
    }
}
