using System.Text.Json;
using System.Text.Json.Nodes;
using Combigrad.Experiments.Catalog;
using Combigrad.Experiments.Training;

namespace Combigrad.Experiments.Options;

/// <summary>
/// Turns an experiment's defaults, a preset's <c>options</c> object and <c>--set key=value</c> overrides into a
/// validated options record. Keys are camelCase JSON paths with dots (<c>training.epochs</c>); an unknown key or a
/// value of the wrong type is a one-line <see cref="ArgumentException"/> naming the key.
/// </summary>
public static class OptionsBinder
{
    /// <summary>The JSON settings used for options everywhere (presets, database, checkpoints).</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        WriteIndented = false,
    };

    /// <summary>The defaults of <paramref name="experiment"/> as a JSON object.</summary>
    public static JsonObject Defaults(IExperiment experiment) =>
        JsonSerializer.SerializeToNode(experiment.DefaultOptions, experiment.OptionsType, Json)!.AsObject();

    /// <summary>Binds and validates options.</summary>
    /// <exception cref="ArgumentException">An unknown key, a bad value, or a value out of range.</exception>
    public static IExperimentOptions Bind(IExperiment experiment, JsonObject? preset, IEnumerable<string> overrides)
    {
        var merged = Defaults(experiment);
        if (preset is not null) Overlay(merged, preset, prefix: "");
        foreach (var assignment in overrides) Set(merged, assignment);
        IExperimentOptions options;
        try
        {
            options = (IExperimentOptions)merged.Deserialize(experiment.OptionsType, Json)!;
        }
        catch (JsonException e)
        {
            throw WrongType(experiment.OptionsType, merged, JsonPathToKey(e.Path), e);
        }
        options.Validate();
        return options;
    }

    /// <summary>Serializes options canonically (camelCase, defaults included) for the database and run keys, except
    /// <c>training.device</c> when it is the default <c>cpu</c>: the device says where a run computes, and leaving the
    /// default out keeps the run keys (and so the results and checkpoints) of runs made before the option existed. Any
    /// other device is written, so a CUDA run has its own key and its device is recorded.</summary>
    public static string Serialize(IExperiment experiment, IExperimentOptions options)
    {
        var json = JsonSerializer.SerializeToNode(options, experiment.OptionsType, Json)!.AsObject();
        if (json["training"] is JsonObject training && training["device"]?.GetValue<string>() == TrainingDevice.Cpu) training.Remove("device");
        return json.ToJsonString(Json);
    }

    /// <summary>Applies one <c>key=value</c> assignment; the value is parsed as JSON, or taken as a string when it is not JSON.</summary>
    /// <exception cref="ArgumentException">No '=' or an unknown key.</exception>
    public static void Set(JsonObject target, string assignment)
    {
        var equals = assignment.IndexOf('=');
        if (equals <= 0) throw new ArgumentException($"--set expects key=value, got '{assignment}'.");
        var key = assignment[..equals].Trim();
        var text = assignment[(equals + 1)..].Trim();
        JsonNode? value;
        try
        {
            value = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            value = JsonValue.Create(text);
        }
        var (parent, name) = Resolve(target, key);
        parent[name] = value;
    }

    private static void Overlay(JsonObject target, JsonObject source, string prefix)
    {
        foreach (var (name, value) in source)
        {
            var key = prefix + name;
            if (!target.ContainsKey(name)) throw UnknownKey(key, target, prefix);
            if (value is JsonObject child && target[name] is JsonObject targetChild) Overlay(targetChild, child, key + ".");
            else target[name] = value?.DeepClone();
        }
    }

    private static (JsonObject Parent, string Name) Resolve(JsonObject root, string key)
    {
        var parts = key.Split('.');
        var node = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (node[parts[i]] is not JsonObject child) throw UnknownKey(key, node, string.Join('.', parts[..i]) + (i > 0 ? "." : ""));
            node = child;
        }
        if (!node.ContainsKey(parts[^1])) throw UnknownKey(key, node, string.Join('.', parts[..^1]) + (parts.Length > 1 ? "." : ""));
        return (node, parts[^1]);
    }

    private static ArgumentException UnknownKey(string key, JsonObject scope, string prefix) =>
        new($"unknown option '{key}' (known here: {string.Join(", ", scope.Select(p => prefix + p.Key))}).");

    private static string JsonPathToKey(string? path) => (path ?? "?").TrimStart('$', '.');

    /// <summary>"option 'training.epochs' must be an integer, got "two"": the key, the expected type (from the options
    /// record's property) and the value given.</summary>
    private static ArgumentException WrongType(Type optionsType, JsonObject merged, string key, JsonException cause)
    {
        JsonNode? value = merged;
        Type? type = optionsType;
        foreach (var part in key.Split('.'))
        {
            value = value is JsonObject o ? o[part] : null;
            type = type?.GetProperties().FirstOrDefault(p => Json.PropertyNamingPolicy!.ConvertName(p.Name) == part)?.PropertyType;
        }
        var given = value?.ToJsonString() ?? "null";
        var expected = type is null ? "of another type" : Describe(type);
        return new ArgumentException($"option '{key}' must be {expected}, got {given}.", cause);
    }

    private static string Describe(Type type)
    {
        var nullable = Nullable.GetUnderlyingType(type);
        var target = nullable ?? type;
        var text = target.IsEnum ? $"one of {string.Join(", ", Enum.GetNames(target))}"
            : Type.GetTypeCode(target) switch
            {
                TypeCode.Int32 or TypeCode.Int64 or TypeCode.Int16 or TypeCode.Byte => "an integer",
                TypeCode.Double or TypeCode.Single or TypeCode.Decimal => "a number",
                TypeCode.Boolean => "true or false",
                TypeCode.String => "a string",
                _ => target.IsArray || (target.IsGenericType && typeof(System.Collections.IEnumerable).IsAssignableFrom(target))
                    ? "a JSON array"
                    : "a JSON object",
            };
        return nullable is null ? text : text + " or null";
    }
}
