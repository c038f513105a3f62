using CaraPlatform.Domain.Common;

namespace CaraPlatform.Domain.Tests.Common;

public sealed class PostcodeNormalisationTests
{
    [Theory]
    [InlineData("M1 1AE", "M1 1AE")]
    [InlineData("B33 8TH", "B33 8TH")]
    [InlineData("CR2 6XH", "CR2 6XH")]
    [InlineData("DN55 1PT", "DN55 1PT")]
    [InlineData("W1A 0AX", "W1A 0AX")]
    [InlineData("EC1A 1BB", "EC1A 1BB")]
    [InlineData("so14 5gl", "SO14 5GL")]
    [InlineData("SO145GL", "SO14 5GL")]
    [InlineData("  so14   5gl ", "SO14 5GL")]
    public void A_UK_postcode_is_normalised(string input, string expected)
    {
        Assert.True(Postcode.TryNormalise(input, out var normalised));
        Assert.Equal(expected, normalised);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("90210")]
    [InlineData("SO14")]
    [InlineData("1SO 4GL")]
    [InlineData("SO14 5G1")]
    [InlineData("SO14 5GL X")]
    [InlineData("SO14-5GL")]
    public void Anything_else_is_refused(string? input)
    {
        Assert.False(Postcode.TryNormalise(input, out var normalised));
        Assert.Equal(string.Empty, normalised);
    }
}
