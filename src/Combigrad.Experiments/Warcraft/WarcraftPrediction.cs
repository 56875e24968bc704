using Combigrad.Data.Warcraft;
using Combigrad.Experiments.Training;
using Combigrad.Solvers;
using static TorchSharp.torch;

namespace Combigrad.Experiments.Warcraft;

/// <summary>The path a trained Warcraft model predicts for one map: its costs from the checkpoint's network, then the grid shortest path.</summary>
public sealed class WarcraftPrediction
{
    private WarcraftPrediction(float[] costs, float[] path, int epoch)
    {
        Costs = costs;
        Path = path;
        Epoch = epoch;
    }

    /// <summary>The predicted k x k costs, row-major.</summary>
    public float[] Costs { get; }

    /// <summary>The shortest path under the predicted costs: a k² 0/1 indicator, row-major.</summary>
    public float[] Path { get; }

    /// <summary>The last epoch stored in the checkpoint.</summary>
    public int Epoch { get; }

    /// <summary>Loads the network of a <c>warcraft</c> run's checkpoint and predicts the path of map <paramref name="index"/>.</summary>
    /// <exception cref="FileNotFoundException">No checkpoint at <paramref name="checkpointPath"/>.</exception>
    /// <exception cref="Faults.FaultException">The file is not an intact checkpoint (truncated, corrupt, other format version).</exception>
    /// <exception cref="InvalidDataException">The checkpoint does not hold a <see cref="WarcraftCostNetwork"/>.</exception>
    public static WarcraftPrediction Predict(string checkpointPath, WarcraftDataset dataset, int index, WarcraftMapRenderer renderer)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(renderer);
        var k = dataset.Size;
        using var network = new WarcraftCostNetwork(k);
        IReadOnlyList<EpochRecord> history;
        try
        {
            history = Trainer.LoadModel(checkpointPath, network);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{checkpointPath} does not hold a Warcraft cost network: {e.Message}");
        }
        network.eval();
        float[] costs;
        using (NewDisposeScope())
        using (no_grad())
        {
            var image = WarcraftImages.Render(dataset, renderer, index, 1);
            costs = network.call(image).contiguous().data<float>().ToArray();
        }
        var path = new float[k * k];
        new GridShortestPathSolver(k).Solve(costs, path);
        return new WarcraftPrediction(costs, path, history.Count == 0 ? 0 : history[^1].Epoch);
    }
}
