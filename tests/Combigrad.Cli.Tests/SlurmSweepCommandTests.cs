using Combigrad.Experiments.Slurm;

namespace Combigrad.Cli.Tests;

/// <summary>
/// <c>sweep --slurm</c> and <c>status</c> as child processes of the CLI, without a cluster: the options that only apply
/// with --slurm, the files a submission writes, a second submission without the runs that are complete, and the states
/// status shows. (The run on a real cluster is .ci/slurm-sweep.)
/// </summary>
public sealed class SlurmSweepCommandTests
{
    private static readonly string Preset = Path.Combine(RepositoryRoot(), "configs", "demo.json");

    /// <summary>One seed of the demo grid, tiny: 4 runs of 1 epoch on 40 maps.</summary>
    private static readonly string[] Budget =
    [
        "--config", Preset, "--seeds", "1",
        "--set", "training.epochs=1", "--set", "trainCount=40", "--set", "validationCount=20", "--set", "testCount=20", "--set", "training.batchSize=20",
    ];

    [Theory]
    [InlineData("--partition", "debug")]
    [InlineData("--time", "10")]
    [InlineData("--cpus-per-task", "1")]
    [InlineData("--mem", "1G")]
    [InlineData("--max-parallel", "2")]
    [InlineData("--submit", null)]
    [InlineData("--cli", "combigrad")]
    public void Sweep_SlurmOptionWithoutSlurm_ErrorNamesIt(string option, string? value)
    {
        var directory = CliProcess.TemporaryDirectory();
        string[] args = value is null ? ["sweep", .. Budget, option] : ["sweep", .. Budget, option, value];
        var (exit, output) = CliProcess.Run(directory, args);
        Assert.Equal(2, exit);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"{option} only applies with --slurm DIR", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--parallel", "2")]
    [InlineData("--db", "r.db")]
    [InlineData("--emit-jobs", "jobs.txt")]
    public void Sweep_SlurmWithLocalOption_ErrorNamesIt(string option, string value)
    {
        var directory = CliProcess.TemporaryDirectory();
        var (exit, output) = CliProcess.Run(directory, ["sweep", .. Budget, "--slurm", "sweep", option, value]);
        Assert.Equal(2, exit);
        Assert.Contains($"--slurm does not take {option}", Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(directory, "sweep")));
    }

    [Theory]
    [InlineData("--time", "2h", "--time '2h' is not a Slurm time")]
    [InlineData("--time", "2", "must be longer than the 120 s")]
    [InlineData("--mem", "4GB", "--mem '4GB' is not a Slurm memory size")]
    [InlineData("--cpus-per-task", "0", "--cpus-per-task must be >= 1")]
    [InlineData("--max-parallel", "0", "--max-parallel must be >= 1")]
    public void Sweep_BadResource_OneLineErrorNamingTheOption(string option, string value, string message)
    {
        var directory = CliProcess.TemporaryDirectory();
        var (exit, output) = CliProcess.Run(directory, ["sweep", .. Budget, "--slurm", "sweep", option, value, "--cli", CliProcess.CliAssembly]);
        Assert.Equal(2, exit);
        Assert.Contains(message, Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public void Sweep_Slurm_WritesOneTaskPerRunThenOnlyTheRunsNotComplete()
    {
        var directory = CliProcess.TemporaryDirectory();
        var sweep = new SlurmSweepDirectory(Path.Combine(directory, "sweep"));
        var (exit, output) = CliProcess.Run(directory, ["sweep", .. Budget, "--slurm", sweep.Path, "--cli", CliProcess.CliAssembly, "--time", "10", "--mem", "512M"]); // over the preset's 00:10:00 and 1G
        Assert.True(exit == 0, output);
        var first = Assert.Single(sweep.Submissions());
        var runs = first.Runs();
        Assert.Equal(4, runs.Count);
        Assert.Null(first.JobId);
        var script = File.ReadAllText(first.ScriptPath);
        Assert.Contains("#SBATCH --array=0-3\n", script, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --time=10\n", script, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --mem=512M\n", script, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --cpus-per-task=1\n", script, StringComparison.Ordinal); // the preset's resources.cpusPerTask
        Assert.Contains(CliProcess.CliAssembly, script, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(Preset), File.ReadAllText(first.PresetPath));

        // Train the second run as its task would (same command line), then write the sweep again.
        var done = runs[1];
        string[] task = ["run", "--config", first.PresetPath, "--db", sweep.RunDatabase(done.RunKey), "--resume", "--quiet", .. done.Assignments.SelectMany(a => new[] { "--set", a })];
        var (runExit, runOutput) = CliProcess.Run(directory, task);
        Assert.True(runExit == 0, runOutput);
        Assert.Contains($"run {done.RunKey}:", runOutput, StringComparison.Ordinal);

        (exit, output) = CliProcess.Run(directory, ["sweep", .. Budget, "--slurm", sweep.Path, "--cli", CliProcess.CliAssembly]);
        Assert.True(exit == 0, output);
        var second = sweep.Submissions()[1];
        Assert.Equal(runs.Where(r => r.RunKey != done.RunKey).Select(r => r.RunKey), second.Runs().Select(r => r.RunKey));

        var (statusExit, status) = CliProcess.Run(directory, ["status", "--slurm", sweep.Path, "--json"]);
        Assert.True(statusExit == 0, status);
        var lines = status.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('{')).ToList();
        Assert.Equal(4, lines.Count);
        Assert.Contains(lines, l => l.Contains($"\"run\":\"{done.RunKey}\"", StringComparison.Ordinal) && l.Contains("\"state\":\"completed\"", StringComparison.Ordinal)
            && l.Contains("\"epochsDone\":1,\"epochs\":1", StringComparison.Ordinal));
        Assert.Equal(3, lines.Count(l => l.Contains("\"state\":\"pending\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void Sweep_SlurmBinHoldsAnotherBuild_ErrorInsteadOfReplacingIt()
    {
        var directory = CliProcess.TemporaryDirectory();
        var bin = Path.Combine(directory, "sweep", "bin");
        Directory.CreateDirectory(bin);
        File.WriteAllText(Path.Combine(bin, "Combigrad.Cli.dll"), "another build");
        var (exit, output) = CliProcess.Run(directory, ["sweep", .. Budget, "--slurm", Path.Combine(directory, "sweep")]);
        Assert.Equal(2, exit);
        Assert.Contains($"{bin} holds another build of combigrad", Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Equal("another build", File.ReadAllText(Path.Combine(bin, "Combigrad.Cli.dll")));
    }

    [Fact]
    public void Status_FolderWithoutSweep_OneLineError()
    {
        var directory = CliProcess.TemporaryDirectory();
        var (exit, output) = CliProcess.Run(directory, ["status", "--slurm", directory]);
        Assert.Equal(2, exit);
        Assert.Contains("no sweep there", Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Combigrad.slnx"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("the repository root (Combigrad.slnx) is not above the test output");
    }
}
