using Combigrad.Testing;
using CsCheck;

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

        Assert.True(solver.Facts.HasConstantSum);
        SeededProperty.Check(CostGens.Signed(6), costs => Assert.Equal(3f, solver.SolveToArray(costs).Sum()), seed: Seed, iterations: 10);
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
        // Each SCIP call costs ~10-20 ms (model build and presolve), so hundreds, not thousands, of instances.
        const int Instances = 300;
        int solved = 0, infeasible = 0;

        SeededProperty.Check(MilpGens.TinyIntegerPrograms, program =>
        {
            var points = program.FeasiblePoints();
            var solver = new MilpSolver(program.ToProblem());

            if (points.Count == 0)
            {
                var ex = Assert.Throws<InfeasibleProblemException>(() => solver.SolveToArray(program.Costs));
                Assert.Contains("status", ex.Message);
                infeasible++;
                return;
            }
            var y = solver.SolveToArray(program.Costs);

            Assert.Contains(points, point => point.SequenceEqual(y));
            AssertOptimal(points, program.Costs, y);
            solved++;
        }, seed: Seed, Instances);
        Assert.True(solved > Instances / 2);
        Assert.True(infeasible > 0);
    }

    [Fact]
    public void Solve_RandomBinaryPrograms_MatchEnumerationAndDeclaredFactsHold()
    {
        const int Instances = 100;
        var constantSum = 0;

        SeededProperty.Check(MilpGens.BinaryPrograms(5, 12), program =>
        {
            var points = program.FeasiblePoints();
            var solver = new MilpSolver(program.ToProblem());
            if (points.Count == 0)
            {
                Assert.Throws<InfeasibleProblemException>(() => solver.SolveToArray(program.Costs));
                return;
            }
            var y = solver.SolveToArray(program.Costs);

            Assert.Contains(points, point => point.SequenceEqual(y));
            AssertOptimal(points, program.Costs, y);
            Assert.Equal(program.EqualityRows.Length > 0, solver.Facts.HasConstantSum);
            DeclaredFacts.AssertHold(solver, program.Costs, y);
            if (solver.Facts.HasConstantSum) constantSum++;
        }, seed: Seed + 5, Instances);
        Assert.True(constantSum > 0);
    }

    private const double ScipRelativeTolerance = 1e-8;

    [Fact]
    public void Solve_ExtremeMagnitudes_OptimalWithinDocumentedTolerance()
    {
        const int Instances = 1000;
        var gen = MilpGens.BinaryPrograms(5, 10).Where(p => p.FeasiblePoints().Count > 0)
            .SelectMany(p => ExtremeCostGens.Signed(p.Costs.Length).Select(costs => (Program: p, Costs: costs)));

        SeededProperty.Check(gen, sample =>
        {
            var (program, costs) = sample;
            var points = program.FeasiblePoints();

            var y = new MilpSolver(program.ToProblem()).SolveToArray(costs);

            Assert.Contains(points, point => point.SequenceEqual(y));
            // SCIP is not exact: its tolerances are relative to max(1, the largest cost), so costs below about 1e-9 of that act as zero.
            var excess = ExactSums.ToDouble(ExactSums.Objective(y, costs) - ExactSums.Minimum(points, costs));
            Assert.True(excess <= ScipRelativeTolerance * Math.Max(1.0, costs.Max(MathF.Abs)) * costs.Length,
                $"objective exceeds the exact optimum by {excess:G6}");
        }, seed: Seed + 20, Instances);
    }

    [Fact]
    public void Solve_RandomBinaryProgramsWithScaledCosts_StayOptimal()
    {
        const int Instances = 60;
        var gen = MilpGens.BinaryPrograms(5, 10).Where(p => p.FeasiblePoints().Count > 0)
            .Select(Gen.Double[Math.Log(DeclaredFacts.MinScale), Math.Log(DeclaredFacts.MaxScale)]);

        SeededProperty.Check(gen, sample =>
        {
            var (program, logScale) = sample;
            var scale = (float)Math.Exp(logScale);
            var solver = new MilpSolver(program.ToProblem());

            var y = solver.SolveToArray(program.Costs.Select(c => c * scale).ToArray());

            AssertOptimal(program.FeasiblePoints(), program.Costs, y);
        }, seed: Seed + 6, Instances);
    }

    [Fact]
    public void Solve_MultiKnapsackOf24Items_MatchesCpSatSolver()
    {
        const int Items = 24;
        const int Instances = 4;
        var gen = Gen.Int[1, 19].Array[Items].Array[2].Select(Gen.Float[-10f, 1f].Array[Items]);

        SeededProperty.Check(gen, sample =>
        {
            var (weights, costs) = sample;
            var problem = new MilpProblem(Items);
            foreach (var row in weights) problem.AddLessOrEqual(row.Select(w => (double)w).ToArray(), row.Sum() / 3);
            var milp = new MilpSolver(problem);
            var cpSat = new CpSatSolver(Items, model =>
            {
                var x = Enumerable.Range(0, Items).Select(i => (Google.OrTools.Sat.IntVar)model.NewBoolVar($"x{i}")).ToArray();
                foreach (var row in weights)
                    model.Add(Google.OrTools.Sat.LinearExpr.WeightedSum(x, row.Select(w => (long)w)) <= row.Sum() / 3);
                return x;
            }, new CpSatSolverOptions { CostResolutionBits = 30 });

            var a = BruteForce.Objective(milp.SolveToArray(costs), costs);
            var b = BruteForce.Objective(cpSat.SolveToArray(costs), costs);

            Assert.True(Math.Abs(a - b) <= SolverObjectiveTolerance * (1 + Math.Abs(a)), $"SCIP {a}, CP-SAT {b}");
        }, seed: Seed + 1, Instances);
    }

    [Fact]
    public void Solve_ScaledCosts_SameSolution()
    {
        const int Instances = 20;
        var solver = new MilpSolver(new MilpProblem(8).AddLessOrEqual([3, 1, 4, 1, 5, 9, 2, 6], 12).AddGreaterOrEqual([1, 1, 1, 1, 1, 1, 1, 1], 2));
        var gen = Gen.Float[-10f, 10f].Array[8].Select(Gen.Double[-4.6, 4.6]);

        SeededProperty.Check(gen, sample =>
        {
            var (costs, logScale) = sample;
            var scale = (float)Math.Exp(logScale);

            Assert.Equal(solver.SolveToArray(costs), solver.SolveToArray(costs.Select(c => c * scale).ToArray()));
        }, seed: Seed + 2, Instances);
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

    private static void AssertOptimal(IReadOnlyList<float[]> points, float[] costs, float[] y)
    {
        var (_, minimum) = BruteForce.ArgMin(points, costs);
        var objective = BruteForce.Objective(y, costs);
        Assert.True(Math.Abs(objective - minimum) <= SolverObjectiveTolerance * (1 + Math.Abs(minimum)),
            $"objective {objective}, brute force {minimum}");
    }
}
