using static TorchSharp.torch;

namespace Combigrad.Methods;

/// <summary>
/// What a training step knows besides the predicted costs, for methods that need it: the target solutions
/// <c>y*</c> (Fenchel–Young) and the true costs <c>c</c> (SPO+). Both have the shape of the predicted costs and are
/// in the same convention (costs, or scores with <see cref="Layers.ObjectiveSense.Maximize"/>).
/// </summary>
/// <param name="TargetSolution">y*, or null when unknown.</param>
/// <param name="TrueCosts">c, or null when unknown.</param>
public sealed record TrainingContext(Tensor? TargetSolution = null, Tensor? TrueCosts = null);
