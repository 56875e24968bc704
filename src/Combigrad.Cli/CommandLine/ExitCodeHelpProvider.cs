using Combigrad.Cli.Faults;
using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Help;
using Spectre.Console.Rendering;

namespace Combigrad.Cli.CommandLine;

/// <summary>The standard help, with the table of exit codes (<see cref="FaultBoundary.ExitCodes"/>) at the end of
/// <c>combigrad --help</c>.</summary>
internal sealed class ExitCodeHelpProvider(ICommandAppSettings settings) : HelpProvider(settings)
{
    /// <inheritdoc />
    public override IEnumerable<IRenderable> GetFooter(ICommandModel model, ICommandInfo? command)
    {
        foreach (var renderable in base.GetFooter(model, command)) yield return renderable;
        if (command is not null) yield break;
        yield return new Markup(Environment.NewLine + "[yellow]EXIT CODES:[/]" + Environment.NewLine);
        var grid = new Grid().AddColumn(new GridColumn().PadLeft(4).PadRight(4)).AddColumn();
        foreach (var (code, meaning) in FaultBoundary.ExitCodes) grid.AddRow(new Text(code.ToString()), new Text(meaning));
        yield return grid;
        yield return new Text("Every error but a bug is one line on standard error that names the file, key or run and what to do." + Environment.NewLine);
    }
}
