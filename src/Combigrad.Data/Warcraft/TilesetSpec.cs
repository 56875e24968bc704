using System.Globalization;

namespace Combigrad.Data.Warcraft;

/// <summary>One sprite of a freeciv tileset spec: its tag and its rectangle in the sheet.</summary>
internal readonly record struct SpriteRegion(string Tag, int X, int Y, int Width, int Height);

/// <summary>
/// A parsed freeciv <c>.spec</c> file (the tileset format of freeciv 3.0): the sheet it indexes (<c>[file] gfx</c>)
/// and, for each <c>[grid_*]</c> section, the tagged cells of its <c>tiles = { "row", "column", "tag" ... }</c> table.
/// A cell's rectangle is <c>x = x_top_left + column * (dx + pixel_border)</c>, likewise for y.
/// </summary>
internal sealed class TilesetSpec
{
    private TilesetSpec(string graphicsFile, IReadOnlyList<SpriteRegion> sprites)
    {
        GraphicsFile = graphicsFile;
        Sprites = sprites;
    }

    /// <summary>The sheet, relative to the freeciv data folder and without extension (e.g. <c>trident/tiles</c>).</summary>
    public string GraphicsFile { get; }

    /// <summary>Every tagged sprite, in file order; one cell may carry several tags.</summary>
    public IReadOnlyList<SpriteRegion> Sprites { get; }

    /// <summary>Parses the spec at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a spec this parser understands.</exception>
    public static TilesetSpec Parse(string path) => Parse(File.ReadAllLines(path), Path.GetFileName(path));

    /// <summary>Parses spec text given as lines; <paramref name="name"/> is used in error messages.</summary>
    public static TilesetSpec Parse(IReadOnlyList<string> lines, string name)
    {
        string? graphics = null;
        var sprites = new List<SpriteRegion>();
        var section = "";
        var grid = new Dictionary<string, int>(StringComparer.Ordinal);
        var inTable = false;
        var header = true;
        List<string>? record = null;

        foreach (var raw in lines)
        {
            var line = StripComment(raw).Trim();
            if (line.Length == 0) continue;
            if (inTable)
            {
                if (line.StartsWith('}'))
                {
                    Flush();
                    inTable = false;
                    continue;
                }
                if (header)
                {
                    header = false; // the "row", "column", "tag" line
                    continue;
                }
                record ??= [];
                record.AddRange(Tokens(line));
                if (!line.EndsWith(',')) Flush();
                continue;
            }
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                section = line[1..^1];
                grid.Clear();
                continue;
            }
            var equals = line.IndexOf('=');
            if (equals < 0) continue;
            var key = line[..equals].Trim();
            var value = line[(equals + 1)..].Trim();
            if (section == "file" && key == "gfx") graphics = Unquote(value);
            else if (section.StartsWith("grid_", StringComparison.Ordinal) && key == "tiles")
            {
                inTable = true;
                // The column names ("row", "column", "tag") usually follow the brace on the same line.
                header = !value.Contains("\"row\"", StringComparison.Ordinal);
                record = null;
            }
            else if (section.StartsWith("grid_", StringComparison.Ordinal) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
                grid[key] = number;
        }
        if (graphics is null) throw new InvalidDataException($"{name}: no [file] gfx entry.");
        return new TilesetSpec(graphics, sprites);

        void Flush()
        {
            if (record is null) return;
            var entry = record;
            record = null;
            if (entry.Count < 3
                || !int.TryParse(entry[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var row)
                || !int.TryParse(entry[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var column))
                throw new InvalidDataException($"{name}: [{section}] has a malformed tile entry '{string.Join(", ", entry)}'.");
            int Get(string key, int fallback) => grid.TryGetValue(key, out var v) ? v : fallback;
            if (!grid.TryGetValue("dx", out var dx) || !grid.TryGetValue("dy", out var dy))
                throw new InvalidDataException($"{name}: [{section}] lacks dx or dy.");
            var border = Get("pixel_border", 0);
            var x = Get("x_top_left", 0) + column * (dx + border);
            var y = Get("y_top_left", 0) + row * (dy + border);
            foreach (var tag in entry.Skip(2)) sprites.Add(new SpriteRegion(Unquote(tag), x, y, dx, dy));
        }
    }

    private static string StripComment(string line)
    {
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"') quoted = !quoted;
            else if (!quoted && line[i] == ';') return line[..i];
        }
        return line;
    }

    private static IEnumerable<string> Tokens(string line) =>
        line.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static string Unquote(string value) => value.Trim().Trim('"');
}
