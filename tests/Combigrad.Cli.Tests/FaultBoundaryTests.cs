using Combigrad.Cli.Faults;
using Combigrad.Experiments.Demo;
using Combigrad.Experiments.Faults;
using Combigrad.Experiments.Options;
using Microsoft.Data.Sqlite;

namespace Combigrad.Cli.Tests;

/// <summary>The exception boundary's rules, in process: foreign exceptions by type and context, and bugs.</summary>
public sealed class FaultBoundaryTests
{
    [Theory]
    [InlineData(26, FaultKind.ResultsDatabase, "not a SQLite results database")]
    [InlineData(11, FaultKind.ResultsDatabase, "corrupt")]
    [InlineData(5, FaultKind.ResultsDatabase, "locked")]
    [InlineData(6, FaultKind.ResultsDatabase, "locked")]
    [InlineData(14, FaultKind.FileAccess, "cannot be opened or created")]
    [InlineData(13, FaultKind.FileAccess, "disk is full")]
    [InlineData(8, FaultKind.FileAccess, "read-only")]
    public void SqliteFaults_ResultCode_ClassAndHintNamingTheFile(int code, FaultKind kind, string hint)
    {
        var fault = SqliteFaults.For(new SqliteException("SQLite Error", code), "/data/r.db");
        Assert.Equal(kind, fault.Kind);
        Assert.StartsWith("/data/r.db: ", fault.Message);
        Assert.Contains(hint, fault.Message);
    }

    [Fact]
    public void Classify_DiskFull_FileAccessNamingTheFile()
    {
        const int NoSpace = 28;
        var fault = FaultBoundary.Classify(new IOException("No space left on device : '/data/x.ckpt'", NoSpace));
        Assert.Equal(FaultKind.FileAccess, fault?.Kind);
        Assert.Contains("/data/x.ckpt", fault?.Message);
    }

    [Fact]
    public void Classify_OtherIOException_IsABug() => Assert.Null(FaultBoundary.Classify(new IOException("Directory not empty", 39)));

    [Fact]
    public void Classify_ArgumentExceptionWhileBindingOptions_Usage()
    {
        var error = Assert.Throws<ArgumentException>(() => OptionsBinder.Bind(new ShortestPathDemoExperiment(), null, ["training.epochs=0"]));
        Assert.Equal(FaultKind.Usage, FaultBoundary.Classify(error)?.Kind);
    }

    [Fact]
    public void Classify_ArgumentExceptionElsewhere_IsABug()
    {
        var error = Assert.Throws<ArgumentException>(() => ThrowArgument());
        Assert.Null(FaultBoundary.Classify(error));
    }

    [Fact]
    public void Report_Bug_StackTraceAndTheBugNoticeExit1()
    {
        var error = Assert.Throws<InvalidOperationException>(ThrowInvalidOperation);
        var text = new StringWriter();
        Assert.Equal(1, FaultBoundary.Report(error, text));
        Assert.Contains(nameof(ThrowInvalidOperation), text.ToString());
        Assert.EndsWith(FaultBoundary.BugNotice + Environment.NewLine, text.ToString());
    }

    [Fact]
    public void Report_Fault_OneLineAndItsCode()
    {
        var text = new StringWriter();
        Assert.Equal(8, FaultBoundary.Report(new FaultException(FaultKind.RunBusy, "run abc is held by pid 7\non host x"), text));
        Assert.Equal("error: run abc is held by pid 7 on host x" + Environment.NewLine, text.ToString());
    }

    private static void ThrowArgument() => throw new ArgumentException("shape mismatch");

    private static void ThrowInvalidOperation() => throw new InvalidOperationException("invariant broken");
}
