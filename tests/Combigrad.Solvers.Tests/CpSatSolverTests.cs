using Combigrad.Testing;
using Google.OrTools.Sat;

namespace Combigrad.Solvers.Tests;

public sealed class CpSatSolverTests
{
    private const int Seed = 5;
    private const int Size = 4;

    [Fact]
    public void Solve_PermutationMatrixModel_MatchesBruteForceOverPermutations()
    {
        const int Instances = 60;
        var solver = new CpSatSolver(Size * Size, BuildAssignment);
        var permutations = BruteForce.EnumeratePermutations(Size).Select(PermutationMatrix).ToList();
        var random = new Random(Seed);

        for (var instance = 0; instance < Instances; instance++)
        {
            var costs = RandomCosts.MixedSigned(random, Size * Size);

            var y = solver.SolveToArray(costs);

            Assert.Contains(permutations, p => p.SequenceEqual(y));
            Assert.Equal(ExactSums.Minimum(permutations, costs), ExactSums.Objective(y, costs));
            Assert.Equal(Size, y.Sum());
        }
    }

    [Fact]
    public void Solve_ExtremeMagnitudes_EqualsExactBruteForceOrRefusesNamingTheRange()
    {
        const int Instances = 1500;
        var solver = new CpSatSolver(Size * Size, BuildAssignment);
        var permutations = BruteForce.EnumeratePermutations(Size).Select(PermutationMatrix).ToList();
        var refused = 0;

        SeededProperty.Check(ExtremeCostGens.Signed(Size * Size), costs =>
        {
            float[] y;
            try
            {
                y = solver.SolveToArray(costs);
            }
            catch (ArgumentException ex) when (ex.Message.Contains("cannot be given to CP-SAT exactly", StringComparison.Ordinal))
            {
                refused++;
                return;
            }

            Assert.Contains(permutations, p => p.SequenceEqual(y));
            Assert.Equal(ExactSums.Minimum(permutations, costs), ExactSums.Objective(y, costs));
        }, seed: Seed + 1, Instances);
        // CsCheck's floats reach 1e-20 and below, so many vectors span more than 61 bits and are refused.
        Assert.InRange(refused, 1, Instances * 3 / 4);
    }

    [Fact]
    public void Solve_OptedIntoRounding_RoundsInsteadOfRefusing()
    {
        var solver = new CpSatSolver(Size * Size, BuildAssignment, new CpSatSolverOptions { CostResolutionBits = 20 });
        var costs = new float[Size * Size];
        costs[0] = 1f;
        costs[1] = 1e-40f; // subnormal next to 1: refused in exact mode, rounded to 0 here

        var y = solver.SolveToArray(costs);

        Assert.Equal(Size, y.Sum());
        Assert.Throws<ArgumentException>(() => new CpSatSolver(Size * Size, BuildAssignment).SolveToArray(costs));
    }

    [Fact]
    public void Constructor_SumEqualityOverAllVariables_DeclaresConstantSum()
    {
        var solver = new CpSatSolver(5, model =>
        {
            var x = Enumerable.Range(0, 5).Select(i => (IntVar)model.NewBoolVar($"x{i}")).ToArray();
            model.Add(LinearExpr.Sum(x) == 2);
            return x;
        });

        Assert.True(solver.Facts.HasConstantSum);
        Assert.False(new CpSatSolver(Size * Size, BuildAssignment).Facts.HasConstantSum);
    }

    [Fact]
    public void Solve_ScaledByPowerOfTwo_SameSolution()
    {
        var solver = new CpSatSolver(Size * Size, BuildAssignment);
        var random = new Random(Seed + 1);

        for (var instance = 0; instance < 20; instance++)
        {
            var costs = RandomCosts.MixedSigned(random, Size * Size);
            var scale = MathF.ScaleB(1f, random.Next(-8, 9));

            Assert.Equal(solver.SolveToArray(costs), solver.SolveToArray(costs.Select(c => c * scale).ToArray()));
        }
    }

    [Fact]
    public void Solve_InfeasibleModel_ThrowsInfeasibleProblemException()
    {
        var solver = new CpSatSolver(2, model =>
        {
            var x = new IntVar[] { model.NewBoolVar("a"), model.NewBoolVar("b") };
            model.Add(x[0] + x[1] >= 3);
            return x;
        });

        var ex = Assert.Throws<InfeasibleProblemException>(() => solver.SolveToArray([1f, 1f]));

        Assert.Contains("Infeasible", ex.Message);
    }

    [Fact]
    public void Constructor_WrongVariableCountOrNullCallback_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new CpSatSolver(3, model => [model.NewBoolVar("a")]));

        Assert.Contains("returned 1 variables, expected 3", ex.Message);
        Assert.Throws<ArgumentNullException>(() => new CpSatSolver(3, null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CpSatSolver(0, model => []));
        Assert.Throws<ArgumentOutOfRangeException>(
            () => new CpSatSolver(1, model => [model.NewBoolVar("a")], new CpSatSolverOptions { CostResolutionBits = 2 }));
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.NegativeInfinity, "infinite")]
    public void Solve_InvalidCost_ThrowsArgumentExceptionNamingIndex(float bad, string defect)
    {
        var solver = new CpSatSolver(Size * Size, BuildAssignment);
        var costs = new float[Size * Size];
        costs[7] = bad;

        var ex = Assert.Throws<ArgumentException>(() => solver.SolveToArray(costs));

        Assert.Contains("index 7", ex.Message);
        Assert.Contains(defect, ex.Message);
    }

    [Fact]
    public void Solve_ConcurrentCalls_SameAsSequential()
    {
        var solver = new CpSatSolver(Size * Size, BuildAssignment);
        var random = new Random(Seed + 2);
        var costs = new float[32 * Size * Size];
        for (var i = 0; i < costs.Length; i++) costs[i] = (float)random.NextDouble();
        var sequential = new float[costs.Length];
        var parallel = new float[costs.Length];

        solver.SolveBatch(costs, sequential, maxDegreeOfParallelism: 1);
        solver.SolveBatch(costs, parallel, maxDegreeOfParallelism: 2);

        Assert.Equal(sequential, parallel);
    }

    private static IReadOnlyList<IntVar> BuildAssignment(CpModel model)
    {
        var x = new BoolVar[Size, Size];
        for (var i = 0; i < Size; i++)
            for (var j = 0; j < Size; j++)
                x[i, j] = model.NewBoolVar($"x{i}_{j}");
        for (var i = 0; i < Size; i++)
        {
            model.AddExactlyOne(Enumerable.Range(0, Size).Select(j => (ILiteral)x[i, j]));
            model.AddExactlyOne(Enumerable.Range(0, Size).Select(j => (ILiteral)x[j, i]));
        }
        return x.Cast<IntVar>().ToList();
    }

    /// <summary>The row-major permutation matrix of ranks <c>1..n</c>.</summary>
    private static float[] PermutationMatrix(float[] ranks)
    {
        var y = new float[Size * Size];
        for (var i = 0; i < Size; i++) y[i * Size + (int)ranks[i] - 1] = 1f;
        return y;
    }
}
