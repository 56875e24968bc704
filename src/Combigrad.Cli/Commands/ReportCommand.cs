using Combigrad.Experiments.Faults;
using Combigrad.Experiments.Reports;
using Combigrad.Experiments.Results;
using Combigrad.Experiments.Sweeps;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Combigrad.Cli.Commands;

/// <summary><c>combigrad report</c>: the preset's table (ours beside the paper's) and figures, as Markdown, HTML and PNG/SVG.</summary>
public sealed class ReportCommand : Command<ReportSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, ReportSettings settings, CancellationToken cancellationToken)
    {
        var preset = Preset.Load(settings.Config);
        if (!File.Exists(settings.Database))
            throw new FaultException(FaultKind.FileAccess, $"no results database at {settings.Database}; run 'combigrad sweep --config {settings.Config}' first, or give --db.");
        using var database = new ResultsDatabase(settings.Database);
        var data = ReportData.Collect(preset, database, settings.Set, settings.Seeds);
        if (data.ReportedRuns.Count == 0) throw NoMatchingRun(preset, database, settings);
        var directory = settings.Out ?? Path.Combine(Path.GetDirectoryName(database.Path)!, "reports", Path.GetFileNameWithoutExtension(settings.Config));
        var written = ReportWriter.Write(data, directory);

        var table = new Table().Title(Markup.Escape($"{preset.Experiment}: {preset.Description}"))
            .AddColumn("configuration").AddColumn(new TableColumn(Markup.Escape($"ours: {data.MetricLabel}")).RightAligned())
            .AddColumn(new TableColumn("seeds").RightAligned()).AddColumn(new TableColumn("paper").RightAligned());
        foreach (var row in data.Rows)
            table.AddRow(Markup.Escape(row.Label), Markup.Escape(ReportWriter.Format(row)), $"{row.Values.Count}/{row.SeedsPlanned}", Markup.Escape(row.Paper ?? "–"));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"wrote {Markup.Escape(written.Markdown)}, {Markup.Escape(written.Html)} and {written.Figures.Count} figures");
        return 0;
    }

    /// <summary>
    /// No completed run matches the preset with these --set overrides and seeds. Writing a table of dashes would look like
    /// a report; instead print what the database holds for the experiment (how those runs' options differ, i.e. the --set
    /// that selects them) and fail as a usage error (exit 2): the database is fine, the request does not match it.
    /// </summary>
    private static FaultException NoMatchingRun(Preset preset, ResultsDatabase database, ReportSettings settings)
    {
        var holdings = ReportData.Holdings(preset, database, settings.Set, settings.Seeds);
        var asked = settings.Set.Length == 0 ? "no --set" : string.Join(" ", settings.Set.Select(s => $"--set {s}"));
        if (holdings.Count == 0)
            return new FaultException(FaultKind.Usage,
                $"{database.Path} holds no run of {preset.Experiment}; run 'combigrad sweep --config {settings.Config}' first.");
        var table = new Table().Title(Markup.Escape($"{preset.Experiment} runs in {database.Path}, by how their options differ from {settings.Config} with {asked}"))
            .AddColumn(new TableColumn("runs").RightAligned()).AddColumn("status").AddColumn("differing options (the --set that selects them)");
        foreach (var (differences, runs, statuses) in holdings)
            table.AddRow($"{runs}", Markup.Escape(statuses), Markup.Escape(differences.Count == 0 ? "(none: not completed yet)" : string.Join(" ", differences)));
        AnsiConsole.Write(table);
        return new FaultException(FaultKind.Usage,
            $"no completed run in {database.Path} matches {settings.Config} with {asked} (and {(settings.Seeds is { } n ? $"{n}" : "the preset's")} seeds); " +
            $"the {holdings.Sum(h => h.Runs)} {preset.Experiment} runs it holds differ as listed above: report them with those --set, or run the sweep first.");
    }
}
