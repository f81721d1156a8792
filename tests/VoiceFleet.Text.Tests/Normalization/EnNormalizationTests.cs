using VoiceFleet.Text.Tests.Analysis;
using Xunit;

namespace VoiceFleet.Text.Tests.Normalization;

public sealed class EnNormalizationTests
{
    [Theory]
    [InlineData("room 204", "room two hundred four")]
    [InlineData("1,234 people", "one thousand two hundred thirty-four people")]
    [InlineData("3.14 is pi", "three point one four is pi")]
    [InlineData("it was -5 outside", "it was minus five outside")]
    [InlineData("add 3/4 cup", "add three quarters cup")]
    [InlineData("1/2 of it", "one half of it")]
    [InlineData("a 15% drop", "a fifteen percent drop")]
    [InlineData("wait 3-5 days", "wait three to five days")]
    [InlineData("in 1999 we met", "in nineteen ninety-nine we met")]
    [InlineData("since 2005 it grew", "since two thousand five it grew")]
    [InlineData("in 2023 we met", "in twenty twenty-three we met")]
    [InlineData("the 1990s were fun", "the nineteen nineties were fun")]
    [InlineData("meet at 3:30 PM today", "meet at three thirty P M today")]
    [InlineData("meet at 3:05 today", "meet at three oh five today")]
    [InlineData("meet at 3:00 today", "meet at three o'clock today")]
    [InlineData("on 2023-05-06 we left", "on May sixth, twenty twenty-three we left")]
    [InlineData("on 5/6/2023 we left", "on May sixth, twenty twenty-three we left")]
    [InlineData("on May 6, 2023 we left", "on May sixth, twenty twenty-three we left")]
    [InlineData("call 555-123-4567 now", "call five five five, one two three, four five six seven now")]
    [InlineData("it costs $5.99 now", "it costs five dollars and ninety-nine cents now")]
    [InlineData("it costs $1 now", "it costs one dollar now")]
    [InlineData("it costs €10 now", "it costs ten euros now")]
    [InlineData("it costs $2 million now", "it costs two million dollars now")]
    [InlineData("the 22nd time", "the twenty-second time")]
    [InlineData("the 1st and 3rd", "the first and third")]
    [InlineData("ran 5 km today", "ran five kilometers today")]
    [InlineData("it is 10°C outside", "it is ten degrees Celsius outside")]
    [InlineData("a 1 kg bag", "a one kilogram bag")]
    [InlineData("salt & pepper", "salt and pepper")]
    public async Task Analyze_EnglishNumbers_WrittenOut(string input, string expected) =>
        Assert.Equal(expected, await TestData.Analyzer.NormalizedAsync(input));

    [Fact]
    public async Task Analyze_TimeBeforeFullStop_SentenceStillEnds()
    {
        var result = await TestData.Analyzer.TextAsync("We meet at 3:30 PM. Bring the notes.");

        Assert.Equal(2, result.Sentences.Count);
        Assert.Equal(BreakKind.Sentence, result.Sentences[0].Break);
    }
}
