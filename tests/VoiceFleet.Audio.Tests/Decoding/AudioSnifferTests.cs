using VoiceFleet.Audio.Decoding;
using VoiceFleet.Audio.Wav;

namespace VoiceFleet.Audio.Tests.Decoding;

public sealed class AudioSnifferTests
{
    [Fact]
    public void Detect_Wav_IsWav()
    {
        var wav = WavWriter.ToBytes(TestSignals.Sine(440, 16000, 1600), 16000);

        Assert.Equal(AudioContainer.Wav, AudioSniffer.Detect(wav));
    }

    [Fact]
    public void Detect_FlacMagic_IsFlac()
    {
        Assert.Equal(AudioContainer.Flac, AudioSniffer.Detect("fLaC\0\0\0\u0022"u8));
    }

    [Fact]
    public void Detect_Id3TagOrFrameSync_IsMp3()
    {
        Assert.Equal(AudioContainer.Mp3, AudioSniffer.Detect("ID3\u0004\0\0\0\0\0\0 more"u8));
        Assert.Equal(AudioContainer.Mp3, AudioSniffer.Detect([0xFF, 0xFB, 0x90, 0x64, 0, 0]));
    }

    [Fact]
    public void Detect_InvalidFrameHeader_IsUnknown()
    {
        // Sync bits, but a reserved sample-rate index.
        Assert.Equal(AudioContainer.Unknown, AudioSniffer.Detect([0xFF, 0xFB, 0x9C, 0x64]));
    }

    [Theory]
    [InlineData("OggS\0\u0002", "Ogg")]
    [InlineData("%PDF-1.7", "PDF")]
    [InlineData("RIFF\0\0\0\0AVI LIST", "AVI")]
    [InlineData("hello world", "68656C6C6F20776F")]
    public void Describe_OtherContent_NamesIt(string content, string expected)
    {
        Assert.Contains(expected, AudioSniffer.Describe(System.Text.Encoding.ASCII.GetBytes(content)), StringComparison.Ordinal);
    }
}
