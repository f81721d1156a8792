using Microsoft.Extensions.Primitives;
using VoiceFleet.Rpc.Protocol;
using Xunit;

namespace VoiceFleet.Rpc.Tests.Protocol;

public sealed class MetadataEncodingTests
{
    [Theory]
    [InlineData("q6ur")]
    [InlineData("q6s")]
    [InlineData("q6s=")]
    [InlineData("qw")]
    [InlineData("qw==")]
    public void DecodeBase64_PaddedOrUnpadded_Accepted(string value)
    {
        var bytes = MetadataEncoding.DecodeBase64(value);

        Assert.Equal(0xab, bytes[0]);
    }

    [Fact]
    public void DecodeBase64_Garbage_Throws()
    {
        Assert.Throws<FormatException>(() => MetadataEncoding.DecodeBase64("!!!"));
        Assert.Throws<FormatException>(() => MetadataEncoding.DecodeBase64("abcde"));
    }

    [Fact]
    public void AddHeader_BinaryWithSeveralValues_EachDecoded()
    {
        var metadata = new Metadata();

        MetadataEncoding.AddHeader(metadata, "x-data-bin", new StringValues("AQI,AwQ="));

        Assert.Equal([[1, 2], [3, 4]], metadata.GetAll("x-data-bin").Select(e => e.ValueBytes));
    }

    [Fact]
    public void ToHeaderValue_Binary_UnpaddedBase64()
    {
        Assert.Equal("q6ur", MetadataEncoding.ToHeaderValue(new Metadata.Entry("k-bin", [0xab, 0xab, 0xab])));
        Assert.Equal("AQ", MetadataEncoding.ToHeaderValue(new Metadata.Entry("k-bin", [1])));
    }

    [Theory]
    [InlineData("grpc-status")]
    [InlineData("Has Space")]
    [InlineData("ümlaut")]
    public void Entry_InvalidKey_Throws(string key)
    {
        Assert.Throws<ArgumentException>(() => new Metadata.Entry(key, "v"));
    }

    [Fact]
    public void Entry_TextValueWithNewline_ThrowsSuggestingBinaryKey()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Metadata.Entry("x-text", "a\nb"));

        Assert.Contains("-bin", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Entry_KeyCase_NormalizedToLowerCase()
    {
        Assert.Equal("x-mixed", new Metadata.Entry("X-Mixed", "v").Key);
    }
}
