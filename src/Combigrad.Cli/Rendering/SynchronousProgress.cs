namespace Combigrad.Cli.Rendering;

/// <summary>An <see cref="IProgress{T}"/> that reports on the calling thread, in order (unlike <see cref="Progress{T}"/>).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
