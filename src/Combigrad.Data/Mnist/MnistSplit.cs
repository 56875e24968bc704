namespace Combigrad.Data.Mnist;

/// <summary>The three splits of paper Suppl. 6.4: 50,000 training, 10,000 validation and 10,000 test images.</summary>
public enum MnistSplit
{
    /// <summary>The first 50,000 images of the training file.</summary>
    Train,

    /// <summary>The last 10,000 images of the training file.</summary>
    Validation,

    /// <summary>The 10,000 images of the test file.</summary>
    Test,
}
