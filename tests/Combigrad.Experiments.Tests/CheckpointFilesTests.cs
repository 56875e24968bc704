using Combigrad.Experiments.Demo;
using Combigrad.Experiments.Faults;
using Combigrad.Experiments.Training;

namespace Combigrad.Experiments.Tests;

public sealed class CheckpointFilesTests
{
    private const string RunKey = "0123456789abcdef";

    private static TrainingResult Train(ShortestPathDemoOptions options, CheckpointFiles? checkpoints = null)
    {
        using var problem = new ShortestPathDemoExperiment().Build(options);
        return new Trainer(options.Training, checkpoints).Run(problem);
    }

    private static CheckpointFiles Trained(int epochs)
    {
        var checkpoints = new CheckpointFiles(Path.Combine(TestOptions.TemporaryDirectory(), "run.ckpt"), RunKey);
        Train(TestOptions.Tiny(epochs: epochs), checkpoints);
        return checkpoints;
    }

    [Fact]
    public void Save_AfterEveryEpoch_NewestAndPreviousIntactWithTheirEpochs()
    {
        var checkpoints = Trained(epochs: 3);

        var checks = checkpoints.Inspect();

        Assert.Equal([(checkpoints.Path, 3), (checkpoints.PreviousPath, 2)], checks.Select(c => (c.Path, c.Epoch)));
        Assert.All(checks, c => Assert.True(c.Intact, c.Problem));
        Assert.Equal([0, 1, 2, 3], checks[0].History!.Select(e => e.Epoch));
        Assert.False(File.Exists(checkpoints.TemporaryPath));
    }

    [Fact]
    public void Verify_EverySingleBitFlipAnywhereInTheFile_Rejected()
    {
        var checkpoints = Trained(epochs: 1);
        var original = File.ReadAllBytes(checkpoints.Path);
        var damaged = Path.Combine(Path.GetDirectoryName(checkpoints.Path)!, "damaged.ckpt");
        var random = new Random(11);
        for (var i = 0; i < original.Length; i++)
        {
            var bytes = (byte[])original.Clone();
            bytes[i] ^= (byte)(1 << random.Next(8));
            File.WriteAllBytes(damaged, bytes);
            Assert.False(CheckpointFile.Verify(damaged, RunKey).Intact, $"a flipped bit at byte {i} of {original.Length} was not detected");
        }
    }

    [Fact]
    public void Verify_TruncatedAtEveryLength_Rejected()
    {
        var checkpoints = Trained(epochs: 1);
        var original = File.ReadAllBytes(checkpoints.Path);
        var damaged = Path.Combine(Path.GetDirectoryName(checkpoints.Path)!, "damaged.ckpt");
        for (var length = 0; length < original.Length; length++)
        {
            File.WriteAllBytes(damaged, original[..length]);
            var check = CheckpointFile.Verify(damaged, RunKey);
            Assert.False(check.Intact, $"truncation to {length} of {original.Length} bytes was not detected");
        }
        File.WriteAllBytes(damaged, original);
        Assert.True(CheckpointFile.Verify(damaged, RunKey).Intact);
    }

    [Fact]
    public void Verify_AnotherRunsCheckpoint_RejectedNamingBothRuns()
    {
        var checkpoints = Trained(epochs: 1);

        var check = CheckpointFile.Verify(checkpoints.Path, "fedcba9876543210");

        Assert.False(check.Intact);
        Assert.Contains(RunKey, check.Problem);
        Assert.Contains("fedcba9876543210", check.Problem);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Run_NewestCheckpointDamaged_ResumesFromPreviousBitForBit(bool truncate)
    {
        var full = TestOptions.Tiny(epochs: 4);
        var uninterrupted = Train(full);
        var checkpoints = Trained(epochs: 3);
        var bytes = File.ReadAllBytes(checkpoints.Path);
        if (truncate) bytes = bytes[..^10];
        else bytes[bytes.Length / 2] ^= 1;
        File.WriteAllBytes(checkpoints.Path, bytes);

        var resumed = Train(full, checkpoints);

        Assert.Equal(uninterrupted.Epochs.Select(e => e.TrainLoss), resumed.Epochs.Select(e => e.TrainLoss));
        Assert.Equal(uninterrupted.Epochs.Select(e => e.Test), resumed.Epochs.Select(e => e.Test));
        Assert.Equal([(checkpoints.Path, 4), (checkpoints.PreviousPath, 3)], checkpoints.Inspect().Select(c => (c.Path, c.Epoch)));
        Assert.All(checkpoints.Inspect(), c => Assert.True(c.Intact, c.Problem));
    }

    [Fact]
    public void Run_KilledBetweenTheRenames_ResumesFromTheTemporaryFile()
    {
        var checkpoints = Trained(epochs: 2);
        // Killed while saving epoch 2: the new file is whole under its temporary name and epoch 1 was already moved aside.
        File.Move(checkpoints.Path, checkpoints.TemporaryPath);

        var intact = checkpoints.Settle();

        Assert.Equal(2, intact!.Epoch);
        Assert.Equal([(checkpoints.Path, 2), (checkpoints.PreviousPath, 1)], checkpoints.Inspect().Select(c => (c.Path, c.Epoch)));
    }

    [Fact]
    public void Run_NoIntactCheckpoint_ThrowsCheckpointFaultNamingTheFilesAndKeepsThem()
    {
        var checkpoints = Trained(epochs: 2);
        File.WriteAllBytes(checkpoints.Path, File.ReadAllBytes(checkpoints.Path)[..100]);
        File.WriteAllBytes(checkpoints.PreviousPath, []);

        var fault = Assert.Throws<FaultException>(() => Train(TestOptions.Tiny(epochs: 3), checkpoints));

        Assert.Equal(FaultKind.Checkpoint, fault.Kind);
        Assert.Contains(checkpoints.Path, fault.Message);
        Assert.Contains(checkpoints.PreviousPath, fault.Message);
        Assert.DoesNotContain('\n', fault.Message);
        Assert.True(File.Exists(checkpoints.Path) && File.Exists(checkpoints.PreviousPath));
    }

    [Fact]
    public void LoadModel_CorruptCheckpoint_ThrowsCheckpointFault()
    {
        var checkpoints = Trained(epochs: 1);
        var bytes = File.ReadAllBytes(checkpoints.Path);
        bytes[^1] ^= 0xff;
        File.WriteAllBytes(checkpoints.Path, bytes);
        using var problem = new ShortestPathDemoExperiment().Build(TestOptions.Tiny());

        var fault = Assert.Throws<FaultException>(() => Trainer.LoadModel(checkpoints.Path, problem.Backbone));

        Assert.Equal(FaultKind.Checkpoint, fault.Kind);
        Assert.Contains("checksum", fault.Message);
    }
}
