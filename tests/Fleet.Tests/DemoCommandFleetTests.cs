using System.Globalization;
using System.Text.Json;
using VoiceFleet.Testing;
using Xunit;
using Xunit.Abstractions;

namespace VoiceFleet.Fleet.Tests;

/// <summary><c>voicefleet demo</c> as users run it: the built CLI, the whole fleet, a promotion and a rollback, then exit 0.</summary>
public sealed class DemoCommandFleetTests(ITestOutputHelper output)
{
    private static readonly int[] AllOffsets = [0, 1, 10, 11, 20, 21, 30, 31, 40, 41, 50, 51];

    [Fact]
    public async Task Demo_Quick_PromotesHealthyThenRollsBackFaultyAndExitsZero()
    {
        var portBase = FreePorts.FindBase(AllOffsets);
        var data = Path.Join(Path.GetTempPath(), $"voicefleet-demo-{Guid.NewGuid():N}");
        try
        {
            // About 1 min on an idle machine and 2 min on two cores shared with other test runs (the windows grow with the
            // load), forging the models of a fresh clone included; 4 min stays below the 5 min hang timeout of ./fleet test.
            var (exit, stdout, stderr) = await CliProcess.RunAsync(TimeSpan.FromMinutes(4), "demo", "--quick", "--json", "--port-base", portBase.ToString(CultureInfo.InvariantCulture), "--data", data);
            output.WriteLine(stderr);

            Assert.True(exit == 0, $"demo exited {exit}:\n{stderr}\n{stdout}");
            using var summary = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
            var root = summary.RootElement;
            var releases = root.GetProperty("releases").EnumerateArray().ToArray();
            Assert.Equal(2, releases.Length);
            Assert.Equal(("v23", "promoted"), (releases[0].GetProperty("model_version").GetString(), releases[0].GetProperty("phase").GetString()));
            Assert.Equal(("v-noisy", "rolled_back", "NON_FINITE"), (releases[1].GetProperty("model_version").GetString(), releases[1].GetProperty("phase").GetString(), releases[1].GetProperty("failed_gate").GetString()));
            Assert.Equal(0, root.GetProperty("failures").GetProperty("other").GetInt32());
            Assert.True(root.GetProperty("requests").GetProperty("total").GetInt32() > 100);
            Assert.InRange(root.GetProperty("wall_seconds").GetDouble(), 1, 180);
            Assert.True(File.Exists(Path.Join(data, "release-controller.db")));
            Assert.All(AllOffsets, offset => Assert.True(FreePorts.IsFree(portBase + offset), $"port {portBase + offset} still in use after the demo"));
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // Left in the temporary directory.
            }
        }
    }
}
