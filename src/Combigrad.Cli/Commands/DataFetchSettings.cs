namespace Combigrad.Cli.Commands;

/// <summary>Options of <c>combigrad data fetch</c>.</summary>
public sealed class DataFetchSettings : DataSettings;
