namespace Combigrad.Data.Warcraft;

/// <summary>One split file of a <see cref="WarcraftManifest"/>.</summary>
/// <param name="Split">The split name (<c>train</c>, <c>validation</c>, <c>test</c>).</param>
/// <param name="File">The file name inside the data set folder.</param>
/// <param name="Count">The number of maps.</param>
/// <param name="Sha256">The SHA-256 of the file, lower-case hex.</param>
public sealed record WarcraftManifestFile(string Split, string File, int Count, string Sha256);
