using VoiceFleet.Text.Tests.Analysis;
using Xunit;

namespace VoiceFleet.Text.Tests.Normalization;

public sealed class ZhNormalizationTests
{
    [Theory]
    [InlineData("我有3个苹果", "我有三个苹果")]
    [InlineData("2个人", "两个人")]
    [InlineData("共1234人", "共一千二百三十四人")]
    [InlineData("共1,234,567人", "共一百二十三万四千五百六十七人")]
    [InlineData("10人", "十人")]
    [InlineData("105人", "一百零五人")]
    [InlineData("1001人", "一千零一人")]
    [InlineData("20000人", "两万人")]
    [InlineData("100010人", "十万零一十人")]
    [InlineData("3.14米", "三点一四米")]
    [InlineData("温度是-5度", "温度是负五度")]
    [InlineData("四分之三是3/4", "四分之三是四分之三")]
    [InlineData("增长了15%", "增长了百分之十五")]
    [InlineData("下降-2.5%", "下降负百分之二点五")]
    [InlineData("3-5天", "三到五天")]
    [InlineData("10%-20%的人", "百分之十到百分之二十的人")]
    [InlineData("2023年", "二零二三年")]
    [InlineData("2023-05-06出发", "二零二三年五月六日出发")]
    [InlineData("2023/5/6出发", "二零二三年五月六日出发")]
    [InlineData("5月6日", "五月六日")]
    [InlineData("2020-2023年", "二零二零到二零二三年")]
    [InlineData("下午3:30开会", "下午三点三十分开会")]
    [InlineData("15:05:09到", "十五点零五分九秒到")]
    [InlineData("8:00到", "八点到")]
    [InlineData("2:15见", "两点十五分见")]
    [InlineData("电话13812345678", "电话幺三八幺二三四五六七八")]
    [InlineData("电话010-12345678", "电话零幺零幺二三四五六七八")]
    [InlineData("¥12.50", "十二元五角")]
    [InlineData("￥8.05", "八元零五分")]
    [InlineData("$5", "五美元")]
    [InlineData("€3.5", "三点五欧元")]
    [InlineData("100元", "一百元")]
    [InlineData("第2名", "第二名")]
    [InlineData("跑了5km", "跑了五千米")]
    [InlineData("重3kg", "重三千克")]
    [InlineData("37℃", "三十七摄氏度")]
    [InlineData("007号", "零零七号")]
    [InlineData("版本1.2.3", "版本一点二点三")]
    [InlineData("１２３个", "一百二十三个")]
    [InlineData("1+1=2", "一加一等于二")]
    public async Task Analyze_MandarinNumbers_WrittenOut(string input, string expected) =>
        Assert.Equal(expected, await TestData.Analyzer.NormalizedAsync(input));

    [Fact]
    public async Task Analyze_YearDigits_YiKeepsFirstTone()
    {
        var result = await TestData.Analyzer.TextAsync("2021年");

        var syllables = result.Sentences.Single().Words.SelectMany(w => w.Syllables).ToList();
        Assert.Equal("yi1", syllables.Single(s => s.Character == "一").Spoken);
    }

    [Fact]
    public async Task Analyze_NumberWords_OriginalIsTheDigits()
    {
        var result = await TestData.Analyzer.TextAsync("今天是2023年");

        var numberWords = result.Sentences.Single().Words.Where(w => w.Original.StartsWith("2023", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(numberWords);
        Assert.All(numberWords, w => Assert.Equal(3, w.SourceOffset));
    }
}
