using Combigrad.Layers;
using Combigrad.Projections;
using Combigrad.Solvers;
using static TorchSharp.torch;

namespace Combigrad.Tests.Theory;

/// <summary>
/// Theorem 1 of the paper as a property test: with a linear loss f(y) = &lt;g, y&gt; and the Identity gradient, the
/// iteration w &lt;- w - alpha dL/dw = w + alpha g either never leaves y(w) (when no solution has a lower loss) or
/// first leaves it for a solution with a lower linearized loss.
/// </summary>
public sealed class IdentityTheoremTests
{
    private const int Instances = 150;
    private const int Dimension = 5;
    private const int SolutionCount = 7;
    private const double StepSize = 0.1;
    // Costs lie in [-1, 1] and solutions in {0,1}^n, so <w, y' - y> <= n; integer g makes every loss gap >= 1,
    // hence after n / StepSize steps the better solution must have won.
    private const int MaxSteps = (int)(Dimension / StepSize) + 10;

    [Fact]
    public void IdentityIteration_LinearLoss_ReachesLowerLossExactlyWhenOneExists()
    {
        var random = new Random(2024);
        var sawImprovement = 0;
        var sawOptimal = 0;
        for (var instance = 0; instance < Instances; instance++)
        {
            var solver = new ExplicitSetSolver(RandomBinarySolutions(random));
            using var layer = new SolverLayer(solver, new IdentityMethod(), new SolverLayerOptions { Projection = CostProjection.None });
            var w = Enumerable.Range(0, Dimension).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            var g = Enumerable.Range(0, Dimension).Select(_ => (float)random.Next(-2, 3)).ToArray();

            var start = new float[Dimension];
            solver.Solve(w, start);
            var startLoss = Loss(g, start);
            var betterExists = Enumerable.Range(0, solver.Count).Any(i => Loss(g, solver.GetSolution(i)) < startLoss);

            var changedTo = Iterate(layer, w, g, start);
            if (changedTo is null)
            {
                Assert.False(betterExists, $"instance {instance}: a better solution exists but the iteration never left y(w)");
                sawOptimal++;
            }
            else
            {
                Assert.True(Loss(g, changedTo) < startLoss, $"instance {instance}: the first change did not lower the linearized loss");
                sawImprovement++;
            }
        }
        Assert.True(sawImprovement > 20 && sawOptimal > 5, $"both cases must be exercised ({sawImprovement} improving, {sawOptimal} optimal)");
    }

    /// <summary>Runs Identity gradient steps; returns the first solution different from <paramref name="start"/>, or null.</summary>
    private static float[]? Iterate(SolverLayer layer, float[] initialCosts, float[] g, float[] start)
    {
        using var scope = NewDisposeScope();
        var w = tensor(initialCosts).requires_grad_(true);
        var incoming = tensor(g);
        for (var step = 0; step < MaxSteps; step++)
        {
            using var stepScope = NewDisposeScope();
            var y = layer.call(w);
            var solution = y.data<float>().ToArray();
            if (!solution.SequenceEqual(start)) return solution;
            (y * incoming).sum().backward();
            using (no_grad())
            {
                w.sub_(w.grad! * StepSize);
                w.grad!.zero_();
            }
        }
        return null;
    }

    private static double Loss(float[] g, float[] y) => g.Zip(y, (a, b) => (double)a * b).Sum();

    private static IEnumerable<float[]> RandomBinarySolutions(Random random)
    {
        var seen = new HashSet<int>();
        while (seen.Count < SolutionCount) seen.Add(random.Next(1 << Dimension));
        return seen.Select(mask => Enumerable.Range(0, Dimension).Select(bit => (float)((mask >> bit) & 1)).ToArray());
    }
}
