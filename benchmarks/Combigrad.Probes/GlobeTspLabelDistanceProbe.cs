using Combigrad.Data.Fetching;
using Combigrad.Data.GlobeTsp;
using Combigrad.Solvers;

namespace Combigrad.Probes;

/// <summary>
/// How often does the optimal tour under great-circle distance between the true capitals differ from the optimal tour
/// under the chord distance between their points on the unit sphere (the distance the Globe TSP network computes)? Each
/// difference is an example that a network predicting the true capitals gets wrong when labels use great-circle distance.
/// Reads the experiment's countries from the data cache (fetched on first use) and draws the test splits of data seed 0.
/// </summary>
internal static class GlobeTspLabelDistanceProbe
{
    private const int Examples = 1_000;

    public static void Run()
    {
        var cache = new DataCache(null);
        var (flags, cities) = GlobeTspSources.Fetch(cache);
        var world = GlobeTspWorld.Load(flags, cities);
        foreach (var k in new[] { 5, 10, 20 })
        {
            var split = GlobeTspSplit.Generate(world, k, Examples, GlobeTspSplitCache.Seeds(0).Test);
            var chord = Tours(split, k, (a, b) => world.Distances[a, b]);
            var greatCircle = Tours(split, k, (a, b) => GreatCircleRadians(world.Capitals[a], world.Capitals[b]));
            var differing = Enumerable.Range(0, Examples).Count(n => !chord.AsSpan(n * k * k, k * k).SequenceEqual(greatCircle.AsSpan(n * k * k, k * k)));
            Console.WriteLine($"k={k}: great-circle-optimal tour differs from the chord-optimal tour in {differing} of {Examples} test examples ({100.0 * differing / Examples:F1} %)");
        }
    }

    private static float[] Tours(GlobeTspSplit split, int k, Func<int, int, double> distance)
    {
        var costs = new float[Examples * k * k];
        for (var n = 0; n < Examples; n++)
            for (var a = 0; a < k; a++)
                for (var b = 0; b < k; b++)
                    costs[(n * k + a) * k + b] = (float)distance(split.Countries[n * k + a], split.Countries[n * k + b]);
        var tours = new float[costs.Length];
        new TspSolver(k).SolveBatch(costs, tours);
        return tours;
    }

    /// <summary>Central angle between two capitals (haversine), proportional to the great-circle distance.</summary>
    private static double GreatCircleRadians(City a, City b)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(b.Latitude - a.Latitude);
        var dLon = Radians(b.Longitude - a.Longitude);
        var h = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(Radians(a.Latitude)) * Math.Cos(Radians(b.Latitude)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
