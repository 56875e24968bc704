using Microsoft.Data.Sqlite;

namespace Combigrad.Experiments.Faults;

/// <summary>
/// Turns a <see cref="SqliteException"/> into a one-line <see cref="FaultException"/> that names the database file and
/// says what to do: a file that cannot be opened, created or written (result codes 3, 8, 10, 13, 14) is
/// <see cref="FaultKind.FileAccess"/>; not a database, corrupt, busy or locked (26, 11, 5, 6) is
/// <see cref="FaultKind.ResultsDatabase"/>. Result codes: https://sqlite.org/rescode.html.
/// </summary>
public static class SqliteFaults
{
    private const int Permission = 3;
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int NotADatabase = 26;

    /// <summary>The fault for <paramref name="exception"/> on the database file <paramref name="path"/> (null when unknown).</summary>
    public static FaultException For(SqliteException exception, string? path)
    {
        var code = exception.SqliteErrorCode & 0xFF;
        var where = path is null ? "results database" : path;
        return new FaultException(Kind(code), $"{where}: {exception.Message.TrimEnd('.')}; {Hint(code)}.", exception);
    }

    /// <summary>The class of a SQLite primary result code.</summary>
    public static FaultKind Kind(int code) => code switch
    {
        CantOpen or ReadOnly or Full or IoError or Permission => FaultKind.FileAccess,
        _ => FaultKind.ResultsDatabase,
    };

    private static string Hint(int code) => code switch
    {
        CantOpen => "the file or its folder cannot be opened or created by this user: check that the folder exists and is writable, or choose another path",
        ReadOnly or Permission => "the file or its folder is read-only for this user: give write access, or choose another path",
        Full => "the disk is full: free some space and run again (recorded epochs are kept)",
        IoError => "the disk reported an I/O error: check the file system",
        NotADatabase => "the file is not a SQLite results database: choose another path, or move this file away",
        Corrupt => "the database file is corrupt: restore it from a copy, or choose another path",
        Busy or Locked => "another process keeps the database locked: wait for it to finish, or use another path",
        _ => "see the SQLite error",
    };
}
