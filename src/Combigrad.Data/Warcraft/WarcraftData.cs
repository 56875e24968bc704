using System.Text.Encodings.Web;
using System.Text.Json;
using Combigrad.Data.Fetching;

namespace Combigrad.Data.Warcraft;

/// <summary>
/// Fetching, building and loading the Warcraft-style shortest-path data set in a <see cref="DataCache"/>:
/// <c>{cache}/warcraft/freeciv-data/</c> holds the unpacked tiles package, <c>{cache}/warcraft/k{k}-seed{seed}/</c>
/// the built splits (<c>train.bin</c>, <c>validation.bin</c>, <c>test.bin</c>, format in <see cref="WarcraftDataset"/>)
/// and their <c>manifest.json</c> (<see cref="WarcraftManifest"/>, with a SHA-256 per file).
/// </summary>
public static class WarcraftData
{
    /// <summary>The data set's folder name in the cache and its name on the command line.</summary>
    public const string DatasetName = "warcraft";

    /// <summary>The Debian package holding the freeciv tiles (GPL-2+).</summary>
    public const string TilesPackage = "freeciv-data";

    private const string ManifestFile = "manifest.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The splits in file order.</summary>
    public static readonly IReadOnlyList<WarcraftSplit> Splits = [WarcraftSplit.Train, WarcraftSplit.Validation, WarcraftSplit.Test];

    /// <summary>Fetches and unpacks the tiles package (once); returns its folder.</summary>
    /// <exception cref="DataUnavailableException">apt or dpkg is unavailable, or the download failed.</exception>
    public static string FetchTiles(DataCache cache, ICommandRunner? runner = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        return new DebianPackageFetcher(cache, runner).Fetch(DatasetName, TilesPackage);
    }

    /// <summary>Loads the tileset from the cache (it must have been fetched).</summary>
    /// <exception cref="FileNotFoundException">The tiles have not been fetched.</exception>
    public static FreecivTileset LoadTileset(DataCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var directory = new DebianPackageFetcher(cache).PackageDirectory(DatasetName, TilesPackage);
        if (!Directory.Exists(directory))
            throw new FileNotFoundException($"The freeciv tiles are not in {directory}: run 'combigrad data fetch warcraft'.", directory);
        return FreecivTileset.Load(directory);
    }

    /// <summary>The folder of the data set of size <paramref name="size"/> and seed <paramref name="seed"/>.</summary>
    public static string DatasetDirectory(DataCache cache, int size, long seed)
    {
        ArgumentNullException.ThrowIfNull(cache);
        return Path.Combine(cache.DatasetDirectory(DatasetName), $"k{size}-seed{seed}");
    }

    /// <summary>The file name of a split inside the data set folder.</summary>
    public static string FileName(WarcraftSplit split) => split.ToString().ToLowerInvariant() + ".bin";

    /// <summary>Reads the manifest of a built data set, or null when it has not been built.</summary>
    public static WarcraftManifest? ReadManifest(DataCache cache, int size, long seed)
    {
        var path = Path.Combine(DatasetDirectory(cache, size, seed), ManifestFile);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<WarcraftManifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Whether the data set of <paramref name="options"/> is built, with these counts and the current versions.</summary>
    public static bool IsBuilt(DataCache cache, WarcraftDatasetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var manifest = ReadManifest(cache, options.Size, options.Seed);
        if (manifest is null || manifest.FormatVersion != WarcraftDataset.FormatVersion
            || manifest.GeneratorVersion != WarcraftMapGenerator.Version || manifest.Files.Count != Splits.Count)
            return false;
        var directory = DatasetDirectory(cache, options.Size, options.Seed);
        return Splits.All(split => manifest.Files.Any(f => f.Split == SplitName(split) && f.Count == options.Count(split)
            && File.Exists(Path.Combine(directory, f.File))));
    }

    /// <summary>
    /// Fetches the tiles if needed, then generates, labels and writes the three splits and the manifest, unless they
    /// are already built with the same options.
    /// </summary>
    /// <returns>The manifest of the built data set.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="DataUnavailableException">The tiles cannot be fetched.</exception>
    public static WarcraftManifest Build(DataCache cache, WarcraftDatasetOptions options, ICommandRunner? runner = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        FetchTiles(cache, runner);
        _ = LoadTileset(cache); // the images of these maps must be renderable
        if (IsBuilt(cache, options)) return ReadManifest(cache, options.Size, options.Seed)!;

        var directory = DatasetDirectory(cache, options.Size, options.Seed);
        Directory.CreateDirectory(directory);
        var files = new List<WarcraftManifestFile>();
        foreach (var split in Splits)
        {
            var dataset = WarcraftDataset.Generate(options.Size, split, options.Seed, options.Count(split), cancellationToken);
            var path = Path.Combine(directory, FileName(split));
            dataset.Write(path);
            files.Add(new WarcraftManifestFile(SplitName(split), FileName(split), dataset.Count, Sha256(path)));
        }
        var package = new DebianPackageFetcher(cache).ReadManifest(DatasetName, TilesPackage);
        var manifest = new WarcraftManifest(options.Size, options.Seed, WarcraftDataset.FormatVersion, WarcraftMapGenerator.Version,
            package is null ? TilesPackage : $"{TilesPackage} {package.Version}", package?.Sha256, files);
        var manifestPath = Path.Combine(directory, ManifestFile);
        File.WriteAllText(manifestPath + ".tmp", JsonSerializer.Serialize(manifest, Json));
        File.Move(manifestPath + ".tmp", manifestPath, overwrite: true);
        return manifest;
    }

    /// <summary>Loads a built split, checking the file against the SHA-256 in the manifest.</summary>
    /// <exception cref="FileNotFoundException">The data set has not been built (message gives the command).</exception>
    /// <exception cref="InvalidDataException">The file does not match its manifest or is malformed.</exception>
    public static WarcraftDataset Load(DataCache cache, int size, long seed, WarcraftSplit split)
    {
        var manifest = ReadManifest(cache, size, seed)
            ?? throw new FileNotFoundException($"The Warcraft data for k = {size}, seed {seed} is not built: run 'combigrad data build warcraft -k {size}{(seed == 0 ? "" : $" --seed {seed}")}'.");
        var entry = manifest.Files.FirstOrDefault(f => f.Split == SplitName(split))
            ?? throw new InvalidDataException($"The manifest of k = {size}, seed {seed} lists no {SplitName(split)} split: rebuild it.");
        var path = Path.Combine(DatasetDirectory(cache, size, seed), entry.File);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path} is missing: run 'combigrad data build warcraft -k {size}'.", path);
        var actual = Sha256(path);
        if (actual != entry.Sha256)
            throw new InvalidDataException($"{path} has SHA-256 {actual}, its manifest says {entry.Sha256}: rebuild it.");
        return WarcraftDataset.Read(path);
    }

    private static string SplitName(WarcraftSplit split) => split.ToString().ToLowerInvariant();

    private static string Sha256(string path) => ArchiveExtraction.Sha256Hex(path);
}
