using VoiceFleet.Models.Manifest;
using Xunit;

namespace VoiceFleet.Models.Tests.Manifest;

public sealed class ModelNamesTests
{
    [Theory]
    [InlineData("forge-voice")]
    [InlineData("v21")]
    [InlineData("v-slow")]
    [InlineData("1.2.0")]
    [InlineData("a")]
    [InlineData("en_us-lessac-medium")]
    public void IsValid_GoodNames_AreAccepted(string name) => Assert.True(ModelNames.IsValid(name));

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("../x")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("/etc")]
    [InlineData("V21")]
    [InlineData("-v")]
    [InlineData(".hidden")]
    [InlineData("v21\n")]
    [InlineData("a b")]
    [InlineData("ünï")]
    public void IsValid_BadNames_AreRefused(string name) => Assert.False(ModelNames.IsValid(name));

    [Fact]
    public void IsValid_SixtyFiveCharacters_IsRefused()
    {
        Assert.True(ModelNames.IsValid(new string('a', 64)));
        Assert.False(ModelNames.IsValid(new string('a', 65)));
    }

    [Theory]
    [InlineData("en_US-lessac-medium", "en_us-lessac-medium")]
    [InlineData("My Voice!", "my-voice-")]
    [InlineData("..__x", "x")]
    [InlineData("", "fallback")]
    [InlineData("ÄÖ", "fallback")]
    public void Sanitize_AnyText_GivesAValidName(string text, string expected)
    {
        var name = ModelNames.Sanitize(text, "fallback");

        Assert.Equal(expected, name);
        Assert.True(ModelNames.IsValid(name));
    }
}
