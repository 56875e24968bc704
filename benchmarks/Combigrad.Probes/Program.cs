using Combigrad.Probes;

// dotnet run -c Release --project benchmarks/Combigrad.Probes -- <probe>
var probes = new Dictionary<string, Action>(StringComparer.Ordinal)
{
    ["globe-tsp-label-distance"] = GlobeTspLabelDistanceProbe.Run,
};
if (args.Length != 1 || !probes.TryGetValue(args[0], out var probe))
{
    Console.Error.WriteLine($"usage: Combigrad.Probes <probe>; probes: {string.Join(", ", probes.Keys)}");
    return 2;
}
probe();
return 0;
