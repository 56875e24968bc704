using Combigrad.Data.Fetching;
using Combigrad.Data.Warcraft;

namespace Combigrad.Data.Tests;

/// <summary>
/// Fetches the real freeciv-data package once per test run into the default data cache (honouring
/// COMBIGRAD_DATA_DIR), with apt-get download and dpkg-deb: a few seconds the first time, nothing afterwards.
/// </summary>
public sealed class FreecivFixture
{
    public FreecivFixture()
    {
        Cache = new DataCache();
        PackageDirectory = WarcraftData.FetchTiles(Cache);
        Tileset = WarcraftData.LoadTileset(Cache);
        Renderer = new WarcraftMapRenderer(Tileset);
    }

    public DataCache Cache { get; }

    public string PackageDirectory { get; }

    public FreecivTileset Tileset { get; }

    public WarcraftMapRenderer Renderer { get; }
}

[CollectionDefinition(Name)]
public sealed class FreecivCollection : ICollectionFixture<FreecivFixture>
{
    public const string Name = "freeciv";
}
