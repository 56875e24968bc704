using Combigrad.Experiments.Demo;
using Combigrad.Experiments.Dvae;
using Combigrad.Experiments.GlobeTsp;
using Combigrad.Experiments.GraphMatching;
using Combigrad.Experiments.Retrieval;
using Combigrad.Experiments.Warcraft;

namespace Combigrad.Experiments.Catalog;

/// <summary>Every experiment the CLI can run, by name.</summary>
public static class ExperimentCatalog
{
    private static readonly IExperiment[] Experiments =
        [new ShortestPathDemoExperiment(), new GlobeTspExperiment(), new WarcraftExperiment(), new DvaeExperiment(), new GraphMatchingExperiment(),
         new L2x.L2xExperiment(), new RetrievalExperiment()];

    /// <summary>The names of all experiments.</summary>
    public static IReadOnlyList<string> Names => Experiments.Select(e => e.Name).ToArray();

    /// <summary>Finds an experiment by name.</summary>
    /// <exception cref="ArgumentException">No experiment has that name; the message lists the known ones.</exception>
    public static IExperiment Get(string name) =>
        Experiments.FirstOrDefault(e => e.Name == name)
        ?? throw new ArgumentException($"unknown experiment '{name}' (known: {string.Join(", ", Names)}).");
}
