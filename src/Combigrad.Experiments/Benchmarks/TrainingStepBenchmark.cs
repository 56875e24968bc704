using System.Diagnostics;
using Combigrad.Experiments.Catalog;
using Combigrad.Experiments.Training;
using Combigrad.Layers;
using Combigrad.Solvers;
using static TorchSharp.torch;

namespace Combigrad.Experiments.Benchmarks;

/// <summary>
/// Times full training steps (<see cref="Trainer"/>'s own step: forward, backward, optimizer step) of one experiment
/// configuration with three solver layers: Identity, BB, and Identity over a <see cref="NoOpSolver"/> (the floor: the
/// same step with no solve). The three are built alike (same data, same seed, same projection and noise), warmed up,
/// then timed one step at a time in rotating order in this process, so the machine's speed drift hits all alike.
/// Separately, one batched solver call on a batch of the model's costs is timed: BB's extra cost per step should be
/// about one such call (its backward solves once more), Identity's extra over the floor about one too (the forward solve).
/// Because a network step can take seconds and a solve a millisecond, the solver layer alone (forward, loss, backward
/// on fixed costs) is timed too, where that one call is not lost in the network's noise.
/// </summary>
public static class TrainingStepBenchmark
{
    /// <summary>The variants, in the order reported.</summary>
    public static readonly IReadOnlyList<string> VariantNames = [Identity, Blackbox, Floor];

    private const string Identity = "identity";
    private const string Blackbox = "bb";
    private const string Floor = "noop";

    /// <summary>Timed solver-layer passes per variant and step: they take milliseconds, a step seconds.</summary>
    private const int LayerRepetitions = 5;

    /// <summary>Builds the three variants from <paramref name="optionsFor"/> (options for a method name) and measures them.</summary>
    /// <param name="experiment">The experiment.</param>
    /// <param name="optionsFor">Bound options for method identity and for method bb (same otherwise).</param>
    /// <param name="steps">Timed steps per variant (at least 1).</param>
    /// <param name="warmUpSteps">Untimed steps per variant before timing.</param>
    /// <param name="cancellationToken">Checked between steps.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> below 1 or <paramref name="warmUpSteps"/> below 0.</exception>
    public static TrainingStepReport Run(IExperiment experiment, Func<string, IExperimentOptions> optionsFor, int steps, int warmUpSteps,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(optionsFor);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(warmUpSteps);
        var identityOptions = optionsFor(Identity);
        var blackboxOptions = optionsFor(Blackbox);
        using var identity = experiment.Build(identityOptions);
        using var blackbox = experiment.Build(blackboxOptions);
        using var floorBase = experiment.Build(identityOptions);
        var floorSolver = new CountingSolver(new NoOpSolver(floorBase.Solver));
        using var floorLayer = new SolverLayer(floorSolver, new IdentityMethod(), new SolverLayerOptions
        {
            Projection = floorBase.Layer.Projection,
            NoiseMagnitude = identityOptions.Training.NoiseMagnitude,
            NoiseSeed = (ulong)identityOptions.Training.Seed,
        });
        // Shares backbone and data with floorBase, which disposes them.
        var floor = new TrainingProblem
        {
            Backbone = floorBase.Backbone,
            Layer = floorLayer,
            Solver = floorSolver,
            Loss = floorBase.Loss,
            Train = floorBase.Train,
            Validation = floorBase.Validation,
            Test = floorBase.Test,
        };

        var variants = new[]
        {
            new Variant(Identity, identity, identityOptions.Training),
            new Variant(Blackbox, blackbox, blackboxOptions.Training),
            new Variant(Floor, floor, identityOptions.Training),
        };
        try
        {
            for (var step = 0; step < warmUpSteps + steps; step++)
            {
                for (var i = 0; i < variants.Length; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var variant = variants[(step + i) % variants.Length];
                    var milliseconds = variant.TimeStep(step);
                    if (step >= warmUpSteps) variant.Times.Add(milliseconds);
                    for (var repetition = 0; repetition < LayerRepetitions; repetition++)
                    {
                        var layerMilliseconds = variant.TimeLayer();
                        if (step >= warmUpSteps) variant.LayerTimes.Add(layerMilliseconds);
                    }
                }
            }
            var solverMilliseconds = TimeSolverBatch(blackbox, variants[1].BatchSize, steps, warmUpSteps, cancellationToken);
            var medians = variants.ToDictionary(v => v.Name, v => Median(v.Times));
            var layerMedians = variants.ToDictionary(v => v.Name, v => Median(v.LayerTimes));
            var results = variants.Select(v => new TrainingStepResult(v.Name, medians[v.Name], medians[v.Name] / medians[Floor],
                layerMedians[v.Name], steps, v.BatchSize)).ToList();
            return new TrainingStepReport(results, new SolverCallResult(solverMilliseconds, medians[Blackbox] - medians[Identity],
                medians[Identity] - medians[Floor], layerMedians[Blackbox] - layerMedians[Identity], layerMedians[Identity] - layerMedians[Floor],
                steps, variants[1].BatchSize));
        }
        finally
        {
            foreach (var variant in variants) variant.Dispose();
        }
    }

    /// <summary>Median time of <c>SolveBatch</c> on one batch of the (untrained) model's costs.</summary>
    private static double TimeSolverBatch(TrainingProblem problem, int batchSize, int calls, int warmUpCalls, CancellationToken cancellationToken)
    {
        float[] costs;
        using (NewDisposeScope())
        using (no_grad())
        {
            problem.Backbone.eval();
            costs = problem.Backbone.call(problem.Train.Inputs.narrow(0, 0, batchSize)).to(ScalarType.Float32, CPU).contiguous().data<float>().ToArray();
        }
        var solutions = new float[costs.Length];
        var times = new List<double>();
        for (var call = 0; call < warmUpCalls + calls; call++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = Stopwatch.GetTimestamp();
            problem.Solver.SolveBatch(costs, solutions, cancellationToken);
            if (call >= warmUpCalls) times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return Median(times);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>One variant: its problem, a trainer and optimizer as in training, in training mode with epoch 1's noise.</summary>
    private sealed class Variant : IDisposable
    {
        private readonly TrainingProblem _problem;
        private readonly Trainer _trainer;
        private readonly TorchSharp.Modules.OptimizerHelper _optimizer;
        private readonly Generator _gradientNoise = new(0);
        private readonly Tensor _layerCosts;
        private readonly Tensor _layerTargets;

        public Variant(string name, TrainingProblem problem, TrainerOptions options)
        {
            Name = name;
            _problem = problem;
            _trainer = new Trainer(options);
            _optimizer = _trainer.CreateOptimizer(problem);
            BatchSize = (int)Math.Min(options.BatchSize, problem.Train.Count);
            problem.Backbone.train();
            problem.Layer.train();
            problem.Layer.NoiseEnabled = options.NoiseOnAt(1);
            using (no_grad())
                _layerCosts = problem.Backbone.call(problem.Train.Inputs.narrow(0, 0, BatchSize)).detach();
            _layerTargets = problem.Train.Targets.narrow(0, 0, BatchSize);
        }

        public string Name { get; }

        public int BatchSize { get; }

        public List<double> Times { get; } = [];

        public List<double> LayerTimes { get; } = [];

        /// <summary>Runs and times one step on a contiguous batch that moves through the training split.</summary>
        public double TimeStep(int step)
        {
            using var scope = NewDisposeScope();
            var count = _problem.Train.Count;
            var start = step * (long)BatchSize % (count - BatchSize + 1);
            var index = arange(start, start + BatchSize, dtype: ScalarType.Int64, device: _problem.Train.Inputs.device);
            var begin = Stopwatch.GetTimestamp();
            var (loss, _) = _trainer.Step(_problem, _optimizer, _gradientNoise, _problem.Train.Targets, index);
            _ = loss.to(ScalarType.Float64).item<double>();
            return Stopwatch.GetElapsedTime(begin).TotalMilliseconds;
        }

        /// <summary>Times the solver layer alone on fixed costs of the untrained model: forward, loss, backward to the costs.</summary>
        public double TimeLayer()
        {
            using var scope = NewDisposeScope();
            var costs = _layerCosts.clone().requires_grad_(true);
            var begin = Stopwatch.GetTimestamp();
            var loss = _problem.Loss(_problem.Layer.call(costs), _layerTargets);
            loss.backward();
            _ = costs.grad!.sum().to(ScalarType.Float64).item<double>();
            return Stopwatch.GetElapsedTime(begin).TotalMilliseconds;
        }

        public void Dispose()
        {
            _layerCosts.Dispose();
            _layerTargets.Dispose();
            _optimizer.Dispose();
            _gradientNoise.Dispose();
        }
    }
}
