namespace Combigrad.Data.Warcraft;

/// <summary>
/// The freeciv "trident" tileset (30 x 30 px square top-down tiles), indexed by its own spec files: terrain from
/// <c>trident/tiles.spec</c> over <c>trident/tiles.png</c> and roads from <c>trident/roads.spec</c> over
/// <c>trident/roads.png</c>. The art is GPL-2+ (Debian package <c>freeciv-data</c>).
/// </summary>
public sealed class FreecivTileset
{
    /// <summary>The side of a tile, in pixels.</summary>
    public const int TileSize = 30;

    /// <summary>Where freeciv's data lives inside the extracted Debian package.</summary>
    public const string DataFolder = "usr/share/games/freeciv";

    /// <summary>The spec files read, relative to <see cref="DataFolder"/>.</summary>
    public static readonly IReadOnlyList<string> SpecFiles = ["trident/tiles.spec", "trident/roads.spec"];

    private readonly Dictionary<string, RgbaImage> _sprites;

    private FreecivTileset(Dictionary<string, RgbaImage> sprites) => _sprites = sprites;

    /// <summary>Every tag indexed (terrain, overlays, roads, and the rest of the sheets).</summary>
    public IReadOnlyCollection<string> Tags => _sprites.Keys;

    /// <summary>Loads the tileset from an extracted <c>freeciv-data</c> package (the folder holding <c>usr/</c>).</summary>
    /// <exception cref="FileNotFoundException">A spec file or sheet is missing (message says how to fetch it).</exception>
    /// <exception cref="InvalidDataException">A spec or sheet is malformed.</exception>
    public static FreecivTileset Load(string packageDirectory)
    {
        var data = Path.Combine(packageDirectory, DataFolder);
        var sprites = new Dictionary<string, RgbaImage>(StringComparer.Ordinal);
        foreach (var specFile in SpecFiles)
        {
            var specPath = Path.Combine(data, specFile);
            if (!File.Exists(specPath))
                throw new FileNotFoundException($"{specPath} is missing: run 'combigrad data fetch warcraft' (it unpacks the freeciv-data package).", specPath);
            var spec = TilesetSpec.Parse(specPath);
            var sheetPath = Path.Combine(data, spec.GraphicsFile + ".png");
            if (!File.Exists(sheetPath))
                throw new FileNotFoundException($"{sheetPath} is missing: run 'combigrad data fetch warcraft'.", sheetPath);
            var sheet = RgbaImage.DecodePng(sheetPath);
            foreach (var region in spec.Sprites)
            {
                // Later entries for a tag override earlier ones, as in freeciv.
                sprites[region.Tag] = sheet.Crop(region.X, region.Y, region.Width, region.Height);
            }
        }
        return new FreecivTileset(sprites);
    }

    /// <summary>Whether the tileset has a sprite for <paramref name="tag"/>.</summary>
    public bool Contains(string tag) => _sprites.ContainsKey(tag);

    /// <summary>The size of the sprite of <paramref name="tag"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such tag.</exception>
    public (int Width, int Height) SpriteSize(string tag)
    {
        var sprite = Sprite(tag);
        return (sprite.Width, sprite.Height);
    }

    /// <summary>The mean RGB colour of the opaque pixels of <paramref name="tag"/>'s sprite (for checks and legends).</summary>
    /// <exception cref="KeyNotFoundException">No such tag.</exception>
    public (double Red, double Green, double Blue) MeanColour(string tag)
    {
        var sprite = Sprite(tag);
        double r = 0, g = 0, b = 0, weight = 0;
        for (var i = 0; i < sprite.Pixels.Length; i += RgbaImage.Channels)
        {
            var alpha = sprite.Pixels[i + 3] / 255.0;
            r += sprite.Pixels[i] * alpha;
            g += sprite.Pixels[i + 1] * alpha;
            b += sprite.Pixels[i + 2] * alpha;
            weight += alpha;
        }
        return weight == 0 ? (0, 0, 0) : (r / weight, g / weight, b / weight);
    }

    internal RgbaImage Sprite(string tag) =>
        _sprites.TryGetValue(tag, out var sprite) ? sprite : throw new KeyNotFoundException($"The trident tileset has no sprite '{tag}'.");
}
