namespace Combigrad.Data.Fetching;

/// <summary>
/// A data set cannot be obtained on this machine: a tool (npm, apt-get, dpkg-deb) is missing, the package manager
/// refused the download, or it timed out. The message is one line that says what to install or where to put the
/// files by hand.
/// </summary>
public sealed class DataUnavailableException : Exception
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public DataUnavailableException(string message) : base(message) { }

    /// <summary>Creates the exception with a one-line message and its cause.</summary>
    public DataUnavailableException(string message, Exception innerException) : base(message, innerException) { }
}
