using System.ComponentModel;
using Combigrad.Experiments.Demo;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Combigrad.Cli.Commands;

/// <summary>Command-line options of <c>combigrad demo</c>; defaults come from <see cref="ShortestPathDemoOptions"/>.</summary>
public sealed class DemoSettings : CommonSettings
{
    private static readonly ShortestPathDemoOptions Defaults = new();

    /// <summary>Methods to compare.</summary>
    [CommandOption("--methods <LIST>")]
    [Description("Comma-separated gradient methods to compare, or 'all' (identity, bb, imle, dpo, fy, spo+, ste, gumbel). Default identity,bb.")]
    public string Methods { get; init; } = "identity,bb";

    /// <summary>k of the k x k grid.</summary>
    [CommandOption("--grid-size <K>")]
    [Description("Grid size k (k x k cells).")]
    public int GridSize { get; init; } = Defaults.GridSize;

    /// <summary>Training instances.</summary>
    [CommandOption("--train-size <N>")]
    [Description("Number of training instances.")]
    public int TrainCount { get; init; } = Defaults.TrainCount;

    /// <summary>Test instances.</summary>
    [CommandOption("--test-size <N>")]
    [Description("Number of test instances.")]
    public int TestCount { get; init; } = Defaults.TestCount;

    /// <summary>Epochs.</summary>
    [CommandOption("--epochs <N>")]
    [Description("Training epochs per method.")]
    public int Epochs { get; init; } = Defaults.Training.Epochs;

    /// <summary>Batch size.</summary>
    [CommandOption("--batch-size <N>")]
    [Description("Mini-batch size.")]
    public int BatchSize { get; init; } = Defaults.Training.BatchSize;

    /// <summary>Learning rate.</summary>
    [CommandOption("--lr <RATE>")]
    [Description("Adam learning rate.")]
    public double LearningRate { get; init; } = Defaults.Training.LearningRate;

    /// <summary>Polynomial degree of the true cost map.</summary>
    [CommandOption("--degree <DEG>")]
    [Description("Degree of the polynomial feature-to-cost map (higher is harder for the linear model).")]
    public int PolynomialDegree { get; init; } = Defaults.PolynomialDegree;

    /// <summary>lambda of BB.</summary>
    [CommandOption("--lambda <LAMBDA>")]
    [Description("Interpolation strength lambda of Blackbox backpropagation.")]
    public double BlackboxLambda { get; init; } = Defaults.BlackboxLambda;

    /// <summary>alpha of the margin noise.</summary>
    [CommandOption("--noise <ALPHA>")]
    [Description("Margin noise alpha for every method (0 = off).")]
    public double NoiseMagnitude { get; init; } = Defaults.Training.NoiseMagnitude;

    /// <summary>Seed.</summary>
    [CommandOption("--seed <SEED>")]
    [Description("Seed of data, initial weights, batch order and noise.")]
    public int Seed { get; init; } = Defaults.Training.Seed;

    /// <summary>Where to train.</summary>
    [CommandOption("--device <DEVICE>")]
    [Description("Where to train: cpu (default), cuda or cuda:N; CUDA needs a CUDA backend of TorchSharp (docs/devices.md).")]
    public string Device { get; init; } = Defaults.Training.Device;

    /// <summary>The method names.</summary>
    public string[] MethodNames => Methods.Trim() == "all"
        ? [.. Combigrad.Methods.GradientMethods.Names]
        : Methods.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The experiment options these settings describe, for one method.</summary>
    public ShortestPathDemoOptions ToOptions(string method) => Defaults with
    {
        Method = method,
        GridSize = GridSize,
        TrainCount = TrainCount,
        TestCount = TestCount,
        PolynomialDegree = PolynomialDegree,
        BlackboxLambda = BlackboxLambda,
        DataSeed = Seed,
        Training = Defaults.Training with
        {
            Epochs = Epochs,
            BatchSize = BatchSize,
            LearningRate = LearningRate,
            NoiseMagnitude = NoiseMagnitude,
            Seed = Seed,
            Device = Device,
        },
    };

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        try
        {
            if (MethodNames.Length == 0) return ValidationResult.Error("--methods needs at least one method.");
            foreach (var method in MethodNames) ToOptions(method).Validate();
            return base.Validate();
        }
        catch (ArgumentException e)
        {
            return ValidationResult.Error(e.Message);
        }
    }
}
