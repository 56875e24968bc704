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
    public void Fetch_FreshCache_UpdatesItsOwnListsFirstAndNeverTheSystems()
    {
        var cache = new DataCache(TestDirectories.Create());
        var runner = new FakeCommandRunner((file, args, _) => args.Contains("update")
            ? WriteListsThenSucceed(args)
            : new CommandResult(100, "", "E: Unable to locate package freeciv-data\n"));
        var fetcher = new DebianPackageFetcher(cache, runner);

        var error = Assert.Throws<DataUnavailableException>(() => fetcher.Fetch("deb-test", "freeciv-data"));

        var ownState = $"-o Dir::State::Lists={Path.Combine(cache.Root, "apt", "lists")} -o Dir::Cache={Path.Combine(cache.Root, "apt", "cache")}";
        Assert.Equal([$"apt-get {ownState} update", $"apt-get {ownState} download freeciv-data"], runner.Calls);
        Assert.Contains("failed on fresh package lists", error.Message);
        Assert.Contains("E: Unable to locate package freeciv-data", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Fetch_DownloadFailsOnExistingLists_RefreshesThemOnceAndRetries()
    {
        var cache = new DataCache(TestDirectories.Create());
        var fetcher = new DebianPackageFetcher(cache, new FakeCommandRunner((_, _, _) => new CommandResult(0, "", "")));
        Directory.CreateDirectory(fetcher.AptListsDirectory);
        File.WriteAllText(Path.Combine(fetcher.AptListsDirectory, "example_dists_main_binary-amd64_Packages"), "");
        var runner = new FakeCommandRunner((_, args, _) => args.Contains("update")
            ? new CommandResult(0, "", "")
            : new CommandResult(100, "", "E: Failed to fetch http://example/pool/nosuch-pkg_1_all.deb  404  Not Found\n"));
        fetcher = new DebianPackageFetcher(cache, runner);

        var error = Assert.Throws<DataUnavailableException>(() => fetcher.Fetch("deb-test", "nosuch-pkg"));

        Assert.Equal(["download", "update", "download"], runner.Calls.Select(c => c.Split(' ')[^1] == "nosuch-pkg" ? "download" : c.Split(' ')[^1]));
        Assert.Contains("'apt-get download nosuch-pkg' failed on fresh package lists", error.Message);
        Assert.Contains("404  Not Found", error.Message);
    }

    [Fact]
    public void Fetch_AptGetUpdateFails_ReportsItsErrorAndTheListsFolder()
    {
        var cache = new DataCache(TestDirectories.Create());
        var runner = new FakeCommandRunner((_, _, _) => new CommandResult(100, "", "E: Failed to fetch http://example/dists/bookworm/InRelease  Temporary failure resolving 'example'\n"));
        var fetcher = new DebianPackageFetcher(cache, runner);

        var error = Assert.Throws<DataUnavailableException>(() => fetcher.Fetch("deb-test", "freeciv-data"));

        Assert.Single(runner.Calls);
        Assert.Contains($"'apt-get update' (package lists in {fetcher.AptListsDirectory}) failed: E: Failed to fetch", error.Message);
        Assert.Contains("check network access", error.Message);
    }

    private static CommandResult WriteListsThenSucceed(IReadOnlyList<string> arguments)
    {
        const string ListsOption = "Dir::State::Lists=";
        var lists = arguments.Single(a => a.StartsWith(ListsOption, StringComparison.Ordinal))[ListsOption.Length..];
        Assert.True(Directory.Exists(Path.Combine(lists, "partial")), "the fetcher creates apt's partial folder before update");
        File.WriteAllText(Path.Combine(lists, "example_dists_main_binary-amd64_Packages"), "");
        return new CommandResult(0, "", "");
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
