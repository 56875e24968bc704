namespace Combigrad.Data.Mnist;

/// <summary>One split of an MNIST-style collection: grey values scaled to [0, 1] and the class labels.</summary>
public sealed class MnistImages
{
    /// <summary>The side of an image, in pixels.</summary>
    public const int Side = 28;

    /// <summary>Pixels per image (784).</summary>
    public const int PixelCount = Side * Side;

    /// <summary>Wraps pixels and labels (tests build small synthetic collections this way).</summary>
    /// <exception cref="ArgumentException">The pixel count is not <see cref="PixelCount"/> per label.</exception>
    public MnistImages(float[] pixels, byte[] labels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        if (pixels.Length != labels.Length * PixelCount)
            throw new ArgumentException($"{labels.Length} images need {labels.Length * PixelCount} pixels, got {pixels.Length}.", nameof(pixels));
        Pixels = pixels;
        Labels = labels;
    }

    /// <summary>The number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>Row-major pixels, <see cref="PixelCount"/> per image, each the grey value divided by 255 (0 = background).</summary>
    public float[] Pixels { get; }

    /// <summary>The class of each image (0 to 9).</summary>
    public byte[] Labels { get; }
}
