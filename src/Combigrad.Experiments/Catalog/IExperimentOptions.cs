using Combigrad.Experiments.Training;

namespace Combigrad.Experiments.Catalog;

/// <summary>What every experiment's options record has: a gradient method, the trainer's options and validation.</summary>
public interface IExperimentOptions
{
    /// <summary>The gradient method's name (for example <c>identity</c>, <c>bb</c>).</summary>
    string Method { get; }

    /// <summary>The trainer's options (epochs, learning rate, noise schedule, seed, ...).</summary>
    TrainerOptions Training { get; }

    /// <summary>Throws <see cref="ArgumentException"/> with a one-line message naming the bad key.</summary>
    void Validate();
}
