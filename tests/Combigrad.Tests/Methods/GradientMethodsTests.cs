using Combigrad.Layers;
using Combigrad.Losses;
using Combigrad.Methods;
using Combigrad.Metrics;
using Combigrad.Solvers;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Combigrad.Tests.Methods;

public sealed class GradientMethodsTests(ITestOutputHelper output)
{
    public static TheoryData<string> AllNames => new(GradientMethods.Names);

    [Fact]
    public void Names_AreTheEightMethodsOfIssue5()
    {
        Assert.Equal(["identity", "bb", "imle", "dpo", "fy", "spo+", "ste", "gumbel"], GradientMethods.Names);
    }

    [Theory]
    [MemberData(nameof(AllNames))]
    public void Create_EveryNameWithDefaults_HasTheDocumentedRoleAndRequirements(string name)
    {
        using var method = GradientMethods.Create(name);
        Assert.Equal(name, method.Name);
        var isLoss = name is "fy" or "spo+";
        Assert.Equal(isLoss ? MethodRole.Loss : MethodRole.SolverLayer, method.Role);
        Assert.Equal(name == "spo+", method.RequiresTrueCosts);
        Assert.Equal(name == "fy", method.RequiresTargetSolution);
    }

    [Fact]
    public void Create_UnknownName_ThrowsListingValidNames()
    {
        var error = Assert.Throws<ArgumentException>(() => GradientMethods.Create("blackbox"));
        foreach (var name in GradientMethods.Names) Assert.Contains(name, error.Message);
    }

    [Fact]
    public void Create_NameIsCaseInsensitive()
    {
        using var method = GradientMethods.Create(" BB ", new GradientMethodOptions { Lambda = 5 });
        Assert.Equal(5, Assert.IsType<BlackboxMethod>(method.LayerMethod).InterpolationStrength);
    }

    [Theory]
    [InlineData("bb", "epsilon")]
    [InlineData("identity", "lambda")]
    [InlineData("dpo", "temperature")]
    [InlineData("gumbel", "samples")]
    [InlineData("imle", "sog_k")]
    public void Create_KeyTheMethodDoesNotUse_ThrowsNamingTheKey(string name, string key)
    {
        var options = key switch
        {
            "epsilon" => new GradientMethodOptions { Epsilon = 1 },
            "lambda" => new GradientMethodOptions { Lambda = 1 },
            "temperature" => new GradientMethodOptions { Temperature = 1 },
            "samples" => new GradientMethodOptions { Samples = 3 },
            _ => new GradientMethodOptions { SumOfGammaK = 3 },   // sog_k without noise = sog
        };
        var error = Assert.Throws<ArgumentException>(() => GradientMethods.Create(name, options));
        Assert.Contains($"'{key}'", error.Message);
    }

    [Theory]
    [InlineData("bb", "lambda")]
    [InlineData("imle", "temperature")]
    [InlineData("dpo", "epsilon")]
    [InlineData("fy", "samples")]
    [InlineData("gumbel", "temperature")]
    [InlineData("dpo", "perturbation")]
    [InlineData("imle", "noise")]
    public void Create_ValueOutOfRange_ThrowsNamingTheKey(string name, string key)
    {
        var options = key switch
        {
            "lambda" => new GradientMethodOptions { Lambda = -1 },
            "temperature" => new GradientMethodOptions { Temperature = 0 },
            "epsilon" => new GradientMethodOptions { Epsilon = double.NaN },
            "samples" => new GradientMethodOptions { Samples = 0 },
            "perturbation" => new GradientMethodOptions { Perturbation = "exponential" },
            _ => new GradientMethodOptions { Noise = "cauchy" },
        };
        var error = Assert.ThrowsAny<ArgumentException>(() => GradientMethods.Create(name, options));
        Assert.Contains($"'{key}'", error.Message);
    }

    [Fact]
    public void Parse_OptionFileValues_ReadsEveryKeyAndRejectsUnknownOnes()
    {
        var options = GradientMethodOptions.Parse(new Dictionary<string, string>
        {
            ["lambda"] = "12.5",
            ["noise"] = "sog",
            ["sog_k"] = "3",
            ["sog_s"] = "7",
            ["two_sided"] = "true",
            ["temperature"] = "2",
            ["seed"] = "4",
        });
        Assert.Equal(new GradientMethodOptions { Lambda = 12.5, Noise = "sog", SumOfGammaK = 3, SumOfGammaTerms = 7, TwoSided = true, Temperature = 2, Seed = 4 }, options);
        using var method = GradientMethods.Create("imle", options);
        var imle = Assert.IsType<ImleMethod>(method.LayerMethod);
        Assert.True(imle.TwoSided);
        Assert.Equal(3, Assert.IsType<Combigrad.Noise.SumOfGammaNoise>(imle.Noise).K);

        var unknown = Assert.Throws<ArgumentException>(() => GradientMethodOptions.Parse(new Dictionary<string, string> { ["eta"] = "1" }));
        Assert.Contains("'eta'", unknown.Message);
        var malformed = Assert.Throws<ArgumentException>(() => GradientMethodOptions.Parse(new Dictionary<string, string> { ["samples"] = "many" }));
        Assert.Contains("'samples'", malformed.Message);
    }

    [Theory]
    [InlineData("fy")]
    [InlineData("spo+")]
    public void Loss_LossMethodWithoutItsContext_ThrowsNamingWhatIsMissing(string name)
    {
        using var method = GradientMethods.Create(name);
        using var layer = method.CreateLayer(new RankingSolver(3));
        using var scope = NewDisposeScope();
        var error = Assert.Throws<ArgumentException>(() => method.Loss(layer, zeros(3), new TrainingContext(), null));
        Assert.Contains(name == "fy" ? "TargetSolution" : "TrueCosts", error.Message);
    }

    /// <summary>
    /// The configuration the demo uses, in miniature: a linear model with softplus predicts vertex costs of a 5x5 grid,
    /// the grid shortest-path solver (non-negative costs) turns them into paths, layer methods train on the Hamming loss
    /// to the true paths, fy on the target paths, spo+ on the true costs. Every method must cut the untrained model's
    /// normalised regret on held-out instances.
    /// </summary>
    [Theory]
    [MemberData(nameof(AllNames))]
    public void TrainingLoop_ShortestPathDemoInMiniature_EveryMethodReducesRegret(string name) =>
        TrainAndAssertRegretCut(name, "defaults", new GradientMethodOptions { Seed = 3 });

    public static TheoryData<string, string, string> Variants => new()
    {
        { "imle", "two_sided", "true" },
        { "imle", "noise", "sog" },
        { "dpo", "perturbation", "multiplicative" },
        { "fy", "perturbation", "multiplicative" },
        { "gumbel", "hard", "false" },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void TrainingLoop_ShortestPathDemoInMiniature_MethodVariantsReduceRegret(string name, string key, string value) =>
        TrainAndAssertRegretCut(name, $"{key} = {value}", GradientMethodOptions.Parse(new Dictionary<string, string> { [key] = value, ["seed"] = "3" }));

    private void TrainAndAssertRegretCut(string name, string label, GradientMethodOptions hyperparameters)
    {
        const int gridSize = 5;
        const int features = 5;
        const int trainCount = 200;
        const int testCount = 100;
        const int batchSize = 20;
        const int epochs = 4;
        var n = gridSize * gridSize;
        var solver = new GridShortestPathSolver(gridSize);
        var random = new Random(7);
        using var scope = NewDisposeScope();
        var truth = RandomMatrix(random, n, features, 1.0);
        (Tensor X, Tensor C, Tensor Y) Generate(int count)
        {
            var x = tensor(Enumerable.Range(0, count * features).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray(), [count, features]);
            var c = (nn.functional.softplus(x.matmul(truth.t()) * 2) + 0.05f).reshape(count, gridSize, gridSize);
            return (x, c, SolveAll(solver, c));
        }
        var (trainX, trainC, trainY) = Generate(trainCount);
        var (testX, testC, testY) = Generate(testCount);

        using var method = GradientMethods.Create(name, hyperparameters);
        using var layer = method.CreateLayer(solver, new SolverLayerOptions { NoiseMagnitude = 0.2, NoiseSeed = 1 });
        using var linear = nn.Linear(features, n);
        using (no_grad())
        {
            linear.weight!.copy_(RandomMatrix(random, n, features, 0.1));
            linear.bias!.copy_(RandomMatrix(random, 1, n, 0.1).reshape(n));
        }
        using var model = nn.Sequential(("linear", linear), ("softplus", nn.Softplus()));
        using var optimizer = optim.Adam(model.parameters(), lr: 0.05);
        using var hamming = new HammingLoss();

        double TestRegret()
        {
            model.eval();
            layer.eval();
            using var evalScope = NewDisposeScope();
            using var noGrad = no_grad();
            return DecisionMetrics.NormalizedRegret(testC, layer.call(model.call(testX).reshape(-1, gridSize, gridSize)), testY);
        }

        var before = TestRegret();
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            model.train();
            layer.train();
            for (var start = 0; start < trainCount; start += batchSize)
            {
                using var step = NewDisposeScope();
                var x = trainX.narrow(0, start, batchSize);
                var c = trainC.narrow(0, start, batchSize);
                var y = trainY.narrow(0, start, batchSize);
                optimizer.zero_grad();
                var loss = method.Loss(layer, model.call(x).reshape(-1, gridSize, gridSize), new TrainingContext(TargetSolution: y, TrueCosts: c), paths => hamming.call(paths, y));
                loss.backward();
                optimizer.step();
            }
        }
        var after = TestRegret();
        output.WriteLine($"{name} ({label}): normalised regret {before:P2} -> {after:P2}");
        Assert.True(after < 0.75 * before, $"{name} ({label}): normalised regret {before:P2} -> {after:P2} is not a 25% cut");
    }

    private static Tensor RandomMatrix(Random random, int rows, int cols, double scale) =>
        tensor(Enumerable.Range(0, rows * cols).Select(_ => (float)((random.NextDouble() * 2 - 1) * scale)).ToArray(), [rows, cols]);

    private static Tensor SolveAll(ISolver solver, Tensor costs)
    {
        var input = costs.contiguous().data<float>().ToArray();
        var solutions = new float[input.Length];
        for (var i = 0; i < input.Length; i += solver.Dimension)
            solver.Solve(input.AsSpan(i, solver.Dimension), solutions.AsSpan(i, solver.Dimension));
        return tensor(solutions, costs.shape);
    }
}
