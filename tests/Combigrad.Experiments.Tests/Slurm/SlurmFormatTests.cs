using Combigrad.Experiments.Slurm;
using Combigrad.Experiments.Sweeps;

namespace Combigrad.Experiments.Tests.Slurm;

public sealed class SlurmFormatTests
{
    [Theory]
    [InlineData("30", 0, 0, 30, 0)]
    [InlineData("30:15", 0, 0, 30, 15)]
    [InlineData("2:00:00", 0, 2, 0, 0)]
    [InlineData("1-12", 1, 12, 0, 0)]
    [InlineData("1-12:30", 1, 12, 30, 0)]
    [InlineData("3-00:00:05", 3, 0, 0, 5)]
    public void Parse_EverySlurmFormat_ReadsDaysHoursMinutesSeconds(string text, int days, int hours, int minutes, int seconds) =>
        Assert.Equal(new TimeSpan(days, hours, minutes, seconds), SlurmTime.Parse(text, "--time"));

    [Theory]
    [InlineData("")]
    [InlineData("1h")]
    [InlineData("1:2:3:4")]
    [InlineData("-5")]
    [InlineData("0")]
    [InlineData("UNLIMITED")]
    public void Parse_NotASlurmTime_ErrorNamesTheOptionAndValue(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => SlurmTime.Parse(text, "--time"));
        Assert.StartsWith($"--time '{text}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4G")]
    [InlineData("512")]
    [InlineData("1500m")]
    [InlineData("2T")]
    public void Validate_SlurmMemory_Accepted(string text) => SlurmMemory.Validate(text, "--mem");

    [Theory]
    [InlineData("0")]
    [InlineData("0G")]
    [InlineData("4GB")]
    [InlineData("1.5G")]
    [InlineData("")]
    public void Validate_NotSlurmMemory_ErrorNamesTheOption(string text) =>
        Assert.StartsWith("--mem", Assert.Throws<ArgumentException>(() => SlurmMemory.Validate(text, "--mem")).Message, StringComparison.Ordinal);

    [Fact]
    public void Load_PresetWithBadResources_ErrorNamesFileAndKey()
    {
        var path = Path.Combine(Path.GetTempPath(), $"combigrad-resources-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "experiment": "shortest-path-demo", "resources": { "time": "2h" } }""");
        var error = Assert.Throws<ArgumentException>(() => Preset.Load(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("resources time '2h'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PresetResources_AreRead()
    {
        var path = Path.Combine(Path.GetTempPath(), $"combigrad-resources-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "experiment": "shortest-path-demo", "resources": { "time": "00:15:00", "cpusPerTask": 2, "mem": "2G" } }""");
        var resources = Preset.Load(path).Resources;
        Assert.Equal(("00:15:00", 2, "2G"), (resources.Time, resources.CpusPerTask, resources.Mem));
    }

    [Theory]
    [InlineData("completed", "RUNNING", true, "completed")]
    [InlineData("failed", "RUNNING", true, "running")]
    [InlineData("interrupted", "PENDING", true, "pending")]
    [InlineData("running", "REQUEUED", true, "pending")]
    [InlineData("running", null, true, "interrupted")]
    [InlineData("running", null, false, "running")]
    [InlineData("interrupted", null, true, "interrupted")]
    [InlineData("failed", null, true, "failed")]
    [InlineData(null, null, true, "pending")]
    [InlineData(null, "RUNNING", true, "running")]
    public void Resolve_DatabaseAndQueueStates_OneState(string? database, string? queue, bool queueKnown, string expected) =>
        Assert.Equal(expected, SlurmSweepStatus.Resolve(database, queue, queueKnown));

    [Fact]
    public void RunLine_FormatThenParse_RoundTrips()
    {
        var line = new SlurmRunLine("0123456789abcdef", ["method=\"bb\"", "training.noiseMagnitude=0.2", "training.seed=1", "k=a b"]);
        var parsed = SlurmRunLine.Parse(line.Format());
        Assert.Equal(line.RunKey, parsed.RunKey);
        Assert.Equal(line.Assignments, parsed.Assignments);
    }

    [Fact]
    public void RunLine_AssignmentWithTab_ErrorNamesIt() =>
        Assert.Contains("'k=a\tb'", Assert.Throws<ArgumentException>(() => new SlurmRunLine("key", ["k=a\tb"]).Format()).Message, StringComparison.Ordinal);
}
