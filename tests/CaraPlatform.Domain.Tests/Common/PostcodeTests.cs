using CaraPlatform.Domain.Common;

namespace CaraPlatform.Domain.Tests.Common;

public sealed class PostcodeTests
{
    [Theory]
    [InlineData("M1 1AE")] // A9 9AA
    [InlineData("B33 8TH")] // A99 9AA
    [InlineData("CR2 6XH")] // AA9 9AA
    [InlineData("DN55 1PT")] // AA99 9AA
    [InlineData("W1A 0AX")] // A9A 9AA
    [InlineData("EC1A 1BB")] // AA9A 9AA
    [InlineData("SO14 5GL")]
    [InlineData("PO30 5BA")]
    public void A_postcode_in_normal_form_is_kept_as_it_is(string postcode)
    {
        Assert.True(Postcode.TryNormalise(postcode, out var normalised));
        Assert.Equal(postcode, normalised);
    }

    [Theory]
    [InlineData("m1 1ae", "M1 1AE")]
    [InlineData("b33 8th", "B33 8TH")]
    [InlineData("ec1a 1bb", "EC1A 1BB")]
    [InlineData("So14 5gL", "SO14 5GL")]
    public void Lower_case_is_raised(string input, string expected)
    {
        Assert.True(Postcode.TryNormalise(input, out var normalised));
        Assert.Equal(expected, normalised);
    }

    [Theory]
    [InlineData("M11AE", "M1 1AE")]
    [InlineData("B338TH", "B33 8TH")]
    [InlineData("CR26XH", "CR2 6XH")]
    [InlineData("DN551PT", "DN55 1PT")]
    [InlineData("W1A0AX", "W1A 0AX")]
    [InlineData("EC1A1BB", "EC1A 1BB")]
    [InlineData("so145gl", "SO14 5GL")]
    public void A_missing_space_is_put_before_the_inward_code(string input, string expected)
    {
        Assert.True(Postcode.TryNormalise(input, out var normalised));
        Assert.Equal(expected, normalised);
    }

    [Theory]
    [InlineData("  SO14 5GL", "SO14 5GL")]
    [InlineData("SO14 5GL  ", "SO14 5GL")]
    [InlineData("SO14   5GL", "SO14 5GL")]
    [InlineData("SO14\t5GL", "SO14 5GL")]
    [InlineData("  so14   5gl ", "SO14 5GL")]
    public void Extra_spaces_are_reduced_to_one_before_the_inward_code(string input, string expected)
    {
        Assert.True(Postcode.TryNormalise(input, out var normalised));
        Assert.Equal(expected, normalised);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t")]
    public void A_missing_postcode_is_refused(string? input) => AssertRefused(input);

    [Theory]
    [InlineData("S")]
    [InlineData("SO14")]
    [InlineData("5GL")]
    [InlineData("M1 1A")]
    [InlineData("M 1AE")]
    public void A_postcode_that_is_too_short_is_refused(string input) => AssertRefused(input);

    [Theory]
    [InlineData("SOA 5GL")] // no digit in the outward code
    [InlineData("S 5GL")]
    [InlineData("SO14 AGL")] // inward code must start with a digit
    [InlineData("M1 AAE")]
    public void Letters_where_digits_belong_are_refused(string input) => AssertRefused(input);

    [Theory]
    [InlineData("SO14 5G1")]
    [InlineData("SO14 55L")]
    [InlineData("1O14 5GL")]
    [InlineData("11 5GL")]
    public void Digits_where_letters_belong_are_refused(string input) => AssertRefused(input);

    [Theory]
    [InlineData("SO14 5GLX")]
    [InlineData("SO14 5GL X")]
    [InlineData("SO14 5GL!")]
    [InlineData("SO14 5GL 1")]
    [InlineData("SO145 5GL")]
    [InlineData("XSO14 5GL")]
    [InlineData("SO14-5GL")]
    [InlineData("SO14, 5GL")]
    [InlineData("S O14 5GL")] // a space inside the outward code
    [InlineData("SO14\n5GL")] // a line break is not a separator
    [InlineData("\u017Fo14 5gl")] // long s upper-cases to S: only ASCII letters count
    public void Extra_characters_are_refused(string input) => AssertRefused(input);

    [Theory]
    [InlineData("12345")] // US ZIP code
    [InlineData("90210")]
    [InlineData("K1A 0B1")] // Canadian
    [InlineData("1012 AB")] // Dutch
    [InlineData("D02 X285")] // Irish Eircode
    [InlineData("75008")] // French
    public void A_postcode_from_another_country_is_refused(string input) => AssertRefused(input);

    private static void AssertRefused(string? input)
    {
        Assert.False(Postcode.TryNormalise(input, out var normalised));
        Assert.Equal(string.Empty, normalised);
    }
}
