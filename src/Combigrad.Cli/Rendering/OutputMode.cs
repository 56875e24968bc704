namespace Combigrad.Cli.Rendering;

/// <summary>How a command reports progress.</summary>
internal enum OutputMode
{
    /// <summary>Progress bars and tables.</summary>
    Interactive,
    /// <summary>Only the final line (<c>--quiet</c>).</summary>
    Quiet,
    /// <summary>JSON lines (<c>--json</c>).</summary>
    Json,
}
