namespace Combigrad.Data.GlobeTsp;

/// <summary>Capital cities by country, and the rule that picks the experiment's countries.</summary>
public static class Capitals
{
    /// <summary>The number of countries of the Globe TSP experiment (paper Sec. 4.1).</summary>
    public const int CountryCount = 100;

    /// <summary>One capital per country: the <c>PPLC</c> record (the most populous one if a country has several).</summary>
    public static IReadOnlyDictionary<string, City> ByCountry(IEnumerable<City> cities) =>
        cities.Where(c => c.FeatureCode == City.CapitalFeatureCode && c.Country.Length == 2)
            .GroupBy(c => c.Country, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.Population).ThenBy(c => c.CityId).First(), StringComparer.Ordinal);

    /// <summary>
    /// The experiment's countries: among those with both a flag and a capital, the <paramref name="count"/> whose capitals
    /// have the largest population, ties broken by ISO code; returned in ISO code order. The rule is deterministic and
    /// favours sovereign states over small territories.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than <paramref name="count"/> countries have both.</exception>
    public static IReadOnlyList<City> Choose(IReadOnlyDictionary<string, City> capitals, IEnumerable<string> flagCountries, int count = CountryCount)
    {
        var joined = flagCountries.Select(c => c.ToUpperInvariant()).Distinct().Where(capitals.ContainsKey).Select(c => capitals[c]).ToList();
        if (joined.Count < count)
            throw new ArgumentException($"only {joined.Count} countries have both a flag and a capital; {count} are needed.");
        return [.. joined.OrderByDescending(c => c.Population).ThenBy(c => c.Country, StringComparer.Ordinal).Take(count)
            .OrderBy(c => c.Country, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Straight-line (chord) distance between the capitals' points on the unit sphere, <c>2 sin(theta / 2)</c> for the
    /// central angle theta: the distance the network computes between its predicted points (appendix 6.1), so the true
    /// capitals reproduce every label. Great-circle distance orders single edges the same way but not tours: on this
    /// experiment's test draws the chord-optimal tour differs from the great-circle-optimal one in 20-27 % of examples.
    /// </summary>
    public static double UnitSphereChord(City a, City b)
    {
        var (ax, ay, az) = UnitVector(a);
        var (bx, by, bz) = UnitVector(b);
        var (dx, dy, dz) = (ax - bx, ay - by, az - bz);
        return Math.Sqrt(dx * dx + dy * dy + dz * dz);
    }

    /// <summary>The capital's point on the unit sphere (x towards longitude 0 on the equator, z towards the north pole).</summary>
    public static (double X, double Y, double Z) UnitVector(City city)
    {
        var latitude = city.Latitude * Math.PI / 180;
        var longitude = city.Longitude * Math.PI / 180;
        return (Math.Cos(latitude) * Math.Cos(longitude), Math.Cos(latitude) * Math.Sin(longitude), Math.Sin(latitude));
    }
}
