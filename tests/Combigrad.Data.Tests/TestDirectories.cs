namespace Combigrad.Data.Tests;

/// <summary>Fresh temporary folders for tests, under one parent per run.</summary>
internal static class TestDirectories
{
    public static string Create()
    {
        var path = Path.Combine(Path.GetTempPath(), "combigrad-data-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
