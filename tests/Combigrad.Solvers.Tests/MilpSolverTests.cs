using Combigrad.Testing;

namespace Combigrad.Solvers.Tests;

public sealed class MilpSolverTests
{
    private const int Seed = 99;

    /// <summary>SCIP's feasibility and optimality tolerances are about 1e-6 (relative); objectives agree within this.</summary>
    private const double SolverObjectiveTolerance = 1e-5;

    [Fact]
    public void Constructor_BinaryProblem_HasShapeAndFacts()
    {
        var problem = new MilpProblem(4).AddLessOrEqual([1, 1, 1, 1], 2);
        var solver = new MilpSolver(problem);

        Assert.Equal(4, solver.Dimension);
        Assert.Equal([4], solver.InstanceShape);
        Assert.Equal(new SolutionSetFacts(HasConstantSum: false, RequiresNonNegativeCosts: false), solver.Facts);
    }

    [Fact]
    public void Constructor_EqualityRowOfEqualCoefficients_DeclaresConstantSumThatHolds()
    {
        var solver = new MilpSolver(new MilpProblem(6).AddEqual([2, 2, 2, 2, 2, 2], 6));
        var random = new Random(Seed);

        Assert.True(solver.Facts.HasConstantSum);
        for (var instance = 0; instance < 10; instance++)
            Assert.Equal(3f, solver.SolveToArray(RandomCosts.MixedSigned(random, 6)).Sum());
    }

    [Fact]
    public void Solve_TopThreeAsMilp_SelectsThreeSmallestCosts()
    {
        var solver = new MilpSolver(new MilpProblem(5).AddEqual([1, 1, 1, 1, 1], 3));

        Assert.Equal([1f, 0f, 1f, 0f, 1f], solver.SolveToArray([-1f, 4f, 0.5f, 2f, -3f]));
    }

    [Fact]
    public void Solve_ContinuousSimplex_ReturnsCheapestVertex()
    {
        var problem = new MilpProblem(3).AddEqual([1, 1, 1], 1);
        for (var i = 0; i < 3; i++) problem.SetInteger(i, false);
        var solver = new MilpSolver(problem);

        var y = solver.SolveToArray([0.3f, -0.2f, 0.1f]);

        Assert.Equal(0f, y[0], 5);
        Assert.Equal(1f, y[1], 5);
        Assert.Equal(0f, y[2], 5);
    }

    [Fact]
    public void Solve_RandomTinyIntegerPrograms_MatchBruteForceOrReportInfeasible()
    {
        const int Instances = 100;
        var random = new Random(Seed);
        int solved = 0, infeasible = 0;

        for (var instance = 0; instance < Instances; instance++)
        {
            var n = random.Next(1, 5);
            var (problem, lower, upper, rows, equalities) = RandomIntegerProgram(random, n);
            var points = MilpReferences.EnumerateIntegerPoints(lower, upper, rows, equalities);
            var solver = new MilpSolver(problem);
            var costs = RandomCosts.MixedSigned(random, n);

            if (points.Count == 0)
            {
                var ex = Assert.Throws<InfeasibleProblemException>(() => solver.SolveToArray(costs));
                Assert.Contains("status", ex.Message);
                infeasible++;
                continue;
            }
            var y = solver.SolveToArray(costs);

            Assert.Contains(points, point => point.SequenceEqual(y));
            var (_, minimum) = BruteForce.ArgMin(points, costs);
            Assert.True(Math.Abs(BruteForce.Objective(y, costs) - minimum) <= SolverObjectiveTolerance * (1 + Math.Abs(minimum)),
                $"instance {instance}: objective {BruteForce.Objective(y, costs)}, brute force {minimum}");
            solved++;
        }
        Assert.True(solved > Instances / 2);
        Assert.True(infeasible > 0);
    }

    [Fact]
    public void Solve_MultiKnapsackOf24Items_MatchesCpSatSolver()
    {
        const int Items = 24;
        const int Instances = 4;
        var random = new Random(Seed + 1);

        for (var instance = 0; instance < Instances; instance++)
        {
            var weights = new int[2][];
            var problem = new MilpProblem(Items);
            for (var r = 0; r < 2; r++)
            {
                weights[r] = Enumerable.Range(0, Items).Select(_ => random.Next(1, 20)).ToArray();
                problem.AddLessOrEqual(weights[r].Select(w => (double)w).ToArray(), weights[r].Sum() / 3);
            }
            var milp = new MilpSolver(problem);
            var cpSat = new CpSatSolver(Items, model =>
            {
                var x = Enumerable.Range(0, Items).Select(i => (Google.OrTools.Sat.IntVar)model.NewBoolVar($"x{i}")).ToArray();
                for (var r = 0; r < 2; r++)
                    model.Add(Google.OrTools.Sat.LinearExpr.WeightedSum(x, weights[r].Select(w => (long)w)) <= weights[r].Sum() / 3);
                return x;
            }, new CpSatSolverOptions { CostResolutionBits = 30 });
            var costs = RandomCosts.Uniform(random, Items, -10f, 1f);

            var a = BruteForce.Objective(milp.SolveToArray(costs), costs);
            var b = BruteForce.Objective(cpSat.SolveToArray(costs), costs);

            Assert.True(Math.Abs(a - b) <= SolverObjectiveTolerance * (1 + Math.Abs(a)), $"instance {instance}: SCIP {a}, CP-SAT {b}");
        }
    }

    [Fact]
    public void Solve_ScaledCosts_SameSolution()
    {
        const int Instances = 20;
        var random = new Random(Seed + 2);
        var solver = new MilpSolver(new MilpProblem(8).AddLessOrEqual([3, 1, 4, 1, 5, 9, 2, 6], 12).AddGreaterOrEqual([1, 1, 1, 1, 1, 1, 1, 1], 2));

        for (var instance = 0; instance < Instances; instance++)
        {
            var costs = RandomCosts.Uniform(random, 8, -10f, 10f);
            var scale = (float)Math.Exp(-4.6 + 9.2 * random.NextDouble());

            Assert.Equal(solver.SolveToArray(costs), solver.SolveToArray(costs.Select(c => c * scale).ToArray()));
        }
    }

    [Fact]
    public void SolveBatch_TwoThreads_SameAsSequential()
    {
        const int Batch = 8;
        var solver = new MilpSolver(new MilpProblem(6).AddLessOrEqual([2, 3, 1, 4, 2, 3], 7));
        var costs = RandomCosts.Uniform(new Random(Seed + 4), Batch * 6, -5f, 1f);
        var sequential = new float[costs.Length];
        var parallel = new float[costs.Length];

        solver.SolveBatch(costs, sequential, maxDegreeOfParallelism: 1);
        solver.SolveBatch(costs, parallel, maxDegreeOfParallelism: 2);

        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void Solve_Infeasible_ThrowsInfeasibleProblemExceptionWithStatus()
    {
        var solver = new MilpSolver(new MilpProblem(2).AddGreaterOrEqual([1, 1], 3));

        var ex = Assert.Throws<InfeasibleProblemException>(() => solver.SolveToArray([1f, 1f]));

        Assert.Contains("INFEASIBLE", ex.Message);
    }

    [Fact]
    public void Solve_NegativeCostOnUnboundedVariable_ThrowsUnboundedProblemException()
    {
        var problem = new MilpProblem(2).SetBounds(0, 0, double.PositiveInfinity).SetInteger(0, false);
        var solver = new MilpSolver(problem);

        var ex = Assert.Throws<UnboundedProblemException>(() => solver.SolveToArray([-1f, 1f]));

        Assert.Contains("unbounded", ex.Message);
        Assert.Equal([0f, 0f], solver.SolveToArray([1f, 1f]));
    }

    [Fact]
    public void Solve_TinyTimeLimitOnHardModel_ThrowsSolverTimeLimitException()
    {
        const int Items = 150;
        var random = new Random(Seed + 3);
        var problem = new MilpProblem(Items);
        for (var r = 0; r < 10; r++)
            problem.AddLessOrEqual(Enumerable.Range(0, Items).Select(_ => (double)random.Next(100, 1000)).ToArray(), 20_000);
        var solver = new MilpSolver(problem, new MilpSolverOptions { TimeLimit = TimeSpan.FromMilliseconds(1) });

        var ex = Assert.Throws<SolverTimeLimitException>(() => solver.SolveToArray(RandomCosts.Uniform(random, Items, -10f, -1f)));

        Assert.Equal(solver.Name, ex.SolverName);
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "infinite")]
    public void Solve_InvalidCost_ThrowsArgumentExceptionNamingIndex(float bad, string defect)
    {
        var solver = new MilpSolver(new MilpProblem(3));

        var ex = Assert.Throws<ArgumentException>(() => solver.SolveToArray([0f, bad, 1f]));

        Assert.Contains("index 1", ex.Message);
        Assert.Contains(defect, ex.Message);
    }

    [Fact]
    public void Solve_WrongSpanLength_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => new MilpSolver(new MilpProblem(3)).Solve(new float[3], new float[4]));

    [Fact]
    public void Problem_InvalidDefinitions_ThrowWithClearMessages()
    {
        var problem = new MilpProblem(2);

        Assert.Contains("3 coefficients, expected 2", Assert.Throws<ArgumentException>(() => problem.AddLessOrEqual([1, 2, 3], 1)).Message);
        Assert.Contains("index 1", Assert.Throws<ArgumentException>(() => problem.AddEqual([1, double.NaN], 1)).Message);
        Assert.Throws<ArgumentException>(() => problem.AddLessOrEqual([1, 1], double.PositiveInfinity));
        Assert.Throws<ArgumentException>(() => problem.SetBounds(0, 2, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => problem.SetBounds(5, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MilpProblem(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MilpSolver(problem, new MilpSolverOptions { TimeLimit = TimeSpan.Zero }));
    }

    [Fact]
    public void Constructor_LaterChangesToProblem_DoNotAffectSolver()
    {
        var problem = new MilpProblem(2);
        var solver = new MilpSolver(problem);
        problem.AddGreaterOrEqual([1, 1], 3);

        Assert.Equal([1f, 0f], solver.SolveToArray([-1f, 1f]));
    }

    private static (MilpProblem, int[], int[], List<(double[], double)>, List<(double[], double)>) RandomIntegerProgram(Random random, int n)
    {
        var problem = new MilpProblem(n);
        var lower = new int[n];
        var upper = new int[n];
        for (var i = 0; i < n; i++)
        {
            lower[i] = random.Next(-2, 1);
            upper[i] = lower[i] + random.Next(0, 4);
            problem.SetBounds(i, lower[i], upper[i]);
        }
        var rows = new List<(double[], double)>();
        var equalities = new List<(double[], double)>();
        var rowCount = random.Next(0, 4);
        for (var r = 0; r < rowCount; r++)
        {
            var a = Enumerable.Range(0, n).Select(_ => (double)random.Next(-3, 4)).ToArray();
            var b = random.Next(-3, 5);
            if (random.Next(5) == 0)
            {
                equalities.Add((a, b));
                problem.AddEqual(a, b);
            }
            else
            {
                rows.Add((a, b));
                problem.AddLessOrEqual(a, b);
            }
        }
        return (problem, lower, upper, rows, equalities);
    }
}
