namespace Combigrad.Methods;

/// <summary>How a <see cref="TrainingMethod"/> enters training.</summary>
public enum MethodRole
{
    /// <summary>A gradient replacement inside a <see cref="Layers.SolverLayer"/>: any loss on the layer's solutions trains through it.</summary>
    SolverLayer,

    /// <summary>A loss on the predicted costs that replaces the loss on solutions (Fenchel–Young, SPO+); the layer only predicts.</summary>
    Loss,
}
