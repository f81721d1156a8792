using VoiceFleet.Onnx.Runtime;
using VoiceFleet.Testing;
using Xunit;

namespace VoiceFleet.Onnx.Tests.Runtime;

public sealed class OnnxRuntimeLibraryTests
{
    [Fact]
    public void ResolvePath_MissingConfiguredPath_NamesThePathAndTheSetupCommand()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-dir", "libonnxruntime.so.1");

        var error = Assert.Throws<DllNotFoundException>(() => OnnxRuntimeLibrary.ResolvePath(missing, null, AppContext.BaseDirectory));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("./fleet setup", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolvePath_MissingEnvironmentPath_NamesTheVariable()
    {
        var error = Assert.Throws<DllNotFoundException>(() => OnnxRuntimeLibrary.ResolvePath(null, "/nonexistent/libonnxruntime.so.1", AppContext.BaseDirectory));

        Assert.Contains(OnnxRuntimeLibrary.EnvironmentVariable, error.Message, StringComparison.Ordinal);
        Assert.Contains("./fleet setup", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolvePath_NothingInstalledAboveTheApp_SaysToRunSetup()
    {
        var empty = Directory.CreateTempSubdirectory("voicefleet-ort-").FullName;
        try
        {
            var error = Assert.Throws<DllNotFoundException>(() => OnnxRuntimeLibrary.ResolvePath(null, null, empty));

            Assert.Contains("./fleet setup", error.Message, StringComparison.Ordinal);
            Assert.Contains(OnnxRuntimeLibrary.SetupRelativePath, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Fact]
    public void ResolvePath_WalksUpToTheSetUpCopy()
    {
        var expected = RepoPaths.Combine(OnnxRuntimeLibrary.SetupRelativePath);

        Assert.Equal(expected, OnnxRuntimeLibrary.ResolvePath(null, null, AppContext.BaseDirectory));
    }

    [Fact]
    public void ResolvePath_ConfiguredPathWinsOverTheEnvironment()
    {
        var installed = RepoPaths.Combine(OnnxRuntimeLibrary.SetupRelativePath);

        Assert.Equal(installed, OnnxRuntimeLibrary.ResolvePath(installed, "/nonexistent/libonnxruntime.so.1", "/"));
    }

    [Fact]
    public void Load_AFileThatIsNotALibrary_SaysSoAndNamesTheSetupCommand()
    {
        var bogus = Path.Combine(Path.GetTempPath(), $"libonnxruntime-{Guid.NewGuid():N}.so.1");
        File.WriteAllText(bogus, "not a shared library");
        try
        {
            var error = Assert.Throws<DllNotFoundException>(() => OrtApi.Load(bogus));

            Assert.Contains(bogus, error.Message, StringComparison.Ordinal);
            Assert.Contains("./fleet setup", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(bogus);
        }
    }
}
