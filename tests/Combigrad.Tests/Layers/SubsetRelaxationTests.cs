using Combigrad.Layers;
using Combigrad.Solvers;
using static TorchSharp.torch;

namespace Combigrad.Tests.Layers;

public sealed class SubsetRelaxationTests
{
    private const int N = 12;
    private const int K = 4;
    private const int Batch = 6;
    private const float PaddingCost = 1e4f;   // a score of -1e4, as the L2X explainer gives padding
    private const double SumTolerance = 1e-4;

    public static TheoryData<string> Names => new() { "l2x", "softsub" };

    private static IGradientMethod Create(string name, double temperature = 0.5) =>
        name == "l2x" ? new ConcreteSubsetMethod(temperature, seed: 3) : new SoftSubsetMethod(temperature, seed: 3);

    /// <summary>Random costs with the last three entries of every row set to padding.</summary>
    private static Tensor CostsWithPadding()
    {
        var random = new Random(9);
        var values = new float[Batch * N];
        for (var i = 0; i < values.Length; i++) values[i] = i % N >= N - 3 ? PaddingCost : (float)(random.NextDouble() * 4 - 2);
        return tensor(values, [Batch, N]);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Solve_Training_RelaxedMaskNonNegativeWithZeroOnPadding(string name)
    {
        // L2X's maximum of probability vectors lies in [0, 1]; SoftSub's sum of k softmaxes is non-negative (an entry
        // may exceed 1, as in Xie and Ermon's relaxation, when few entries share the mass).
        using var scope = NewDisposeScope();
        var method = Create(name);
        var relaxed = method.Solve(CostsWithPadding(), new TopKSolver(N, K), training: true);

        Assert.Equal([Batch, N], relaxed.shape);
        var values = relaxed.data<float>().ToArray();
        Assert.All(values, v => Assert.InRange(v, 0f, name == "l2x" ? 1f + 1e-6f : K));
        for (var row = 0; row < Batch; row++)
            for (var t = N - 3; t < N; t++) Assert.Equal(0f, values[row * N + t]);
        (method as IDisposable)?.Dispose();
    }

    [Fact]
    public void SoftSub_Training_EveryRowSumsToK()
    {
        using var scope = NewDisposeScope();
        using var method = new SoftSubsetMethod(0.5, seed: 3);
        var sums = method.Solve(CostsWithPadding(), new TopKSolver(N, K), training: true).sum(1).data<float>().ToArray();
        Assert.All(sums, s => Assert.Equal(K, s, SumTolerance));
    }

    [Fact]
    public void L2x_Training_RowSumBetweenOneAndK()
    {
        // The maximum of k distributions over the entries: at least the largest single sample's mass (>= 1/n per sample,
        // and the sum of a maximum of probability vectors is >= 1), at most k.
        using var scope = NewDisposeScope();
        using var method = new ConcreteSubsetMethod(0.1, seed: 3);
        var sums = method.Solve(CostsWithPadding(), new TopKSolver(N, K), training: true).sum(1).data<float>().ToArray();
        Assert.All(sums, s => Assert.InRange(s, 1 - SumTolerance, K + SumTolerance));
    }

    [Fact]
    public void SoftSub_LowTemperature_ApproachesTheKHotTopK()
    {
        // Well separated scores: k clearly best entries; at tau = 0.01 the relaxed mask is close to their indicator.
        using var scope = NewDisposeScope();
        using var method = new SoftSubsetMethod(0.01, seed: 3);
        var relaxed = method.Solve(SeparatedCosts(), new TopKSolver(N, K), training: true).data<float>().ToArray();
        Assert.All(relaxed.Take(K), v => Assert.True(v > 0.99f, $"selected entry {v}"));
        Assert.All(relaxed.Skip(K), v => Assert.True(v < 0.01f, $"unselected entry {v}"));
    }

    [Fact]
    public void L2x_LowTemperature_KSamplesWithReplacementAllHitTheBestEntry()
    {
        // L2X draws k categorical samples independently (with replacement): with one clearly best entry they all pick
        // it, so the relaxed mask is close to one-hot, not k-hot (the weakness Table 3 shows).
        using var scope = NewDisposeScope();
        using var method = new ConcreteSubsetMethod(0.01, seed: 3);
        var relaxed = method.Solve(SeparatedCosts(), new TopKSolver(N, K), training: true).data<float>().ToArray();
        Assert.True(relaxed[0] > 0.99f, $"best entry {relaxed[0]}");
        Assert.All(relaxed.Skip(1), v => Assert.True(v < 0.01f, $"other entry {v}"));
    }

    private static Tensor SeparatedCosts() => tensor(new float[] { -50, -40, -30, -20, 0, 1, 2, 3, 4, 5, 6, 7 }, [1, N]);

    [Theory]
    [MemberData(nameof(Names))]
    public void Solve_Evaluation_ExactTopKNeverPadding(string name)
    {
        using var scope = NewDisposeScope();
        var method = Create(name);
        var mask = method.Solve(CostsWithPadding(), new TopKSolver(N, K), training: false);
        Assert.All(mask.sum(1).data<float>().ToArray(), s => Assert.Equal(K, s));
        Assert.Equal(0f, mask.narrow(1, N - 3, 3).sum().item<float>());
        (method as IDisposable)?.Dispose();
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Solve_Training_GradientReachesTheRealEntriesOnly(string name)
    {
        using var scope = NewDisposeScope();
        var method = Create(name);
        var costs = CostsWithPadding().requires_grad_();
        var weights = arange(N, ScalarType.Float32).unsqueeze(0);
        (method.Solve(costs, new TopKSolver(N, K), training: true) * weights).sum().backward();
        var gradient = costs.grad!;
        Assert.True(gradient.narrow(1, 0, N - 3).abs().sum().item<float>() > 0, "real entries get a gradient");
        Assert.Equal(0f, gradient.narrow(1, N - 3, 3).abs().sum().item<float>());
        (method as IDisposable)?.Dispose();
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Solve_SolverWithoutConstantSum_ThrowsNamingIt(string name)
    {
        using var scope = NewDisposeScope();
        var method = Create(name);
        var error = Assert.Throws<ArgumentException>(() => method.Solve(ones(1, 9), new GridShortestPathSolver(3), training: true));
        Assert.Contains("constant sum", error.Message);
        (method as IDisposable)?.Dispose();
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.PositiveInfinity)]
    public void Create_BadTemperature_Throws(double temperature)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConcreteSubsetMethod(temperature));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SoftSubsetMethod(temperature));
    }
}
