// The README's layer example as a whole program: forward and backward through a SolverLayer.
// .ci/consumer copies it into brand-new console projects outside the repository (package and project references).
using Combigrad.Layers;
using Combigrad.Solvers;
using static TorchSharp.torch;

var shortestPath = new SolverLayer(new GridShortestPathSolver(12), new IdentityMethod(),
    new SolverLayerOptions { NoiseMagnitude = 0.2, NoiseSeed = 1 });      // projection: Auto (P_sphere here)
manual_seed(0);
var network = nn.Sequential(nn.Linear(5, 144), nn.Softplus());            // non-negative vertex costs
var features = randn(8, 5);                                                // a batch of 8 inputs
var truePaths = shortestPath.call(rand(8, 12, 12)).detach();               // stand-in labels: paths under random costs
var paths = shortestPath.call(network.call(features).reshape(-1, 12, 12)); // [batch, 12, 12] 0/1 paths
var loss = (paths - truePaths).abs().mean();                               // Hamming loss to the true paths
loss.backward();                                                           // Identity: dL/dw = -P'(w)^T dL/dy

var corners = paths[.., 0, 0].sum().item<float>() + paths[.., 11, 11].sum().item<float>();
var gradientNorm = network.parameters().First().grad!.norm().item<float>();
Console.WriteLine($"paths [{string.Join(", ", paths.shape)}], loss {loss.item<float>():F4}, first-layer gradient norm {gradientNorm:F4}");
var ok = corners == 16 && gradientNorm > 0 && float.IsFinite(gradientNorm);
Console.WriteLine(ok ? "forward and backward through SolverLayer: ok" : "forward and backward through SolverLayer: FAILED");
return ok ? 0 : 1;
