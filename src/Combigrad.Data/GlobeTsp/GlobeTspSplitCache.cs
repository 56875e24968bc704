using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Combigrad.Data.Fetching;

namespace Combigrad.Data.GlobeTsp;

/// <summary>
/// TSP(k) splits cached on disk in <c>&lt;data cache&gt;/globe-tsp/splits/</c>. A split is named by k, its size, its
/// seed and a fingerprint of the capitals it was drawn from (so a different country list can never reuse it); next to
/// each file a <c>.sha256</c> records its content hash, checked on every load. A missing, truncated or altered file is
/// rebuilt from the seed, which gives the same bytes.
/// </summary>
public static class GlobeTspSplitCache
{
    private const string Folder = "splits";
    private const string HashSuffix = ".sha256";
    private const int ValidationSeedOffset = 500_009;
    private const int TestSeedOffset = 1_000_003;
    private const string LabelDistance = "unit-sphere-chord;";

    /// <summary>The seeds of the train, validation and test draws of a data seed (disjoint streams).</summary>
    public static (int Train, int Validation, int Test) Seeds(int dataSeed) =>
        (dataSeed, dataSeed + ValidationSeedOffset, dataSeed + TestSeedOffset);

    /// <summary>The split file for these parameters (it may not exist yet).</summary>
    public static string PathOf(DataCache cache, GlobeTspWorld world, int k, int count, int seed) =>
        Path.Combine(cache.DatasetDirectory(GlobeTspSources.Dataset), Folder,
            string.Create(CultureInfo.InvariantCulture, $"tsp{k}-n{count}-seed{seed}-{Fingerprint(world)[..12]}.bin"));

    /// <summary>Loads the cached split when its recorded hash matches; otherwise generates it (exact TSP labels) and caches it.</summary>
    /// <param name="cache">The data cache.</param>
    /// <param name="world">The countries the k-subsets are drawn from.</param>
    /// <param name="k">Cities per example.</param>
    /// <param name="count">Examples.</param>
    /// <param name="seed">The draw's seed.</param>
    /// <returns>The split, its file and content hash, and whether it was generated now rather than read from the cache.</returns>
    public static CachedSplit GetOrBuild(DataCache cache, GlobeTspWorld world, int k, int count, int seed)
    {
        var path = PathOf(cache, world, k, count, seed);
        var hashPath = path + HashSuffix;
        if (File.Exists(path) && File.Exists(hashPath))
        {
            try
            {
                var recorded = File.ReadAllText(hashPath).Trim();
                var split = GlobeTspSplit.Load(path, recorded);
                if (split.K == k && split.Count == count) return new CachedSplit(split, path, recorded, Built: false);
            }
            catch (InvalidDataException)
            {
                // Altered or truncated: fall through and rebuild it from the seed.
            }
        }
        var generated = GlobeTspSplit.Generate(world, k, count, seed);
        var hash = generated.Save(path);
        var temporary = hashPath + ".tmp";
        File.WriteAllText(temporary, hash + "\n");
        File.Move(temporary, hashPath, overwrite: true);
        return new CachedSplit(generated, path, hash, Built: true);
    }

    /// <summary>A split as the cache holds it.</summary>
    /// <param name="Split">The examples and labels.</param>
    /// <param name="Path">Its file.</param>
    /// <param name="Sha256">The file's SHA-256 (hex), as recorded beside it.</param>
    /// <param name="Built">True when it was generated now, false when it was read from the cache.</param>
    public sealed record CachedSplit(GlobeTspSplit Split, string Path, string Sha256, bool Built);

    /// <summary>
    /// SHA-256 (hex) of the label distance and the country codes and capital coordinates in order: what the labels
    /// depend on. Splits labelled under another distance (earlier versions used great-circle distance) get another name.
    /// </summary>
    public static string Fingerprint(GlobeTspWorld world)
    {
        var text = new StringBuilder(LabelDistance);
        foreach (var capital in world.Capitals)
            text.Append(CultureInfo.InvariantCulture, $"{capital.Country},{capital.Longitude:R},{capital.Latitude:R};");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
