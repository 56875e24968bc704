namespace Combigrad.Data.GlobeTsp;

/// <summary>
/// The experiment's countries with their capitals and flag images, and the chord distances between the capitals' points
/// on the unit sphere (the distances the network computes, so the true capitals reproduce every label).
/// </summary>
public sealed class GlobeTspWorld
{
    /// <summary>Wraps countries and their flags (<c>[count, 3, height, width]</c>, row-major).</summary>
    /// <exception cref="ArgumentException">The flag array does not match the countries and size.</exception>
    public GlobeTspWorld(IReadOnlyList<City> capitals, float[] flags, int flagHeight, int flagWidth)
    {
        if (flags.Length != capitals.Count * 3 * flagHeight * flagWidth)
            throw new ArgumentException($"expected {capitals.Count} flags of 3 x {flagHeight} x {flagWidth}, got {flags.Length} values.");
        Capitals = capitals;
        Flags = flags;
        FlagHeight = flagHeight;
        FlagWidth = flagWidth;
        Distances = new double[capitals.Count, capitals.Count];
        for (var i = 0; i < capitals.Count; i++)
            for (var j = 0; j < capitals.Count; j++)
                Distances[i, j] = GlobeTsp.Capitals.UnitSphereChord(capitals[i], capitals[j]);
    }

    /// <summary>The chosen capitals, in ISO order; index i is country i.</summary>
    public IReadOnlyList<City> Capitals { get; }

    /// <summary>Flag images, <c>[count, 3, height, width]</c>, RGB in [0, 1].</summary>
    public float[] Flags { get; }

    /// <summary>Flag height in pixels.</summary>
    public int FlagHeight { get; }

    /// <summary>Flag width in pixels.</summary>
    public int FlagWidth { get; }

    /// <summary>Chord distances between the capitals' points on the unit sphere (<see cref="GlobeTsp.Capitals.UnitSphereChord"/>).</summary>
    public double[,] Distances { get; }

    /// <summary>Reads the fetched packages: capitals from cities.pbf, flags from the PNG folder; chooses the countries.</summary>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    public static GlobeTspWorld Load(string flagDirectory, string citiesPbf, int count = GlobeTsp.Capitals.CountryCount,
        int flagWidth = FlagImages.DefaultWidth, int flagHeight = FlagImages.DefaultHeight)
    {
        if (!File.Exists(citiesPbf)) throw new FileNotFoundException($"no cities.pbf at {citiesPbf}; run 'combigrad data fetch globe-tsp'.", citiesPbf);
        if (!Directory.Exists(flagDirectory)) throw new FileNotFoundException($"no flag folder at {flagDirectory}; run 'combigrad data fetch globe-tsp'.", flagDirectory);
        var capitals = GlobeTsp.Capitals.ByCountry(CitiesPbfReader.Read(File.ReadAllBytes(citiesPbf)));
        var flagCountries = Directory.GetFiles(flagDirectory, "*.png").Select(f => Path.GetFileNameWithoutExtension(f)).Where(n => n.Length == 2);
        var chosen = GlobeTsp.Capitals.Choose(capitals, flagCountries, count);
        var flags = chosen.SelectMany(c => FlagImages.Load(Path.Combine(flagDirectory, c.Country.ToLowerInvariant() + ".png"), flagWidth, flagHeight)).ToArray();
        return new GlobeTspWorld(chosen, flags, flagHeight, flagWidth);
    }
}
