namespace Combigrad.Noise;

/// <summary>
/// Something that draws random numbers from a generator it owns and can restart that generator from a seed. The
/// trainer reseeds every such object at the start of each epoch from (seed, epoch), so a run resumed from a
/// checkpoint draws exactly the numbers an uninterrupted run would, without saving generator states.
/// </summary>
public interface IReseedable
{
    /// <summary>Restarts the random stream from <paramref name="seed"/>.</summary>
    void Reseed(ulong seed);
}
