using TorchSharp;

namespace Combigrad.Experiments.Training;

/// <summary>
/// What the <see cref="Trainer"/> does, shared by every experiment. Defaults are neutral; presets set the paper's
/// values (for example Globe TSP: Adam 1e-4, 100 epochs, batch 50, noise for the first 50 epochs; appendix 6.1).
/// </summary>
public sealed record TrainerOptions
{
    /// <summary>Training epochs.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Mini-batch size.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Adam's initial learning rate.</summary>
    public double LearningRate { get; init; } = 1e-2;

    /// <summary>Epochs (1-based) at whose start the learning rate is multiplied by <see cref="LearningRateDecay"/>
    /// (paper appendix 6.2: divided by 10 after 30 of 50 epochs -&gt; milestones [31], decay 0.1).</summary>
    public int[] LearningRateMilestones { get; init; } = [];

    /// <summary>The factor applied at each milestone.</summary>
    public double LearningRateDecay { get; init; } = 0.1;

    /// <summary>Adam's weight decay (L2 penalty).</summary>
    public double WeightDecay { get; init; }

    /// <summary>alpha of the margin noise <c>{-alpha/2, +alpha/2}^n</c> added before the projection (Sec. 3.5); 0 = off.</summary>
    public double NoiseMagnitude { get; init; }

    /// <summary>The margin noise is on for epochs 1..NoiseEpochs and off afterwards (Table 5: the first 50 of 100);
    /// null keeps it on for the whole run.</summary>
    public int? NoiseEpochs { get; init; }

    /// <summary>sigma of Gaussian noise added to <c>dL/dy</c> on the way back (Fig. 4 robustness; simulates learnable
    /// layers after the solver). 0 = off.</summary>
    public double GradientNoiseStd { get; init; }

    /// <summary>rho of label corruption (Fig. 4): each entry of a training target is flipped with probability rho/k,
    /// where k is the experiment's problem size; the flips are fixed per example. 0 = off.</summary>
    public double LabelFlipRate { get; init; }

    /// <summary>Stop when the early-stopping metric has not improved for this many epochs; null runs every epoch.
    /// Either way the reported result is the epoch with the best validation metric.</summary>
    public int? EarlyStoppingPatience { get; init; }

    /// <summary>Seed of batch order, margin noise, gradient noise and label corruption.</summary>
    public int Seed { get; init; }

    /// <summary>Where the model, the data and every tensor of training live: <c>cpu</c> (default), <c>cuda</c> or
    /// <c>cuda:N</c>. CUDA needs the application to reference a CUDA backend of TorchSharp instead of TorchSharp-cpu
    /// (docs/devices.md). Solvers always run on the CPU; the solver layer copies costs there and solutions back.</summary>
    public string Device { get; init; } = TrainingDevice.Cpu;

    /// <summary>The learning rate in force during <paramref name="epoch"/> (1-based): a pure function, so a resumed run needs no scheduler state.</summary>
    public double LearningRateAt(int epoch) =>
        LearningRate * Math.Pow(LearningRateDecay, LearningRateMilestones.Count(m => epoch >= m));

    /// <summary>Whether the margin noise is on during <paramref name="epoch"/> (1-based).</summary>
    public bool NoiseOnAt(int epoch) => NoiseMagnitude > 0 && (NoiseEpochs is null || epoch <= NoiseEpochs);

    /// <summary>Throws when a value is out of range or the device is unknown or absent; the message names the option.</summary>
    /// <exception cref="ArgumentException">An option is out of range, or <see cref="Device"/> is not cpu, cuda or cuda:N, or names a CUDA device TorchSharp does not have.</exception>
    public void Validate()
    {
        OptionGuard.Require(Epochs >= 1, "training.epochs", Epochs, ">= 1");
        OptionGuard.Require(BatchSize >= 1, "training.batchSize", BatchSize, ">= 1");
        OptionGuard.Require(LearningRate > 0 && double.IsFinite(LearningRate), "training.learningRate", LearningRate, "> 0");
        OptionGuard.Require(LearningRateMilestones.All(m => m >= 1), "training.learningRateMilestones", string.Join(",", LearningRateMilestones), "epochs >= 1");
        OptionGuard.Require(LearningRateDecay > 0 && LearningRateDecay <= 1, "training.learningRateDecay", LearningRateDecay, "in (0, 1]");
        OptionGuard.Require(WeightDecay >= 0 && double.IsFinite(WeightDecay), "training.weightDecay", WeightDecay, ">= 0");
        OptionGuard.Require(NoiseMagnitude >= 0 && double.IsFinite(NoiseMagnitude), "training.noiseMagnitude", NoiseMagnitude, ">= 0");
        OptionGuard.Require(NoiseEpochs is null or >= 0, "training.noiseEpochs", NoiseEpochs ?? 0, ">= 0");
        OptionGuard.Require(GradientNoiseStd >= 0 && double.IsFinite(GradientNoiseStd), "training.gradientNoiseStd", GradientNoiseStd, ">= 0");
        OptionGuard.Require(LabelFlipRate >= 0 && double.IsFinite(LabelFlipRate), "training.labelFlipRate", LabelFlipRate, ">= 0");
        OptionGuard.Require(EarlyStoppingPatience is null or >= 1, "training.earlyStoppingPatience", EarlyStoppingPatience ?? 0, ">= 1");
        TrainingDevice.Parse(Device, DeviceKey);
    }

    /// <summary>The option key of <see cref="Device"/>, as written in presets and <c>--set</c>.</summary>
    public const string DeviceKey = "training.device";

    /// <summary>The TorchSharp device of <see cref="Device"/>.</summary>
    /// <exception cref="ArgumentException">The name is not cpu, cuda or cuda:N, or CUDA was asked for and TorchSharp has no such device.</exception>
    public torch.Device TorchDevice() => TrainingDevice.Parse(Device, DeviceKey);
}
