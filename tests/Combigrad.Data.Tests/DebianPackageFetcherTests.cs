using Combigrad.Data.Fetching;

namespace Combigrad.Data.Tests;

public sealed class DebianPackageFetcherTests
{
    [Fact]
    public void Fetch_AptGetNotOnPath_ThrowsDataUnavailableSayingWhatToDo()
    {
        var fetcher = new DebianPackageFetcher(new DataCache(TestDirectories.Create()), FakeCommandRunner.Missing("apt-get"));

        var error = Assert.Throws<DataUnavailableException>(() => fetcher.Fetch("deb-test", "freeciv-data"));

        Assert.Contains("apt-get is not on PATH", error.Message);
        Assert.Contains("dpkg-deb -x", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Fetch_EmptyPackageLists_SaysToRunAptGetUpdate()
    {
        var emptyLists = TestDirectories.Create();
        var runner = new FakeCommandRunner((_, _, _) =>
            new CommandResult(100, "", "Reading package lists...\nE: Unable to locate package freeciv-data\n"));
        var fetcher = new DebianPackageFetcher(new DataCache(TestDirectories.Create()), runner, null, emptyLists);

        var error = Assert.Throws<DataUnavailableException>(() => fetcher.Fetch("deb-test", "freeciv-data"));

        Assert.Contains("run 'apt-get update' as root", error.Message);
        Assert.Contains("E: Unable to locate package freeciv-data", error.Message);
    }

    [Fact]
    public void Fetch_UnknownPackageWithListsPresent_ReportsAptsError()
    {
        var lists = TestDirectories.Create();
        File.WriteAllText(Path.Combine(lists, "example_dists_main_binary-amd64_Packages"), "");
        var runner = new FakeCommandRunner((_, _, _) => new CommandResult(100, "", "E: Unable to locate package nosuch-pkg\n"));
        var fetcher = new DebianPackageFetcher(new DataCache(TestDirectories.Create()), runner, null, lists);

        var error = Assert.Throws<DataUnavailableException>(() => fetcher.Fetch("deb-test", "nosuch-pkg"));

        Assert.Contains("'apt-get download nosuch-pkg' failed: E: Unable to locate package nosuch-pkg", error.Message);
    }

    [Theory]
    [InlineData("-o")]
    [InlineData("Bad_Name")]
    [InlineData("a")]
    public void Fetch_MalformedPackageName_ThrowsArgumentWithoutRunningApt(string package)
    {
        var runner = new FakeCommandRunner((_, _, _) => throw new InvalidOperationException("apt must not run"));
        var fetcher = new DebianPackageFetcher(new DataCache(TestDirectories.Create()), runner);

        Assert.Throws<ArgumentException>(() => fetcher.Fetch("deb-test", package));
        Assert.Empty(runner.Calls);
    }

    [Fact]
    public void ProcessCommandRunner_CommandOutlivesTimeout_IsKilledAndReported()
    {
        var result = ProcessCommandRunner.Instance.Run("sleep", ["30"], Path.GetTempPath(), TimeSpan.FromMilliseconds(200));

        Assert.True(result.TimedOut);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public void DataCache_ExplicitRootThenEnvironment_TakePrecedenceInOrder()
    {
        var explicitRoot = TestDirectories.Create();

        Assert.Equal(explicitRoot, new DataCache(explicitRoot).Root);
        Assert.Throws<ArgumentException>(() => new DataCache(explicitRoot).DatasetDirectory("../escape"));
        var overridden = Environment.GetEnvironmentVariable(DataCache.EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(overridden))
            Assert.EndsWith("combigrad", DataCache.DefaultRoot().TrimEnd('/'), StringComparison.Ordinal);
        else
            Assert.Equal(overridden, DataCache.DefaultRoot());
    }
}
