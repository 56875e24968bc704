using System.Diagnostics;
using Combigrad.Methods;
using Combigrad.Noise;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Combigrad.Experiments.Training;

/// <summary>
/// The one training loop of every experiment: Adam with step drops of the learning rate, mini-batches in a seeded
/// per-epoch order, the margin-noise schedule, optional gradient noise and label corruption (Fig. 4), evaluation on
/// validation and test after every epoch, early stopping on validation, and a checkpoint after every epoch from which
/// <see cref="Run"/> resumes bit-for-bit.
/// </summary>
/// <remarks>All randomness is derived from <see cref="TrainerOptions.Seed"/>: at each epoch start the batch order and every
/// generator (margin and perturbation noise, stochastic methods, gradient noise) restart from (seed, epoch), so a resumed
/// run needs only model and optimizer state. No global random state is used.</remarks>
public sealed partial class Trainer
{
    private const int BatchOrderStream = 0;
    private const int LayerStream = 1;
    private const int MethodStream = 2;
    private const int GradientNoiseStream = 3;
    private const int LabelCorruptionStream = 4;
    private const int ValidationSamplingStream = 5;
    private const int TestSamplingStream = 6;

    private readonly TrainerOptions _options;
    private readonly CheckpointFiles? _checkpoints;

    /// <summary>Creates a trainer; with <paramref name="checkpointPath"/> it saves after every epoch and resumes from the
    /// newest intact checkpoint there (see <see cref="CheckpointFiles"/>).</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public Trainer(TrainerOptions options, string? checkpointPath = null)
        : this(options, checkpointPath is null ? null : new CheckpointFiles(checkpointPath))
    {
    }

    /// <summary>Creates a trainer that saves after every epoch to <paramref name="checkpoints"/> and resumes from the newest
    /// intact one there.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public Trainer(TrainerOptions options, CheckpointFiles? checkpoints)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _checkpoints = checkpoints;
    }

    /// <summary>Trains <paramref name="problem"/>, resuming from the newest intact checkpoint when there is one.</summary>
    /// <exception cref="Faults.FaultException">Checkpoint files exist but none is intact.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (checked between batches).</exception>
    public TrainingResult Run(TrainingProblem problem, ITrainingObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        using var optimizer = CreateOptimizer(problem);
        using var gradientNoise = new Generator(0);
        using var trainTargets = _options.LabelFlipRate > 0
            ? LabelCorruption.Corrupt(problem.Train.Targets, _options.LabelFlipRate, problem.LabelCorruptionScale, SeedMixer.MixToInt(_options.Seed, LabelCorruptionStream))
            : problem.Train.Targets.alias();

        var history = new List<EpochRecord>();
        if (_checkpoints is not null) history.AddRange(LoadCheckpoint(_checkpoints, problem, optimizer));
        if (history.Count == 0)
        {
            var initial = EvaluateInitialModel(problem);
            history.Add(initial);
            observer?.OnEpochCompleted(initial);
        }

        var higherIsBetter = MetricNames.HigherIsBetter(problem.EarlyStoppingMetric);
        var stoppedEarly = false;
        for (var epoch = history[^1].Epoch + 1; epoch <= _options.Epochs; epoch++)
        {
            if (PatienceExhausted(history, problem.EarlyStoppingMetric, higherIsBetter))
            {
                stoppedEarly = true;
                break;
            }
            cancellationToken.ThrowIfCancellationRequested();
            var record = RunEpoch(epoch, problem, optimizer, gradientNoise, trainTargets, observer, cancellationToken);
            history.Add(record);
            observer?.OnEpochCompleted(record);
            if (_checkpoints is not null) SaveCheckpoint(_checkpoints, history, problem, optimizer);
        }
        return new TrainingResult(history, BestEpoch(history, problem.EarlyStoppingMetric, higherIsBetter), stoppedEarly);
    }

    private EpochRecord RunEpoch(
        int epoch, TrainingProblem problem, OptimizerHelper optimizer, Generator gradientNoise, Tensor trainTargets,
        ITrainingObserver? observer, CancellationToken cancellationToken)
    {
        var learningRate = _options.LearningRateAt(epoch);
        foreach (var group in optimizer.ParamGroups) group.LearningRate = learningRate;
        var noiseOn = _options.NoiseOnAt(epoch);
        problem.Layer.NoiseEnabled = noiseOn || problem.IsSampler;
        problem.Backbone.train();
        problem.Head?.train();
        problem.Layer.train();
        problem.Solver.Reset();
        var epochSeed = SeedMixer.Mix((ulong)(uint)_options.Seed, epoch);
        problem.Layer.Reseed(SeedMixer.Mix(epochSeed, LayerStream));
        problem.Method?.Reseed(SeedMixer.Mix(epochSeed, MethodStream));
        gradientNoise.manual_seed(unchecked((long)SeedMixer.Mix(epochSeed, GradientNoiseStream)));

        var batchIndices = problem.TrainBatches?.Batches(_options.Seed, epoch) ?? ShuffledBatches((int)problem.Train.Count, epoch);
        var batches = batchIndices.Count;
        var count = batchIndices.Sum(b => b.Length);
        observer?.OnEpochStarted(epoch, _options.Epochs, batches);
        var stopwatch = Stopwatch.StartNew();
        double lossSum = 0, costNormSum = 0;
        for (var batch = 0; batch < batches; batch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var index = tensor(batchIndices[batch]);
            var (loss, costs) = Step(problem, optimizer, gradientNoise, trainTargets, index);
            Faults.FaultInjection.At(Faults.FaultInjection.Batch);
            var batchLoss = loss.to(ScalarType.Float64).item<double>();
            lossSum += batchLoss;
            using (no_grad()) costNormSum += costs.detach().flatten(1).norm(1).sum().to(ScalarType.Float64).item<double>();
            observer?.OnBatchCompleted(epoch, batch + 1, batchLoss);
        }
        stopwatch.Stop();
        var solverSeconds = problem.Solver.BusyTime.TotalSeconds;
        var solverCalls = problem.Solver.Calls;

        var (validation, test) = EvaluateSplits(problem);
        return new EpochRecord(epoch, lossSum / batches, learningRate, noiseOn, stopwatch.Elapsed.TotalSeconds, solverSeconds,
            solverCalls, costNormSum / count, validation, test);
    }

    /// <summary>Adam over the backbone's parameters with the options' learning rate and weight decay.</summary>
    internal OptimizerHelper CreateOptimizer(TrainingProblem problem) =>
        optim.Adam(problem.Parameters(), lr: _options.LearningRate, weight_decay: _options.WeightDecay);

    /// <summary>One optimisation step on the training examples <paramref name="index"/>: forward through backbone, solver
    /// layer and loss, backward, optimizer step. Returns the loss and the costs (in the caller's dispose scope).
    /// <c>combigrad bench train</c> times exactly this.</summary>
    internal (Tensor Loss, Tensor Costs) Step(TrainingProblem problem, OptimizerHelper optimizer, Generator gradientNoise, Tensor trainTargets, Tensor index)
    {
        optimizer.zero_grad();
        var costs = problem.Backbone.call(problem.Train.Inputs.index_select(0, index));
        var targets = trainTargets.index_select(0, index);
        Tensor LossOnSolutions(Tensor solutions) => problem.Loss(problem.Output(
            _options.GradientNoiseStd > 0 ? GradientNoiseFunction.Apply(solutions, _options.GradientNoiseStd, gradientNoise) : solutions), targets);
        var loss = problem.Method is { } method
            ? method.Loss(problem.Layer, costs, new TrainingContext(targets, problem.Train.TrueCosts?.index_select(0, index)), LossOnSolutions)
            : LossOnSolutions(problem.Layer.call(costs));
        if (problem.CostPenalty is { } penalty) loss = loss + penalty(costs);
        loss.backward();
        optimizer.step();
        return (loss, costs);
    }

    /// <summary>Epoch 0: the untrained model's metrics, the baseline of every curve and of "regret halved".</summary>
    private EpochRecord EvaluateInitialModel(TrainingProblem problem)
    {
        var (validation, test) = EvaluateSplits(problem);
        return new EpochRecord(0, double.NaN, _options.LearningRateAt(1), false, 0, 0, 0, test.GetValueOrDefault(MetricNames.CostNorm, double.NaN), validation, test);
    }

    /// <summary>Validation and test metrics; a sampler draws the same samples at every epoch (one fixed stream per split).</summary>
    private (IReadOnlyDictionary<string, double> Validation, IReadOnlyDictionary<string, double> Test) EvaluateSplits(TrainingProblem problem)
    {
        var seed = (ulong)(uint)_options.Seed;
        var validation = problem.SplitMetrics is { } validationMetrics
            ? validationMetrics(problem.Validation)
            : SplitEvaluator.Evaluate(problem, problem.Validation, _options.BatchSize, SeedMixer.Mix(seed, ValidationSamplingStream));
        Faults.FaultInjection.At(Faults.FaultInjection.Evaluation);
        var test = problem.SplitMetrics is { } testMetrics
            ? testMetrics(problem.Test)
            : SplitEvaluator.Evaluate(problem, problem.Test, _options.BatchSize, SeedMixer.Mix(seed, TestSamplingStream));
        return (validation, test);
    }

    /// <summary>The permutation of <see cref="BatchOrder"/> cut into batches of <see cref="TrainerOptions.BatchSize"/> (the last may be smaller).</summary>
    private long[][] ShuffledBatches(int count, int epoch) => BatchOrder(count, epoch).Chunk(_options.BatchSize).ToArray();

    /// <summary>A permutation of the training indices that depends only on (seed, epoch).</summary>
    private long[] BatchOrder(int count, int epoch)
    {
        // Not HashCode.Combine: it is randomized per process, which would break resuming in another process.
        var random = new Random(SeedMixer.MixToInt(SeedMixer.MixToInt(_options.Seed, epoch), BatchOrderStream));
        var order = new long[count];
        for (var i = 0; i < count; i++) order[i] = i;
        random.Shuffle(order);
        return order;
    }

    private bool PatienceExhausted(List<EpochRecord> history, string metric, bool higherIsBetter) =>
        _options.EarlyStoppingPatience is { } patience && history.Count > 0 &&
        history[^1].Epoch - BestEpoch(history, metric, higherIsBetter) >= patience;

    /// <summary>The trained epoch (1 or later) with the best validation metric; the first one on ties.</summary>
    private static int BestEpoch(IReadOnlyList<EpochRecord> history, string metric, bool higherIsBetter)
    {
        var trained = history.Where(r => r.Epoch >= 1).ToList();
        if (trained.Count == 0) return history[0].Epoch;
        var best = trained[0];
        foreach (var record in trained.Skip(1))
        {
            var value = record.Validation[metric];
            var bestValue = best.Validation[metric];
            if (higherIsBetter ? value > bestValue : value < bestValue) best = record;
        }
        return best.Epoch;
    }
}
