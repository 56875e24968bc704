namespace Combigrad.Data.Reviews;

/// <summary>What a token position is with respect to the target aspect.</summary>
public enum RationaleLabel : byte
{
    /// <summary>Padding, or a token of another aspect.</summary>
    Other = 0,

    /// <summary>An unrated token of the target aspect's sentences.</summary>
    TargetAspect = 1,

    /// <summary>A rated token of the target aspect's sentences: part of the true rationale of the target rating.</summary>
    Rationale = 2,
}
