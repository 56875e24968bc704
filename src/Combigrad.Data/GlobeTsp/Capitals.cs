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

    /// <summary>Great-circle distance in kilometres (haversine on a sphere of radius 6371 km).</summary>
    public static double GreatCircleKilometres(City a, City b)
    {
        const double earthRadiusKm = 6371.0;
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(b.Latitude - a.Latitude);
        var dLon = Radians(b.Longitude - a.Longitude);
        var h = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(Radians(a.Latitude)) * Math.Cos(Radians(b.Latitude)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * earthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
