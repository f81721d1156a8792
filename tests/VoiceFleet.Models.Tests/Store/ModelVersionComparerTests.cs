using VoiceFleet.Models.Store;
using Xunit;

namespace VoiceFleet.Models.Tests.Store;

public sealed class ModelVersionComparerTests
{
    [Fact]
    public void Order_MixedVersions_NumericFirstThenAlphabetical()
    {
        string[] versions = ["v23", "v-slow", "beta", "v10", "1.10.0", "v9", "v21-rc10", "1.2.0", "v21", "v21-rc9", "v010"];

        var ordered = versions.Order(ModelVersionComparer.Instance).ToArray();

        // Numbers compare as numbers (1.10.0 before v9: 1 < 9); among other versions a digit run sorts before other characters.
        Assert.Equal(["1.2.0", "1.10.0", "v9", "v010", "v10", "v21", "v23", "beta", "v21-rc9", "v21-rc10", "v-slow"], ordered);
    }

    [Theory]
    [InlineData("v9", "v10")]
    [InlineData("v21", "v23")]
    [InlineData("v23", "v-slow")]
    [InlineData("1.2.0", "1.10.0")]
    [InlineData("1.2", "1.2.0")]
    [InlineData("v99999999999999999999999", "v100000000000000000000000")]
    public void Compare_EarlierVersion_IsLess(string earlier, string later)
    {
        Assert.True(ModelVersionComparer.Instance.Compare(earlier, later) < 0);
        Assert.True(ModelVersionComparer.Instance.Compare(later, earlier) > 0);
        Assert.Equal(0, ModelVersionComparer.Instance.Compare(later, later));
    }
}
