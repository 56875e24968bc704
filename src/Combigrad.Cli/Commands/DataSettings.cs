using System.ComponentModel;
using Combigrad.Data.Warcraft;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Combigrad.Cli.Commands;

/// <summary>Options shared by the <c>combigrad data</c> commands: which data set, and where the cache is.</summary>
public class DataSettings : CommandSettings
{
    /// <summary>The data sets the data commands know.</summary>
    public static readonly IReadOnlyList<string> KnownDatasets =
        [WarcraftData.DatasetName, Combigrad.Data.GlobeTsp.GlobeTspSources.Dataset, Combigrad.Data.Mnist.MnistData.MnistName, Combigrad.Data.Mnist.MnistData.FashionMnistName,
         Combigrad.Data.Reviews.ReviewSources.Dataset];

    /// <summary>The data set name.</summary>
    [CommandArgument(0, "<DATASET>")]
    [Description("The data set: warcraft, globe-tsp, mnist, fashion-mnist or l2x.")]
    public string Dataset { get; init; } = "";

    /// <summary>The cache folder.</summary>
    [CommandOption("--data-dir <DIR>")]
    [Description("Data cache folder. Default: $COMBIGRAD_DATA_DIR, else ~/.cache/combigrad")]
    public string? DataDirectory { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate() =>
        KnownDatasets.Contains(Dataset)
            ? ValidationResult.Success()
            : ValidationResult.Error($"unknown data set '{Dataset}'; known: {string.Join(", ", KnownDatasets)}.");
}
