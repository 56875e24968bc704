using Combigrad.Experiments.Training;
using Combigrad.Layers;
using Combigrad.Methods;
using Combigrad.Projections;
using Combigrad.Solvers;

namespace Combigrad.Experiments.Catalog;

/// <summary>How experiment options choose and validate a gradient method and a projection, shared by every experiment.</summary>
public static class MethodSelection
{
    /// <summary>Validates the method name, its hyperparameters' seed rule, BB's lambda and the projection name; messages name the key.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public static void Validate(string method, GradientMethodOptions methodOptions, double blackboxLambda, string projection)
    {
        OptionGuard.Require(GradientMethods.Names.Contains(method), "method", method, $"one of {string.Join(", ", GradientMethods.Names)}");
        OptionGuard.Require(methodOptions.Seed == 0, "methodOptions.seed", methodOptions.Seed, "0 (set training.seed instead)");
        OptionGuard.Require(blackboxLambda > 0 && double.IsFinite(blackboxLambda), "blackboxLambda", blackboxLambda, "> 0");
        try
        {
            CostProjection.Parse(projection);
        }
        catch (ArgumentException)
        {
            OptionGuard.Require(false, "projection", projection, "one of none, plane, sphere, plane+sphere, auto");
        }
    }

    /// <summary>The solver layer of <paramref name="method"/> with the projection named by <paramref name="projection"/> and the
    /// margin noise of <paramref name="training"/>; <paramref name="zeroCostsArePadding"/> as in
    /// <see cref="SolverLayerOptions.ZeroCostsArePadding"/>.</summary>
    public static SolverLayer CreateLayer(TrainingMethod method, ISolver solver, string projection, TrainerOptions training,
        bool zeroCostsArePadding = false) =>
        method.CreateLayer(solver, new SolverLayerOptions
        {
            Projection = CostProjection.Parse(projection),
            NoiseMagnitude = training.NoiseMagnitude,
            NoiseSeed = (ulong)training.Seed,
            ZeroCostsArePadding = zeroCostsArePadding,
        });

    /// <summary>The perturb-and-MAP sampling layer of <paramref name="method"/> (paper eq. 17, Sec. 4.3): the input is a score
    /// to maximise (logits), perturbed in training by <paramref name="noise"/> before <paramref name="projection"/>. Methods
    /// with their own perturbation (imle, gumbel) drop <paramref name="noise"/> and the projection and sample with their
    /// own; ste drops the projection (<see cref="TrainingMethod.ConfigureLayerOptions"/>). The caller keeps ownership of
    /// <paramref name="noise"/>.</summary>
    public static SolverLayer CreateSamplerLayer(TrainingMethod method, ISolver solver, string projection, Noise.INoise noise) =>
        method.CreateLayer(solver, new SolverLayerOptions
        {
            Projection = CostProjection.Parse(projection),
            Sense = ObjectiveSense.Maximize,
            PerturbationNoise = noise,
        });

    /// <summary>Creates the method: BB takes <paramref name="blackboxLambda"/> unless methodOptions.lambda is set; the seed is the training seed.</summary>
    public static TrainingMethod Create(string method, GradientMethodOptions methodOptions, double blackboxLambda, int trainingSeed) =>
        GradientMethods.Create(method, methodOptions with
        {
            Lambda = method == "bb" ? methodOptions.Lambda ?? blackboxLambda : methodOptions.Lambda,
            Seed = (ulong)trainingSeed,
        });
}
