namespace Combigrad.Experiments.Demo;

/// <summary>Progress of one method's training: after each epoch.</summary>
/// <param name="Method">The gradient method's name.</param>
/// <param name="Epoch">Epochs completed (1-based).</param>
/// <param name="Epochs">Total epochs.</param>
/// <param name="TrainLoss">Mean Hamming loss over the epoch's batches.</param>
public sealed record DemoProgress(string Method, int Epoch, int Epochs, double TrainLoss);
