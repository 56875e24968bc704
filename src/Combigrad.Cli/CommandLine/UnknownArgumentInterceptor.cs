using Combigrad.Experiments.Faults;
using Spectre.Console.Cli;

namespace Combigrad.Cli.CommandLine;

/// <summary>
/// Rejects arguments after <c>--</c>: strict parsing rejects unknown options and arguments, but Spectre.Console.Cli
/// hands everything after <c>--</c> to the command as remaining arguments, and no combigrad command reads them.
/// </summary>
internal sealed class UnknownArgumentInterceptor : ICommandInterceptor
{
    /// <inheritdoc />
    public void Intercept(CommandContext context, CommandSettings settings)
    {
        if (context.Remaining.Raw.Count > 0)
            throw new FaultException(FaultKind.Usage,
                $"unexpected argument '{context.Remaining.Raw[0]}' after '--' for '{context.Name}': no combigrad command takes arguments after '--'.");
    }
}
