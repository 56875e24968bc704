using System.Text.Json;
using System.Text.Json.Nodes;

namespace Combigrad.Experiments.Reports;

/// <summary>
/// The options that runs were made with, read from their stored options JSON: what all of them share and which keys
/// vary between them; and how a stored run differs from the options a report asks for.
/// </summary>
public sealed class RunOptions
{
    private RunOptions(JsonObject shared, IReadOnlyDictionary<string, IReadOnlyList<string>> varying, int runCount)
    {
        Shared = shared;
        Varying = varying;
        RunCount = runCount;
    }

    /// <summary>The options every run has in common (nested JSON, as stored).</summary>
    public JsonObject Shared { get; }

    /// <summary>Keys (dot paths) whose value differs between runs, with their distinct values as JSON text.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Varying { get; }

    /// <summary>How many runs were compared.</summary>
    public int RunCount { get; }

    /// <summary>Compares the stored options JSON of <paramref name="optionsJson"/> (one per run).</summary>
    public static RunOptions Of(IReadOnlyList<string> optionsJson)
    {
        var flat = optionsJson.Select(Flatten).ToList();
        var keys = flat.SelectMany(f => f.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var shared = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var varying = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var values = flat.Select(f => f.TryGetValue(key, out var v) ? v : "(absent)").Distinct().ToList();
            if (values.Count == 1) shared[key] = values[0];
            else varying[key] = values;
        }
        return new RunOptions(Unflatten(shared), varying, optionsJson.Count);
    }

    /// <summary>The keys where <paramref name="stored"/> differs from <paramref name="requested"/>, except
    /// <paramref name="ignored"/> ones, as <c>key=stored value</c> (the <c>--set</c> that would select the stored run).</summary>
    public static IReadOnlyList<string> Differences(string stored, string requested, IReadOnlySet<string> ignored)
    {
        var a = Flatten(stored);
        var b = Flatten(requested);
        return [.. a.Keys.Union(b.Keys).Where(k => !ignored.Contains(k)).Order(StringComparer.Ordinal)
            .Where(k => !a.TryGetValue(k, out var x) || !b.TryGetValue(k, out var y) || x != y)
            .Select(k => $"{k}={(a.TryGetValue(k, out var v) ? v : "(absent)")}")];
    }

    /// <summary>The block a report prints: the shared options as JSON, then one line per varying key.</summary>
    public string Describe()
    {
        var text = Shared.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        if (Varying.Count == 0) return text;
        return text + Environment.NewLine + string.Join(Environment.NewLine,
            Varying.Select(v => $"varies between runs: {v.Key} = {string.Join(" | ", v.Value)}"));
    }

    /// <summary>Leaf values by dot path, as compact JSON text.</summary>
    public static SortedDictionary<string, string> Flatten(string json)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (JsonNode.Parse(json) is JsonObject root) Flatten(root, "", result);
        return result;
    }

    private static void Flatten(JsonObject node, string prefix, SortedDictionary<string, string> into)
    {
        foreach (var (name, value) in node)
        {
            if (value is JsonObject child) Flatten(child, prefix + name + ".", into);
            else into[prefix + name] = value?.ToJsonString() ?? "null";
        }
    }

    private static JsonObject Unflatten(SortedDictionary<string, string> flat)
    {
        var root = new JsonObject();
        foreach (var (key, value) in flat)
        {
            var parts = key.Split('.');
            var node = root;
            foreach (var part in parts[..^1])
            {
                if (node[part] is not JsonObject child) node[part] = child = new JsonObject();
                node = child;
            }
            node[parts[^1]] = JsonNode.Parse(value);
        }
        return root;
    }
}
