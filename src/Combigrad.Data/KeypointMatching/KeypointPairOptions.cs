namespace Combigrad.Data.KeypointMatching;

/// <summary>
/// How <see cref="KeypointPairGenerator"/> builds an image pair: how many keypoints, outliers and occlusions, and the
/// range of the random affine warp. Defaults: 10 keypoints per image as in the keypoint-matching benchmarks of
/// Rolínek et al. (2020b), warps, outliers, occluders and photometric changes strong enough that an untrained network matches poorly.
/// </summary>
public sealed record KeypointPairOptions
{
    /// <summary>Keypoints sampled on the source image; each has a ground-truth partner in the target.</summary>
    public int KeypointCount { get; init; } = 10;

    /// <summary>Extra target keypoints at random places with no partner in the source (clutter).</summary>
    public int OutlierCount { get; init; } = 3;

    /// <summary>Target keypoints (with a partner) hidden under a square occluder of random colour.</summary>
    public int OccludedCount { get; init; } = 2;

    /// <summary>Side of an occluder square, in pixels.</summary>
    public int OccluderSize { get; init; } = 7;

    /// <summary>The rotation is uniform in +- this many degrees.</summary>
    public double MaxRotationDegrees { get; init; } = 45;

    /// <summary>Each axis is scaled by a factor uniform in [<see cref="MinScale"/>, <see cref="MaxScale"/>].</summary>
    public double MinScale { get; init; } = 0.8;

    /// <summary>See <see cref="MinScale"/>.</summary>
    public double MaxScale { get; init; } = 1.25;

    /// <summary>The shear factor is uniform in +- this.</summary>
    public double MaxShear { get; init; } = 0.2;

    /// <summary>Each translation component is uniform in +- this fraction of the image side.</summary>
    public double MaxTranslation { get; init; } = 0.1;

    /// <summary>Photometric change of the target: each channel's gain is uniform in 1 +- this.</summary>
    public double MaxContrastChange { get; init; } = 0.2;

    /// <summary>Photometric change of the target: each channel's offset is uniform in +- this fraction of 255.</summary>
    public double MaxBrightnessChange { get; init; } = 0.1;

    /// <summary>Standard deviation of Gaussian pixel noise added to the target, in grey levels (0..255).</summary>
    public double PixelNoise { get; init; } = 6;

    /// <summary>Keypoints (source and target) keep at least this many pixels from the image border.</summary>
    public double Margin { get; init; } = 4;

    /// <summary>Keypoints of one image are at least this many pixels apart.</summary>
    public double MinDistance { get; init; } = 5;

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the message names it.</exception>
    public void Validate()
    {
        Require(KeypointCount >= 3, nameof(KeypointCount), KeypointCount, ">= 3");
        Require(OutlierCount >= 0, nameof(OutlierCount), OutlierCount, ">= 0");
        Require(OccludedCount >= 0 && OccludedCount <= KeypointCount, nameof(OccludedCount), OccludedCount, $"in 0..{KeypointCount}");
        Require(OccluderSize >= 1, nameof(OccluderSize), OccluderSize, ">= 1");
        Require(MaxRotationDegrees is >= 0 and <= 180, nameof(MaxRotationDegrees), MaxRotationDegrees, "in [0, 180]");
        Require(MinScale > 0 && MinScale <= MaxScale && double.IsFinite(MaxScale), nameof(MinScale), MinScale, "> 0 and <= maxScale");
        Require(MaxShear is >= 0 and < 1, nameof(MaxShear), MaxShear, "in [0, 1)");
        Require(MaxTranslation is >= 0 and < 0.5, nameof(MaxTranslation), MaxTranslation, "in [0, 0.5)");
        Require(MaxContrastChange is >= 0 and < 1, nameof(MaxContrastChange), MaxContrastChange, "in [0, 1)");
        Require(MaxBrightnessChange is >= 0 and <= 1, nameof(MaxBrightnessChange), MaxBrightnessChange, "in [0, 1]");
        Require(PixelNoise >= 0 && double.IsFinite(PixelNoise), nameof(PixelNoise), PixelNoise, ">= 0");
        Require(Margin >= 0 && double.IsFinite(Margin), nameof(Margin), Margin, ">= 0");
        Require(MinDistance >= 0 && double.IsFinite(MinDistance), nameof(MinDistance), MinDistance, ">= 0");
    }

    private static void Require(bool condition, string name, object value, string expected)
    {
        if (!condition) throw new ArgumentOutOfRangeException(name, value, $"{name} = {value} must be {expected}.");
    }
}
