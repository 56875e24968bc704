using Combigrad.Layers;
using Combigrad.Losses;
using Combigrad.Projections;
using Combigrad.Solvers;
using TorchSharp;
using static TorchSharp.torch;

namespace Combigrad.Methods;

/// <summary>
/// A method chosen by name (<see cref="GradientMethods.Create"/>), packaged so that one training loop can run every
/// method: it builds the <see cref="SolverLayer"/> that predicts and computes the training loss of a step.
/// </summary>
/// <remarks>
/// <para>Two roles (<see cref="Role"/>):</para>
/// <list type="bullet">
/// <item><see cref="MethodRole.SolverLayer"/> (identity, bb, imle, dpo, ste, gumbel): the training loss is the caller's
/// loss on the layer's solutions, <c>lossOnSolutions(layer(costs))</c>; the method only changes the layer's backward pass.</item>
/// <item><see cref="MethodRole.Loss"/> (fy, spo+): the method <em>is</em> the training loss, a function of the predicted
/// costs and the <see cref="TrainingContext"/> (fy needs <c>TargetSolution</c>; spo+ needs <c>TrueCosts</c> and uses
/// <c>TargetSolution</c> when given); the caller's loss on solutions is not used in training.</item>
/// </list>
/// <para>In both roles the layer from <see cref="CreateLayer"/> predicts in evaluation mode (exact <c>y(w)</c>), so
/// metrics are computed the same way for every method.</para>
/// <example>
/// <code>
/// using var method = GradientMethods.Create("fy", new GradientMethodOptions { Epsilon = 0.5, Samples = 8 });
/// using var layer = method.CreateLayer(new GridShortestPathSolver(5), new SolverLayerOptions { NoiseMagnitude = 0.2 });
/// var hamming = new HammingLoss();
/// var loss = method.Loss(layer, costs, new TrainingContext(TargetSolution: truePaths, TrueCosts: trueCosts),
///     paths =&gt; hamming.call(paths, truePaths));
/// loss.backward();
/// </code>
/// </example>
/// </remarks>
public sealed class TrainingMethod : IDisposable
{
    private readonly Func<ISolver, ObjectiveSense, nn.Module>? _createLoss;
    private readonly bool _ownPerturbation;
    private readonly bool _noProjection;
    private nn.Module? _loss;
    private SolverLayer? _lossLayer;
    private ulong? _lossSeed;

    internal TrainingMethod(string name, IGradientMethod layerMethod, bool ownPerturbation, bool noProjection,
        Func<ISolver, ObjectiveSense, nn.Module>? createLoss = null, bool requiresTrueCosts = false, bool requiresTargetSolution = false)
    {
        Name = name;
        LayerMethod = layerMethod;
        _ownPerturbation = ownPerturbation;
        _noProjection = noProjection;
        _createLoss = createLoss;
        RequiresTrueCosts = requiresTrueCosts;
        RequiresTargetSolution = requiresTargetSolution;
    }

    /// <summary>The name the method was created with (one of <see cref="GradientMethods.Names"/>).</summary>
    public string Name { get; }

    /// <summary>Whether the method is a layer gradient or a loss.</summary>
    public MethodRole Role => _createLoss is null ? MethodRole.SolverLayer : MethodRole.Loss;

    /// <summary>The gradient method of the layer (for <see cref="MethodRole.Loss"/>, the one that predicts: dpo for fy, identity for spo+).</summary>
    public IGradientMethod LayerMethod { get; }

    /// <summary>Whether <see cref="Loss"/> needs <see cref="TrainingContext.TrueCosts"/> (spo+).</summary>
    public bool RequiresTrueCosts { get; }

    /// <summary>Whether <see cref="Loss"/> needs <see cref="TrainingContext.TargetSolution"/> (fy).</summary>
    public bool RequiresTargetSolution { get; }

    /// <summary>Restarts the random streams of the method's loss (Fenchel–Young) from <paramref name="seed"/>; the layer's
    /// own streams are restarted by <see cref="SolverLayer.Reseed"/>.</summary>
    public void Reseed(ulong seed)
    {
        _lossSeed = seed;
        (_loss as Noise.IReseedable)?.Reseed(seed);
    }

    /// <summary>
    /// The layer options this method trains with, derived from <paramref name="options"/>: unchanged for identity, bb and
    /// spo+; <see cref="CostProjection.None"/> for ste (the straight-through baseline has no projection, paper Sec. 7);
    /// no projection and no margin noise for imle, dpo, fy and gumbel, whose own perturbation is scaled against the raw costs.
    /// </summary>
    public SolverLayerOptions ConfigureLayerOptions(SolverLayerOptions? options = null)
    {
        options ??= new SolverLayerOptions();
        if (_ownPerturbation) options = options with { NoiseMagnitude = 0, PerturbationNoise = null };
        if (_noProjection) options = options with { Projection = CostProjection.None };
        return options;
    }

    /// <summary>A layer over <paramref name="solver"/> with <see cref="LayerMethod"/> and <see cref="ConfigureLayerOptions"/>.</summary>
    public SolverLayer CreateLayer(ISolver solver, SolverLayerOptions? options = null, string name = nameof(SolverLayer)) =>
        new(solver, LayerMethod, ConfigureLayerOptions(options), name);

    /// <summary>The training loss of one step.</summary>
    /// <param name="layer">The layer from <see cref="CreateLayer"/> (its solver and sense are used by loss methods).</param>
    /// <param name="costs">The predicted costs (or scores), shape <c>[..., *InstanceShape]</c>.</param>
    /// <param name="context">Target solutions and/or true costs; required by fy and spo+.</param>
    /// <param name="lossOnSolutions">The loss on the layer's solutions; required for <see cref="MethodRole.SolverLayer"/>, not used by <see cref="MethodRole.Loss"/>.</param>
    /// <exception cref="ArgumentException">A required input is missing; the message names it.</exception>
    public Tensor Loss(SolverLayer layer, Tensor costs, TrainingContext? context, Func<Tensor, Tensor>? lossOnSolutions)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(costs);
        if (_createLoss is null)
        {
            if (lossOnSolutions is null)
                throw new ArgumentException($"Method '{Name}' is a solver-layer gradient: pass the loss on the layer's solutions (lossOnSolutions).", nameof(lossOnSolutions));
            return lossOnSolutions(layer.call(costs));
        }
        if (RequiresTargetSolution && context?.TargetSolution is null)
            throw new ArgumentException($"Method '{Name}' needs the target solutions: pass a TrainingContext with TargetSolution.", nameof(context));
        if (RequiresTrueCosts && context?.TrueCosts is null)
            throw new ArgumentException($"Method '{Name}' needs the true costs: pass a TrainingContext with TrueCosts.", nameof(context));
        var loss = LossFor(layer);
        return loss switch
        {
            FenchelYoungLoss fy => fy.call(costs, context!.TargetSolution!),
            SpoPlusLoss spo => spo.Compute(costs, context!.TrueCosts!, context.TargetSolution),
            _ => throw new InvalidOperationException($"Method '{Name}' has an unexpected loss module {loss.GetType().Name}."),
        };
    }

    private nn.Module LossFor(SolverLayer layer)
    {
        if (!ReferenceEquals(layer, _lossLayer))
        {
            _loss?.Dispose();
            _loss = _createLoss!(layer.Solver, layer.Sense);
            if (_lossSeed is { } seed) (_loss as Noise.IReseedable)?.Reseed(seed);
            _lossLayer = layer;
        }
        return _loss!;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _loss?.Dispose();
        (LayerMethod as IDisposable)?.Dispose();
    }
}
