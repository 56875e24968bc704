namespace Combigrad.Data.Warcraft;

/// <summary>A split of the Warcraft-style data set; the value is part of every map's seed.</summary>
public enum WarcraftSplit
{
    /// <summary>Training maps.</summary>
    Train = 0,

    /// <summary>Validation maps (early stopping).</summary>
    Validation = 1,

    /// <summary>Test maps.</summary>
    Test = 2,
}
