using Combigrad.Layers;
using Combigrad.Methods;
using Combigrad.Solvers;
using static TorchSharp.torch;

namespace Combigrad.Experiments.Training;

/// <summary>
/// Everything an experiment hands the <see cref="Trainer"/>: a backbone that maps inputs to costs, the solver layer,
/// the loss between predicted and target solutions, and the three splits. The trainer composes
/// <c>loss(layer(backbone(x)), y*)</c>, so it can measure the cost norm and inject gradient noise between solver and loss.
/// </summary>
/// <remarks>
/// Models with the solver in the middle (a discrete VAE, paper Sec. 4.3) add a <see cref="Head"/> after the layer and a
/// <see cref="CostPenalty"/> on the costs: the trainer then minimises <c>loss(head(layer(backbone(x))), target) +
/// penalty(backbone(x))</c>, where the target may be the input itself (reconstruction).
/// </remarks>
public sealed class TrainingProblem : IDisposable
{
    /// <summary>Maps a batch of inputs to costs of shape <c>[batch, *InstanceShape]</c>.</summary>
    public required nn.Module<Tensor, Tensor> Backbone { get; init; }

    /// <summary>The solver layer; build it on <see cref="Solver"/> so that solver calls and time are counted.</summary>
    public required SolverLayer Layer { get; init; }

    /// <summary>The counting wrapper around the layer's solver.</summary>
    public required CountingSolver Solver { get; init; }

    /// <summary>The gradient method when it was built by <see cref="GradientMethods"/>: a loss-role method (fy, spo+) then
    /// replaces <see cref="Loss"/> during training. Null for a plain layer.</summary>
    public TrainingMethod? Method { get; init; }

    /// <summary>The loss on solutions: (predicted solutions, target solutions) -&gt; scalar. Used for evaluation always and
    /// for training unless <see cref="Method"/> is a loss-role method.</summary>
    public required Func<Tensor, Tensor, Tensor> Loss { get; init; }

    /// <summary>Training split.</summary>
    public required LabeledSplit Train { get; init; }

    /// <summary>Validation split (early stopping).</summary>
    public required LabeledSplit Validation { get; init; }

    /// <summary>Test split.</summary>
    public required LabeledSplit Test { get; init; }

    /// <summary>k for label corruption: each target entry flips with probability rho/k (for TSP, the number of cities).</summary>
    public int LabelCorruptionScale { get; init; } = 1;

    /// <summary>The model after the solver layer (a DVAE's decoder): maps the layer's solutions to the output that
    /// <see cref="Loss"/> compares with the targets. Trained with <see cref="Backbone"/> and saved in checkpoints. Null
    /// (default) when the loss compares the solutions themselves; with a head, evaluation reports the loss and cost norm
    /// but not the solution-matching metrics.</summary>
    public nn.Module<Tensor, Tensor>? Head { get; init; }

    /// <summary>A loss term on the costs alone (<c>[batch, *InstanceShape] -&gt; scalar</c>), added to the loss in training
    /// and evaluation: the DVAE's KL divergence of the latent marginals to uniform. Null for none.</summary>
    public Func<Tensor, Tensor>? CostPenalty { get; init; }

    /// <summary>Whether the layer is a sampler (perturb-and-MAP, paper eq. 17): its perturbation noise is part of the model,
    /// so the trainer keeps it on in every epoch (the margin-noise schedule does not switch it off) and evaluation draws
    /// samples, from a generator reseeded identically before every evaluation of a split, instead of solving without noise.</summary>
    public bool IsSampler { get; init; }

    /// <summary>With <see cref="IsSampler"/>: the layer samples in training only, and evaluation returns the noiseless
    /// MAP <c>y(w)</c> (the hard top-k of the scores in learning to explain, Suppl. 6.5) instead of drawing samples.</summary>
    public bool SamplesOnlyInTraining { get; init; }

    /// <summary>The trained parameters: the backbone's, then the head's.</summary>
    public IEnumerable<TorchSharp.Modules.Parameter> Parameters() =>
        Head is null ? Backbone.parameters() : Backbone.parameters().Concat(Head.parameters());

    /// <summary>What the loss compares with the targets: <see cref="Head"/> applied to the solutions, or the solutions.</summary>
    public Tensor Output(Tensor solutions) => Head is null ? solutions : Head.call(solutions);

    /// <summary>Problem-specific metrics of (predicted solutions, target solutions) on a whole split, added to the
    /// evaluator's (for example graph matching's matching accuracy); null for none.</summary>
    public Func<Tensor, Tensor, IReadOnlyDictionary<string, double>>? ExtraMetrics { get; init; }

    /// <summary>Chooses the training batches of each epoch instead of the trainer's shuffle into batches of
    /// <see cref="TrainerOptions.BatchSize"/>; null (default) for the shuffle.</summary>
    public IBatchSampler? TrainBatches { get; init; }

    /// <summary>Evaluates a whole split (validation or test) instead of <see cref="SplitEvaluator"/>, for problems whose quality
    /// is not a comparison of solutions with targets (retrieval: recall@K of the learned embedding over the split). Null
    /// (default) for <see cref="SplitEvaluator"/>.</summary>
    public Func<LabeledSplit, IReadOnlyDictionary<string, double>>? SplitMetrics { get; init; }

    /// <summary>The metric that selects the early-stopping epoch (a key of <see cref="SplitEvaluator"/>'s output).</summary>
    public string EarlyStoppingMetric { get; init; } = MetricNames.Loss;

    /// <summary>Disposes the modules and splits.</summary>
    public void Dispose()
    {
        Backbone.Dispose();
        Head?.Dispose();
        Layer.Dispose();
        Method?.Dispose();
        Train.Dispose();
        Validation.Dispose();
        Test.Dispose();
    }
}
