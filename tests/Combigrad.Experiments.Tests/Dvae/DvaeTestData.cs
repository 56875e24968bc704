using Combigrad.Data.Mnist;
using Combigrad.Experiments.Dvae;
using Combigrad.Experiments.Training;

namespace Combigrad.Experiments.Tests.Dvae;

/// <summary>Small DVAE configurations and synthetic "images" (seeded blobs) that train in a second.</summary>
internal static class DvaeTestData
{
    public static DvaeOptions Tiny(string method, int epochs = 2) => new()
    {
        Method = method,
        TrainCount = 40,
        ValidationCount = 20,
        TestCount = 20,
        Training = new TrainerOptions { Epochs = epochs, BatchSize = 20, LearningRate = 1e-3, Seed = 3 },
    };

    public static MnistImages Images(int count, int seed)
    {
        var random = new Random(seed);
        var pixels = new float[count * MnistImages.PixelCount];
        for (var n = 0; n < count; n++)
        {
            var (row, column) = (random.Next(4, 24), random.Next(4, 24));
            for (var r = -3; r <= 3; r++)
                for (var c = -3; c <= 3; c++)
                    pixels[n * MnistImages.PixelCount + (row + r) * MnistImages.Side + column + c] = (float)random.NextDouble();
        }
        return new MnistImages(pixels, new byte[count]);
    }

    public static TrainingProblem Build(DvaeOptions options) =>
        DvaeExperiment.Build(options, Images(options.TrainCount, 1), Images(options.ValidationCount, 2), Images(options.TestCount, 3));
}
