using System.Diagnostics;
using Combigrad.Experiments.Slurm;

namespace Combigrad.Experiments.Tests.Slurm;

/// <summary>
/// Runs the generated array script with bash as Slurm would for one task, with fakes on PATH: <c>srun</c> runs its
/// command, <c>scancel</c> records its arguments and sends SIGTERM to the run, <c>scontrol</c> records its arguments,
/// and the command line records its arguments, then trains until SIGTERM. Checks which run a task starts, that exit
/// codes pass through, and when a stopped task requeues itself.
/// </summary>
public sealed class SlurmArrayScriptTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private sealed class Fixture
    {
        public Fixture(string mode)
        {
            Root = Path.Combine(Path.GetTempPath(), "combigrad-slurm-script-tests", Guid.NewGuid().ToString("N"));
            Directory = new SlurmSweepDirectory(Path.Combine(Root, "sweep"));
            System.IO.Directory.CreateDirectory(Directory.RunsDirectory);
            var bin = Path.Combine(Root, "fakebin");
            System.IO.Directory.CreateDirectory(bin);
            Write(Path.Combine(bin, "srun"), """
                #!/bin/bash
                while [[ "$1" == --* ]]; do shift; done
                exec "$@"
                """);
            Write(Path.Combine(bin, "scancel"), """
                #!/bin/bash
                echo "$*" >> "$FAKE_LOG.scancel"
                kill -TERM "$(cat "$FAKE_LOG.pid")"
                """);
            Write(Path.Combine(bin, "scontrol"), """
                #!/bin/bash
                echo "$*" >> "$FAKE_LOG.scontrol"
                """);
            Cli = Path.Combine(bin, "fake-combigrad");
            Write(Cli, """
                #!/bin/bash
                echo $$ > "$FAKE_LOG.pid"
                printf '%s\n' "$@" > "$FAKE_LOG.args"
                case "$FAKE_MODE" in
                  done) exit 0 ;;
                  fail) exit 3 ;;
                esac
                trap '[ "$FAKE_MODE" = progress ] && { mkdir -p "$(dirname "$FAKE_CHECKPOINT")"; echo new > "$FAKE_CHECKPOINT"; }; exit 143' TERM
                touch "$FAKE_LOG.started"
                while :; do sleep 0.05; done
                """);
            Submission = Directory.NextSubmission();
            File.WriteAllLines(Submission.RunsPath, [
                new SlurmRunLine("aaaaaaaaaaaaaaaa", ["method=\"identity\"", "training.seed=0"]).Format(),
                new SlurmRunLine("bbbbbbbbbbbbbbbb", ["method=\"bb\"", "note=two words", "training.seed=1"]).Format(),
            ]);
            File.WriteAllText(Submission.ScriptPath, SlurmArrayScript.Render(Directory, Submission, 2,
                new SlurmJobResources("debug", "00:10:00", 1, "1G", 1), [Cli], "combigrad-test"));
            Log = Path.Combine(Root, "fake");
            Mode = mode;
            FakeBin = bin;
        }

        public string Root { get; }
        public SlurmSweepDirectory Directory { get; }
        public SlurmSubmission Submission { get; }
        public string Cli { get; }
        public string Log { get; }
        public string Mode { get; }
        public string FakeBin { get; }
        public string Checkpoint => Path.Combine(Directory.RunsDirectory, "checkpoints", "bbbbbbbbbbbbbbbb.ckpt");

        public Process StartTask(int index)
        {
            var start = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Submission.ScriptPath);
            start.Environment["PATH"] = FakeBin + ":" + Environment.GetEnvironmentVariable("PATH");
            start.Environment["SLURM_ARRAY_TASK_ID"] = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            start.Environment["SLURM_JOB_ID"] = "77";
            start.Environment["SLURM_CPUS_PER_TASK"] = "1";
            start.Environment["FAKE_LOG"] = Log;
            start.Environment["FAKE_MODE"] = Mode;
            start.Environment["FAKE_CHECKPOINT"] = Checkpoint;
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return process;
        }

        public void WaitUntilTraining()
        {
            var deadline = DateTime.UtcNow + Patience;
            while (!File.Exists(Log + ".started") && DateTime.UtcNow < deadline) Thread.Sleep(20);
            Assert.True(File.Exists(Log + ".started"), "the fake run did not start");
        }

        private static void Write(string path, string text)
        {
            File.WriteAllText(path, text.ReplaceLineEndings("\n") + "\n");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static void Signal(int pid)
    {
        using var kill = Process.Start("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    private static int Finish(Process process)
    {
        Assert.True(process.WaitForExit(Patience), "the task script did not end");
        process.WaitForExit();
        return process.ExitCode;
    }

    [Fact]
    public void Script_PassesBashSyntaxCheckAndAsksForSignalAndRequeue()
    {
        var fixture = new Fixture("done");
        var text = File.ReadAllText(fixture.Submission.ScriptPath);
        Assert.Contains("#SBATCH --array=0-1%1\n", text, StringComparison.Ordinal);
        Assert.Contains($"#SBATCH --signal=B:TERM@{SlurmArrayScript.SignalLeadSeconds}\n", text, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --requeue\n", text, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --partition=debug\n#SBATCH --time=00:10:00\n#SBATCH --cpus-per-task=1\n#SBATCH --mem=1G\n", text, StringComparison.Ordinal);
        using var check = Process.Start("bash", ["-n", fixture.Submission.ScriptPath])!;
        check.WaitForExit();
        Assert.Equal(0, check.ExitCode);
    }

    [Fact]
    public void Task_RunsItsOwnLineIntoItsOwnDatabaseWithResume()
    {
        var fixture = new Fixture("done");
        using var task = fixture.StartTask(1);
        Assert.Equal(0, Finish(task));
        string[] expected =
        [
            "run", "--config", fixture.Submission.PresetPath, "--db", fixture.Directory.RunDatabase("bbbbbbbbbbbbbbbb"), "--resume", "--quiet",
            "--set", "method=\"bb\"", "--set", "note=two words", "--set", "training.seed=1",
        ];
        Assert.Equal(expected, File.ReadAllLines(fixture.Log + ".args"));
    }

    [Fact]
    public void Task_RunFails_ExitCodePassesThroughWithoutRequeue()
    {
        var fixture = new Fixture("fail");
        using var task = fixture.StartTask(0);
        Assert.Equal(3, Finish(task));
        Assert.False(File.Exists(fixture.Log + ".scontrol"));
    }

    [Fact]
    public void Task_TermBeforeTimeLimitAfterANewCheckpoint_RequeuesItself()
    {
        var fixture = new Fixture("progress");
        using var task = fixture.StartTask(1);
        fixture.WaitUntilTraining();
        Signal(task.Id);
        Assert.Equal(143, Finish(task));
        Assert.Equal(["--signal=TERM 77"], File.ReadAllLines(fixture.Log + ".scancel"));
        Assert.Equal(["requeue 77"], File.ReadAllLines(fixture.Log + ".scontrol"));
    }

    [Fact]
    public void Task_TermBeforeTimeLimitWithoutProgress_DoesNotRequeue()
    {
        var fixture = new Fixture("stall");
        using var task = fixture.StartTask(1);
        fixture.WaitUntilTraining();
        Signal(task.Id);
        Assert.Equal(143, Finish(task));
        Assert.False(File.Exists(fixture.Log + ".scontrol"));
    }
}
