using Combigrad.Data.Mnist;

namespace Combigrad.Experiments.Retrieval;

/// <summary>
/// Which classes the retrieval experiment trains and tests on. <c>all</c>: every class in every split (the usual
/// MNIST-style protocol). <c>disjoint</c>: train and validate on classes 0-4, test on classes 5-9, so that retrieval of classes
/// never seen in training is measured, as on CUB-200-2011 (the first 100 bird species for training, the other 100 for
/// testing; Rolínek et al. 2020a).
/// </summary>
public static class ClassSplit
{
    /// <summary>Every class everywhere.</summary>
    public const string All = "all";

    /// <summary>Training classes 0-4, test classes 5-9.</summary>
    public const string Disjoint = "disjoint";

    /// <summary>The valid names.</summary>
    public static readonly IReadOnlyList<string> Names = [All, Disjoint];

    private const int ClassCount = 10;
    private const int FirstTestClassWhenDisjoint = 5;

    /// <summary>The classes of the training and validation splits under <paramref name="split"/>.</summary>
    /// <exception cref="ArgumentException">An unknown split name.</exception>
    public static IReadOnlyList<byte> TrainingClasses(string split) => split switch
    {
        All => Classes(0, ClassCount),
        Disjoint => Classes(0, FirstTestClassWhenDisjoint),
        _ => throw Unknown(split),
    };

    /// <summary>The classes of the test split under <paramref name="split"/>.</summary>
    /// <exception cref="ArgumentException">An unknown split name.</exception>
    public static IReadOnlyList<byte> TestClasses(string split) => split switch
    {
        All => Classes(0, ClassCount),
        Disjoint => Classes(FirstTestClassWhenDisjoint, ClassCount),
        _ => throw Unknown(split),
    };

    /// <summary>The images of <paramref name="images"/> whose class is in <paramref name="classes"/>, the first
    /// <paramref name="count"/> of them (all when null), in their original order.</summary>
    /// <exception cref="ArgumentException">Fewer than <paramref name="count"/> images have one of the classes.</exception>
    public static MnistImages Select(MnistImages images, IReadOnlyCollection<byte> classes, int? count = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(classes);
        var chosen = Enumerable.Range(0, images.Count).Where(i => classes.Contains(images.Labels[i])).ToArray();
        if (count is { } wanted)
        {
            if (wanted > chosen.Length)
                throw new ArgumentException($"only {chosen.Length} images have a class in [{string.Join(", ", classes)}], {wanted} were asked for.");
            chosen = chosen[..wanted];
        }
        var pixels = new float[chosen.Length * MnistImages.PixelCount];
        for (var n = 0; n < chosen.Length; n++)
            images.Pixels.AsSpan(chosen[n] * MnistImages.PixelCount, MnistImages.PixelCount).CopyTo(pixels.AsSpan(n * MnistImages.PixelCount));
        return new MnistImages(pixels, chosen.Select(i => images.Labels[i]).ToArray());
    }

    private static byte[] Classes(int first, int end) => Enumerable.Range(first, end - first).Select(c => (byte)c).ToArray();

    private static ArgumentException Unknown(string split) => new($"unknown class split '{split}' (known: {string.Join(", ", Names)}).");
}
