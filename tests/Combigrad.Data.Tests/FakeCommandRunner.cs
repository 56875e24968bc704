using Combigrad.Data.Fetching;

namespace Combigrad.Data.Tests;

/// <summary>A command runner that answers from a function and records every call.</summary>
internal sealed class FakeCommandRunner(Func<string, IReadOnlyList<string>, string, CommandResult> respond) : ICommandRunner
{
    public List<string> Calls { get; } = [];

    public CommandResult Run(string fileName, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        Calls.Add(fileName + " " + string.Join(' ', arguments));
        return respond(fileName, arguments, workingDirectory);
    }

    /// <summary>Runs the real command, but with the executable renamed to one that is not on PATH.</summary>
    public static ICommandRunner Missing(string missingExecutable) => new FakeCommandRunner((file, args, dir) =>
        ProcessCommandRunner.Instance.Run(file == missingExecutable ? "combigrad-test-no-such-" + file : file, args, dir, TimeSpan.FromSeconds(30)));
}
