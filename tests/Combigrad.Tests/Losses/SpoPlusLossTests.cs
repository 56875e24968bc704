using Combigrad.Layers;
using Combigrad.Losses;
using Combigrad.Solvers;
using Combigrad.Testing;
using static Combigrad.Tests.LayerTesting;
using static TorchSharp.torch;

namespace Combigrad.Tests.Losses;

public sealed class SpoPlusLossTests
{
    private static readonly float[][] Solutions = [[1, 0, 0], [0, 1, 1], [1, 1, 0], [0, 0, 1]];

    private static double Dot(IReadOnlyList<float> a, IReadOnlyList<float> b) => Enumerable.Range(0, a.Count).Sum(i => (double)a[i] * b[i]);

    private static (double Value, double[] Gradient) ValueAndGradient(SpoPlusLoss loss, float[] costs, float[] trueCosts, float[]? trueSolution = null)
    {
        using var scope = NewDisposeScope();
        var w = tensor(costs).requires_grad_(true);
        var value = loss.Compute(w, tensor(trueCosts), trueSolution is null ? null : tensor(trueSolution));
        value.backward();
        return (value.to(ScalarType.Float64).item<double>(), ToDoubles(w.grad!));
    }

    [Theory]
    [InlineData(ObjectiveSense.Minimize)]
    [InlineData(ObjectiveSense.Maximize)]
    public void ValueAndSubgradient_RandomCosts_EqualElmachtoubGrigasFormula(ObjectiveSense sense)
    {
        // Minimisation: L = -min_y <2w - c, y> + 2 <w, y*(c)> - <c, y*(c)>, subgradient 2 (y*(c) - y(2w - c)).
        // Maximisation: the same at w = -theta, c = -theta*, and the gradient w.r.t. theta changes sign.
        var solver = new ExplicitSetSolver(Solutions);
        using var loss = new SpoPlusLoss(solver, sense);
        var random = new Random(12);
        var sign = sense == ObjectiveSense.Maximize ? -1f : 1f;
        var nonZero = 0;
        for (var trial = 0; trial < 100; trial++)
        {
            var input = RandomVector(random, 3);
            var trueInput = RandomVector(random, 3);
            var (value, gradient) = ValueAndGradient(loss, input, trueInput);

            var w = input.Select(x => sign * x).ToArray();
            var c = trueInput.Select(x => sign * x).ToArray();
            var optimal = solver.SolveToArray(c);
            var shifted = w.Select((x, i) => 2 * x - c[i]).ToArray();
            var shiftedSolution = solver.SolveToArray(shifted);
            var expected = -Dot(shifted, shiftedSolution) + 2 * Dot(w, optimal) - Dot(c, optimal);
            Assert.Equal(expected, value, 1e-5);
            Assert.True(value >= -1e-6, $"SPO+ is non-negative, got {value}");
            for (var i = 0; i < 3; i++)
                Assert.Equal(sign * 2.0 * (optimal[i] - shiftedSolution[i]), gradient[i], 1e-6);
            if (gradient.Any(x => x != 0)) nonZero++;
        }
        Assert.True(nonZero > 10, "the test must exercise non-zero SPO+ subgradients");
    }

    [Fact]
    public void Value_PredictionEqualsTrueCosts_IsZero()
    {
        var random = new Random(1);
        using var loss = new SpoPlusLoss(new ExplicitSetSolver(Solutions));
        for (var trial = 0; trial < 20; trial++)
        {
            var c = RandomVector(random, 3);
            Assert.Equal(0.0, ValueAndGradient(loss, c, c).Value, 6);
        }
    }

    [Fact]
    public void Compute_GivenTrueSolution_SameAsComputedOne()
    {
        var solver = new ExplicitSetSolver(Solutions);
        using var loss = new SpoPlusLoss(solver);
        float[] w = [0.3f, -0.1f, 0.4f];
        float[] c = [0.2f, 0.5f, -0.6f];
        var computed = ValueAndGradient(loss, w, c);
        var given = ValueAndGradient(loss, w, c, solver.SolveToArray(c));
        Assert.Equal(computed.Value, given.Value, 10);
        Assert.Equal(computed.Gradient, given.Gradient);
    }

    [Fact]
    public void Constructor_MaximizeWithNonNegativeSolver_Throws()
    {
        Assert.Throws<ArgumentException>(() => new SpoPlusLoss(new GridShortestPathSolver(3), ObjectiveSense.Maximize));
    }
}
