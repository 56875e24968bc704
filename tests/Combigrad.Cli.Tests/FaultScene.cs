using Microsoft.Data.Sqlite;

// The CLI tests run the CLI as child processes on Linux (permission bits, runuser, signals).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace Combigrad.Cli.Tests;

/// <summary>
/// A fresh folder for one row of the fault table, with helpers that build the faulty environment: a copy of a results
/// database holding a completed run (whose epochs must survive the fault), a folder the CLI may not write, a file of
/// random bytes. <see cref="AssertNothingLost"/> checks every preserved file afterwards.
/// </summary>
public sealed class FaultScene
{
    private const UnixFileMode Everyone = (UnixFileMode)0b111_111_111;
    private const UnixFileMode ReadAndEnter = (UnixFileMode)0b101_101_101;
    private const UnixFileMode ReadOnlyFile = (UnixFileMode)0b100_100_100;

    private readonly string _recordedTemplate;
    private readonly List<string> _recorded = [];
    private readonly List<(string Path, byte[] Bytes)> _untouched = [];

    public FaultScene(string recordedTemplate)
    {
        _recordedTemplate = recordedTemplate;
        Directory = CliProcess.TemporaryDirectory();
        // Unprivileged children (user nobody) may write here, as a user may write in their own folder.
        File.SetUnixFileMode(Directory, Everyone);
    }

    /// <summary>The working directory of the CLI child.</summary>
    public string Directory { get; }

    /// <summary>A path in <see cref="Directory"/>.</summary>
    public string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>A copy of the template database (one completed run, every epoch recorded) at <paramref name="name"/>;
    /// its epochs must be intact after the fault.</summary>
    public string Recorded(string name)
    {
        var path = PathOf(name);
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.Copy(_recordedTemplate, path);
        File.SetUnixFileMode(path, (UnixFileMode)0b110_110_110);
        _recorded.Add(path);
        return path;
    }

    /// <summary>A folder the CLI may read but not write: mode 0555 owned by this user (root in CI), and the children
    /// that must not write there run as the unprivileged user (see <see cref="CliProcess.Unprivileged"/>). With
    /// <paramref name="recordedDatabase"/>, it holds a recorded database (mode 0444) first.</summary>
    public string ReadOnlyFolder(string name, string? recordedDatabase = null)
    {
        var folder = PathOf(name);
        System.IO.Directory.CreateDirectory(folder);
        if (recordedDatabase is not null)
        {
            var path = Recorded(Path.Combine(name, recordedDatabase));
            File.SetUnixFileMode(path, ReadOnlyFile);
        }
        File.SetUnixFileMode(folder, ReadAndEnter);
        return folder;
    }

    /// <summary>A file of seeded random bytes (not a SQLite database); it must be left as it is.</summary>
    public string RandomBytes(string name, int length = 8192, int seed = 16)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        var path = PathOf(name);
        File.WriteAllBytes(path, bytes);
        File.SetUnixFileMode(path, (UnixFileMode)0b110_110_110);
        _untouched.Add((path, bytes));
        return path;
    }

    /// <summary>A small preset of the tiny run, for commands that need --config.</summary>
    public string Preset(string name = "tiny.json")
    {
        var path = PathOf(name);
        File.WriteAllText(path, """
            { "experiment": "shortest-path-demo",
              "options": { "gridSize": 5, "trainCount": 20, "validationCount": 5, "testCount": 5, "training": { "epochs": 2 } } }
            """);
        return path;
    }

    /// <summary>Every recorded database still holds every epoch of the template, value for value, and every random
    /// file is byte for byte as written.</summary>
    public void AssertNothingLost()
    {
        var expected = Metrics(_recordedTemplate);
        Assert.NotEmpty(expected);
        foreach (var path in _recorded) Assert.Equal(expected, Metrics(path));
        foreach (var (path, bytes) in _untouched) Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    /// <summary>Every metric row of the database's completed runs.</summary>
    public static List<(string RunKey, int Epoch, string Split, string Name, double? Value)> Metrics(string database)
    {
        // Read a copy: SQLite needs to create a -shm file next to a WAL database, which a read-only folder forbids.
        var copy = Path.Combine(CliProcess.TemporaryDirectory(), "copy.db");
        File.Copy(database, copy);
        using var connection = new SqliteConnection($"Data Source={copy};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT r.run_key, m.epoch, m.split, m.name, m.value FROM epoch_metrics m JOIN runs r ON r.id = m.run_id
            WHERE r.status = 'completed' ORDER BY r.run_key, m.epoch, m.split, m.name;
            """;
        using var reader = command.ExecuteReader();
        var rows = new List<(string, int, string, string, double?)>();
        while (reader.Read())
            rows.Add((reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetDouble(4)));
        return rows;
    }
}
