namespace Combigrad.Data.Warcraft;

/// <summary>A path to draw over a rendered map: a k² 0/1 cell indicator (row-major) and its colour.</summary>
/// <param name="Indicator">The path's cell indicator; entries above 0.5 count as on the path.</param>
/// <param name="Argb">The colour, 0xAARRGGBB.</param>
/// <param name="Width">The line width in output pixels.</param>
public sealed record PathOverlay(float[] Indicator, uint Argb, float Width = 3f)
{
    /// <summary>The colour of the true (optimal) path: opaque red.</summary>
    public const uint TrueColour = 0xFFE0161B;

    /// <summary>The colour of a predicted path: opaque cyan.</summary>
    public const uint PredictedColour = 0xFF19D3F0;
}
