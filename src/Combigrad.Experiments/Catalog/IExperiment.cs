using Combigrad.Experiments.Training;

namespace Combigrad.Experiments.Catalog;

/// <summary>A runnable experiment: its name, its options type with defaults, and how to build the training problem.</summary>
public interface IExperiment
{
    /// <summary>The name used in presets and on the command line.</summary>
    string Name { get; }

    /// <summary>The concrete options record type (deserialized from presets).</summary>
    Type OptionsType { get; }

    /// <summary>The options with every default.</summary>
    IExperimentOptions DefaultOptions { get; }

    /// <summary>The metric reported in tables (a test metric at the early-stopping epoch).</summary>
    string HeadlineMetric { get; }

    /// <summary>Builds data, backbone, solver layer and loss for <paramref name="options"/>.</summary>
    TrainingProblem Build(IExperimentOptions options);
}
