using System.Text.Json;
using System.Text.Json.Nodes;

namespace Combigrad.Experiments.Sweeps;

/// <summary>
/// A preset file in <c>configs/</c>: one paper table or figure. It names the experiment, overrides its options,
/// lists the sweep grid (option key -&gt; values), the number of seeds, and what the report shows, including the
/// paper's own numbers to print beside ours.
/// </summary>
public sealed class Preset
{
    /// <summary>The experiment name.</summary>
    public required string Experiment { get; init; }

    /// <summary>What the preset reproduces.</summary>
    public string Description { get; init; } = "";

    /// <summary>Option overrides (same shape as the experiment's options JSON).</summary>
    public JsonObject Options { get; init; } = [];

    /// <summary>The sweep grid: option key (dot path) to the values it takes.</summary>
    public Dictionary<string, JsonArray> Sweep { get; init; } = [];

    /// <summary>Rows that are not a Cartesian product (Table 6: "P none, alpha 0", "P sphere, alpha 0", "P none, alpha 0.2";
    /// or BB without projection beside Identity with one): each variant sets several keys at once, and the grid is
    /// crossed with the list of variants. Empty = no variant axis.</summary>
    public List<Dictionary<string, JsonNode>> Variants { get; init; } = [];

    /// <summary>Seeds per grid point: <c>training.seed</c> takes 0..Seeds-1.</summary>
    public int Seeds { get; init; } = 1;

    /// <summary>What one run needs from a cluster scheduler (time, cores, memory) for <c>sweep --slurm</c>; empty = the
    /// partition's defaults.</summary>
    public RunResources Resources { get; init; } = new();

    /// <summary>The report's table and figures.</summary>
    public ReportSpec Report { get; init; } = new();

    /// <summary>The file the preset was read from.</summary>
    public string SourcePath { get; private set; } = "";

    /// <summary>Reads a preset.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="ArgumentException">The file is not a valid preset; the message says why.</exception>
    public static Preset Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"no preset at {path} (presets live in configs/)", path);
        Preset? preset;
        try
        {
            preset = JsonSerializer.Deserialize<Preset>(File.ReadAllText(path), PresetJson);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"{path}: not a valid preset: {e.Message}");
        }
        if (preset is null) throw new ArgumentException($"{path}: empty preset");
        if (preset.Seeds < 1) throw new ArgumentException($"{path}: seeds must be >= 1");
        preset.Resources.Validate($"{path}: resources");
        preset.SourcePath = Path.GetFullPath(path);
        return preset;
    }

    private static readonly JsonSerializerOptions PresetJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };
}
