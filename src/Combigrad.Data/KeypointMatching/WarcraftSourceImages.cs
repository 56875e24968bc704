using Combigrad.Data.Fetching;
using Combigrad.Data.Warcraft;

namespace Combigrad.Data.KeypointMatching;

/// <summary>
/// Source images for keypoint matching: Warcraft-style terrain maps (<see cref="WarcraftMapGenerator"/>) rendered with
/// the freeciv tiles (<see cref="WarcraftMapRenderer"/>), a k x k map giving an <c>8k x 8k</c> image. Both steps are
/// deterministic, so an image is a function of (k, seed) and nothing needs caching beyond the tiles package.
/// </summary>
public sealed class WarcraftSourceImages
{
    private readonly WarcraftMapRenderer _renderer;

    /// <summary>Uses a renderer over an already loaded tileset.</summary>
    public WarcraftSourceImages(WarcraftMapRenderer renderer, int mapSize)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        new WarcraftDatasetOptions { Size = mapSize }.Validate();
        _renderer = renderer;
        MapSize = mapSize;
    }

    /// <summary>Fetches the tiles package into <paramref name="cache"/> if needed (Debian freeciv-data) and loads it.</summary>
    /// <exception cref="DataUnavailableException">The tiles cannot be fetched.</exception>
    public static WarcraftSourceImages Load(DataCache cache, int mapSize)
    {
        ArgumentNullException.ThrowIfNull(cache);
        WarcraftData.FetchTiles(cache);
        return new WarcraftSourceImages(new WarcraftMapRenderer(WarcraftData.LoadTileset(cache)), mapSize);
    }

    /// <summary>k: cells per map side.</summary>
    public int MapSize { get; }

    /// <summary>The image side in pixels, <c>8k</c>.</summary>
    public int Side => WarcraftMapRenderer.ImageSide(MapSize);

    /// <summary>The image of the map generated from <paramref name="seed"/>, channel-major <c>[3, Side, Side]</c>.</summary>
    public byte[] Render(ulong seed)
    {
        var interleaved = _renderer.Render(WarcraftMapGenerator.Generate(MapSize, seed));
        var plane = Side * Side;
        var image = new byte[interleaved.Length];
        for (var pixel = 0; pixel < plane; pixel++)
            for (var c = 0; c < KeypointPair.Channels; c++)
                image[c * plane + pixel] = interleaved[pixel * KeypointPair.Channels + c];
        return image;
    }
}
