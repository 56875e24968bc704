using Combigrad.Data.KeypointMatching;
using Combigrad.Data.Warcraft;

namespace Combigrad.Data.Tests.KeypointMatching;

[Collection(FreecivCollection.Name)]
public sealed class WarcraftSourceImagesTests(FreecivFixture freeciv)
{
    [Fact]
    public void Render_IsTheRenderedMapInChannelMajorOrder()
    {
        var images = new WarcraftSourceImages(freeciv.Renderer, 8);
        var image = images.Render(3);
        var interleaved = freeciv.Renderer.Render(WarcraftMapGenerator.Generate(8, 3));

        Assert.Equal(64, images.Side);
        Assert.Equal(3 * 64 * 64, image.Length);
        const int X = 17, Y = 40;
        for (var c = 0; c < 3; c++) Assert.Equal(interleaved[(Y * 64 + X) * 3 + c], image[(c * 64 + Y) * 64 + X]);
        Assert.Equal(image, images.Render(3));
        Assert.NotEqual(image, images.Render(4));
    }
}
